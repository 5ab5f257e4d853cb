"""Keeping the discovery index true: lifecycle events queue durable updates that a worker
writes in bulk, idempotently, retrying with backoff while the engine is unreachable; and a
rebuild swaps a complete new index in while searches keep answering."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from wagtail.models import PageViewRestriction

from discovery import indexing, queue, worker
from discovery.engine import EngineUnavailable
from discovery.models import PendingIndexUpdate
from discovery.params import parse_query
from discovery.service import search
from resources.models import ResourceIndexPage
from tests import factories

pytestmark = [pytest.mark.engine, pytest.mark.django_db]


@pytest.fixture
def section(site_tree):
    return site_tree["section"]


def titles_in_index(index):
    return sorted((s["title"], s["language"]) for s in index.documents().values())


def test_publishing_queues_an_update_that_the_worker_writes(
    section, discovery_index, django_capture_on_commit_callbacks, run_discovery_worker
):
    with django_capture_on_commit_callbacks(execute=True):
        page = factories.publish(factories.CoursePageFactory(parent=section, title="Rail signals"))
    assert PendingIndexUpdate.objects.filter(translation_key=page.translation_key).exists()
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # one wake-up, not one each

    run_discovery_worker()

    assert not PendingIndexUpdate.objects.exists()
    assert titles_in_index(discovery_index) == [("Rail signals", "zh-hans")]


def test_each_lifecycle_event_brings_the_index_in_line(section, discovery_index):
    mine = {"parent": section, "institution": section.institution}
    course = factories.publish(factories.CoursePageFactory(title="Solar wiring", **mine))
    other = factories.publish(factories.CoursePageFactory(title="Wind turbines", **mine))
    discovery_index.sync()

    # A translation published: a new document, and every document lists the languages.
    factories.translate(course, "lo", title="ການຕິດຕັ້ງແສງອາທິດ")
    worker.process_pending()
    documents = discovery_index.documents()
    assert {
        d["available_languages"] == ["zh-hans", "lo"]
        for d in documents.values()
        if d["external_id"] == course.external_id
    } == {True}

    # Unpublished: gone, with its translations' lists updated.
    course.get_translation(factories.Locale.objects.get(language_code="lo")).unpublish()
    worker.process_pending()
    assert titles_in_index(discovery_index) == [
        ("Solar wiring", "zh-hans"),
        ("Wind turbines", "zh-hans"),
    ]
    solar = next(d for d in discovery_index.documents().values() if d["title"] == "Solar wiring")
    assert solar["available_languages"] == ["zh-hans"]

    # The institution renamed: its name is searchable under the new name.
    institution = section.institution
    institution.name = "Pakpasak Technical College"
    institution.save()
    worker.process_pending()
    discovery_index.refresh()
    assert search(parse_query({"q": "pakpasak"})).count == 2

    # Moved into a password-protected section: no longer public.
    private = ResourceIndexPage.objects.get(
        institution=factories.InstitutionFactory(slug="private-tc", name="Private")
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    other.move(private, pos="last-child")
    worker.process_pending()
    assert titles_in_index(discovery_index) == [("Solar wiring", "zh-hans")]

    # The restriction lifted: public again.
    PageViewRestriction.objects.filter(page=private).delete()
    worker.process_pending()
    assert titles_in_index(discovery_index) == [
        ("Solar wiring", "zh-hans"),
        ("Wind turbines", "zh-hans"),
    ]

    # Deleted.
    course.delete()
    worker.process_pending()
    assert titles_in_index(discovery_index) == [("Wind turbines", "zh-hans")]


def test_processing_twice_gives_the_same_index(section, discovery_index):
    page = factories.publish(factories.CoursePageFactory(parent=section, title="Rice milling"))
    discovery_index.sync()
    first = discovery_index.documents()
    queue.enqueue({page.translation_key})
    worker.process_pending()
    assert discovery_index.documents() == first


def test_an_unreachable_engine_keeps_the_updates_and_retries_with_backoff(
    section, discovery_index, settings, django_capture_on_commit_callbacks, run_discovery_worker
):
    settings.DISCOVERY_URL = "http://127.0.0.1:9"  # nothing listens there
    # The editor publishes without noticing anything.
    with django_capture_on_commit_callbacks(execute=True):
        page = factories.publish(factories.CoursePageFactory(parent=section, title="Pumps"))
    run_discovery_worker()

    row = PendingIndexUpdate.objects.get(translation_key=page.translation_key)
    assert row.attempts == 1
    assert "Connection refused" in row.last_error
    wait = (row.next_attempt_at - timezone.now()).total_seconds()
    assert 0 < wait <= worker.backoff(1)
    # The worker scheduled its own retry for when the row is due.
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.run_after >= row.next_attempt_at - datetime.timedelta(seconds=1)
    with pytest.raises(EngineUnavailable):
        PendingIndexUpdate.objects.update(next_attempt_at=timezone.now())
        worker.process_pending()
    assert PendingIndexUpdate.objects.get().attempts == 2
    assert worker.backoff(2) == 2 * worker.backoff(1)
    assert worker.backoff(30) == worker.BACKOFF_MAX_SECONDS

    # The search page still answers, from the database, and says so.
    result = search(parse_query({"q": "pumps"}))
    assert result.degraded
    assert [h.title for h in result.results] == ["Pumps"]


def test_a_rebuild_swaps_in_a_complete_index_while_searches_keep_answering(
    section, discovery_index, monkeypatch
):
    for n in range(5):
        factories.publish(factories.CoursePageFactory(parent=section, title=f"Masonry {n}"))
    discovery_index.sync()
    old_index = discovery_index.engine.alias_targets(discovery_index.alias)
    seen_during_rebuild = []
    real_documents = indexing.iter_all_documents

    def documents_while_someone_searches():
        for n, document in enumerate(real_documents()):
            if n == 2:
                seen_during_rebuild.append(search(parse_query({"q": "masonry"})).count)
                # An editor publishes meanwhile: the worker writes to both indices.
                factories.publish(factories.CoursePageFactory(parent=section, title="Masonry late"))
                worker.process_pending()
            yield document

    monkeypatch.setattr(indexing, "iter_all_documents", documents_while_someone_searches)
    stats = indexing.rebuild()

    assert seen_during_rebuild == [5]  # the old index answered, complete
    assert discovery_index.engine.alias_targets(discovery_index.alias) == [stats.index]
    assert stats.index not in old_index
    assert old_index and not discovery_index.engine.indices_matching(old_index[0] + "*")
    discovery_index.refresh()
    assert search(parse_query({"q": "masonry"})).count == 6
    assert stats.documents == 6


def test_the_rebuild_command_reports_its_speed(section, discovery_engine, capsys):
    factories.publish(factories.CoursePageFactory(parent=section, title="Tea processing"))
    call_command("rebuild_discovery_index")
    out = capsys.readouterr().out
    assert "Indexed 1 documents" in out and "documents/s" in out
    discovery_engine.refresh()
    assert search(parse_query({"q": "tea"})).count == 1


def test_a_rebuild_that_fails_before_going_live_leaves_no_index_behind(
    section, discovery_index, monkeypatch
):
    """A whole index left over by a failed rebuild would hold the engine's memory: the
    engine refuses the new index's settings here, and the live index stays the only one."""
    factories.publish(factories.CoursePageFactory(parent=section, title="Bricklaying"))
    discovery_index.sync()
    live = discovery_index.engine.alias_targets(discovery_index.alias)
    monkeypatch.setattr(indexing, "LIVE_REFRESH_INTERVAL", "not-a-duration")
    with pytest.raises(Exception):  # noqa: B017 — whatever the engine's client raises
        indexing.rebuild()
    assert discovery_index.engine.indices_matching(f"{discovery_index.alias}-*") == live
    assert search(parse_query({"q": "bricklaying"})).count == 1
