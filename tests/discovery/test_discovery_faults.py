"""Fault injection on the real OpenSearch of the rig: the engine is stopped while editors
publish and unpublish, and killed right after acknowledging writes. Nothing is lost."""

import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from discovery import worker
from discovery.models import PendingIndexUpdate
from discovery.params import parse_query
from discovery.queue import enqueue
from discovery.service import search
from tests import factories

pytestmark = [pytest.mark.engine, pytest.mark.django_db]

OPENSEARCH = Path(settings.BASE_DIR) / "scripts" / "services" / "opensearch.sh"


def opensearch(action):
    subprocess.run(  # noqa: S603 — the rig's own script
        [str(OPENSEARCH), action], check=True, capture_output=True, timeout=300
    )


def wait_until_searchable(index):
    index.engine.client.cluster.health(
        index=index.alias, wait_for_status="yellow", timeout="60s", request_timeout=70
    )


def titles(index):
    index.refresh()
    return sorted(source["title"] for source in index.documents().values())


def backoff_is_over():
    """Move the queue's clock instead of waiting: its rows and the worker's scheduled retry
    become due now."""
    now = timezone.now()
    PendingIndexUpdate.objects.update(next_attempt_at=now)
    DBTaskResult.objects.filter(status=TaskResultStatus.READY, run_after__gt=now).update(
        run_after=now
    )


def test_while_the_engine_is_down_editors_publish_and_nothing_is_lost(
    site_tree, discovery_index, django_capture_on_commit_callbacks, run_discovery_worker
):
    section = site_tree["section"]
    factories.publish(factories.CoursePageFactory(parent=section, title="Bamboo weaving"))
    pottery = factories.publish(factories.CoursePageFactory(parent=section, title="Pottery"))
    discovery_index.sync()

    opensearch("stop")
    try:
        # Editors publish and unpublish as usual: no error reaches them.
        with django_capture_on_commit_callbacks(execute=True):
            factories.publish(factories.CoursePageFactory(parent=section, title="Silk dyeing"))
            pottery.unpublish()
        run_discovery_worker()  # tries, fails, schedules its retry
        assert PendingIndexUpdate.objects.count() == 2
        assert PendingIndexUpdate.objects.filter(attempts=1).count() == 2

        # Visitors still get answers, from the database, marked degraded.
        result = search(parse_query({"q": "silk"}))
        assert result.degraded
        assert [hit.title for hit in result.results] == ["Silk dyeing"]
        assert search(parse_query({"q": "pottery"})).count == 0
    finally:
        opensearch("start")
    wait_until_searchable(discovery_index)

    # The worker's scheduled retry runs once the backoff is over, as a running worker would.
    backoff_is_over()
    run_discovery_worker()

    assert not PendingIndexUpdate.objects.exists()
    assert titles(discovery_index) == ["Bamboo weaving", "Silk dyeing"]
    result = search(parse_query({"q": "silk"}))
    assert not result.degraded and result.count == 1


def test_writes_the_engine_acknowledged_survive_a_crash(site_tree, discovery_index):
    section = site_tree["section"]
    index_settings = discovery_index.engine.get_settings(discovery_index.alias)
    assert {s["settings"]["index"]["translog"]["durability"] for s in index_settings.values()} == {
        "request"
    }
    for title in ("Coffee roasting", "Cocoa fermentation", "Tea withering"):
        factories.publish(factories.CoursePageFactory(parent=section, title=title))
    # Acknowledged, not refreshed nor flushed: only the translog holds these writes.
    enqueue({p.translation_key for p in section.get_children().specific()})
    worker.process_pending()

    opensearch("crash")  # SIGKILL, as a power cut would
    opensearch("start")
    wait_until_searchable(discovery_index)

    assert titles(discovery_index) == ["Cocoa fermentation", "Coffee roasting", "Tea withering"]
