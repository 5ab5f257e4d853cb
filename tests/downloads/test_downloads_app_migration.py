"""The download statistics moved from the resources app to the downloads app without touching
their table: a database migrated before the move keeps its rows, and the groups that could
read the statistics still can."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from downloads.models import DailyDownloads
from tests.factories import ResourceDocumentFactory

pytestmark = pytest.mark.django_db

BEFORE_THE_MOVE = [("resources", "0004_termbase"), ("downloads", None)]


@pytest.fixture
def executor():
    ContentType.objects.clear_cache()
    yield MigrationExecutor(connection)
    ContentType.objects.clear_cache()  # the test's transaction rolls back what it migrated


def test_the_model_keeps_the_table_it_had_in_the_resources_app():
    assert DailyDownloads._meta.app_label == "downloads"
    assert DailyDownloads._meta.db_table == "resources_dailydownloads"


def test_rows_and_permissions_from_before_the_move_are_kept(executor):
    document = ResourceDocumentFactory()  # its text is queued, in the filetext app's table
    # Check the new rows' foreign keys now: a table with checks still pending cannot be
    # dropped by migrating back.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    old_model = executor.migrate(BEFORE_THE_MOVE).apps.get_model("resources", "DailyDownloads")
    old_model.objects.create(
        day=datetime.date(2026, 3, 3),
        document_id=document.pk,
        language="lo",
        country="LA",
        downloads=5,
    )
    readers = Group.objects.create(name="Statistics readers")
    readers.permissions.add(
        Permission.objects.get(content_type__app_label="resources", codename="view_dailydownloads")
    )

    after = MigrationExecutor(connection)
    after.migrate(after.loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()

    row = DailyDownloads.objects.get()
    assert (row.day, row.document, row.language, row.country, row.downloads) == (
        datetime.date(2026, 3, 3),
        document,
        "lo",
        "LA",
        5,
    )
    assert [p.natural_key() for p in readers.permissions.all()] == [
        ("view_dailydownloads", "downloads", "dailydownloads")
    ]
    assert not ContentType.objects.filter(app_label="resources", model="dailydownloads").exists()
