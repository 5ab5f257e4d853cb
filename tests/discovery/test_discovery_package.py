"""The discovery code moved from the ``search`` package to ``discovery`` and kept its app
label: its tables, permissions and migrations stay where they were, and a run of the index
task queued before the upgrade still runs after it."""

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django_tasks_db.models import DBTaskResult

from discovery.models import DailySearches, PendingIndexUpdate
from discovery.tasks import sync_discovery_index

pytestmark = pytest.mark.django_db

BEFORE_THE_RENAME = [("search", "0002_daily_searches")]


def test_the_app_keeps_its_label_tables_and_permissions():
    config = apps.get_app_config("search")
    assert config.name == "discovery"
    assert {DailySearches._meta.db_table, PendingIndexUpdate._meta.db_table} == {
        "search_dailysearches",
        "search_pendingindexupdate",
    }
    assert DailySearches._meta.app_label == "search"


def test_a_task_queued_under_the_old_package_runs_from_the_new_one():
    queued = sync_discovery_index.using(backend="discovery").enqueue()
    executor = MigrationExecutor(connection)

    executor.migrate(BEFORE_THE_RENAME)
    assert DBTaskResult.objects.get(id=queued.id).task_path == "search.tasks.sync_discovery_index"

    after = MigrationExecutor(connection)
    after.migrate(after.loader.graph.leaf_nodes())
    row = DBTaskResult.objects.get(id=queued.id)
    assert row.task_path == "discovery.tasks.sync_discovery_index"
    assert row.task.func is sync_discovery_index.func  # what the worker imports and runs
