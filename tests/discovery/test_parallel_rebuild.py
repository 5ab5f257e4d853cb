"""A rebuild split over worker processes writes exactly what a rebuild in one process writes.

The workers read the database through their own connections, so the content here is
committed (a transactional test: the tables are emptied and restored afterwards)."""

import pytest

from discovery import indexing
from discovery.documents import iter_all_documents
from tests import factories
from tests.helpers import give_file_text

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def committed_library(site_tree):
    """Every type of resource, translated or not, a material with two files' text, and a
    private course that no rebuild may write."""
    section = site_tree["section"]
    for n in range(4):
        factories.published_resource(
            section,
            title=f"Welding {n}",
            translations={"en": {"title": f"Welding {n} (en)"}, "lo": {"title": f"ເຊື່ອມ {n}"}},
        )
    factories.published_resource(
        section, factories.VocationalStandardPageFactory, title="Welder standard"
    )
    factories.published_resource(
        section,
        factories.CertificationPageFactory,
        title="Welder certificate",
        translations={"th": {"title": "ใบรับรองช่างเชื่อม"}},
    )
    material = factories.TeachingMaterialPageFactory(parent=section, title="Welding handbook")
    for title, language, words in [("Handbook", "en", "electrode"), ("手册", "zh-hans", "焊条")]:
        document = factories.add_material_file(material, title=title, language=language)
        give_file_text(document, {n: f"{words} {n}" for n in range(1, 4)})
    factories.publish(material)
    factories.translate(material, "en", title="Welding handbook (en)")
    private = factories.published_resource(section, title="Private welding")
    factories.make_private(private)
    return site_tree


def test_worker_processes_index_the_same_documents_as_one_process(
    any_discovery_engine, committed_library, monkeypatch
):
    # Ranges of two pages: each type is split between the processes, as at scale.
    monkeypatch.setattr(indexing, "PAGES_PER_UNIT", 2)
    expected = dict(iter_all_documents())

    serial = indexing.rebuild(workers=1)
    serial_documents = any_discovery_engine.documents()
    serial_pages = any_discovery_engine.file_pages()

    def not_in_this_process(*args, **kwargs):
        raise AssertionError("the parallel rebuild read the documents in the parent process")

    monkeypatch.setattr(indexing, "iter_all_documents", not_in_this_process)
    parallel = indexing.rebuild(workers=2)
    parallel_documents = any_discovery_engine.documents()

    assert len(indexing.work_units()) > 4  # several ranges, shared by two processes
    # 4 courses in 3 languages, a standard, a certification in 2, a material in 2 with 2 files.
    assert serial.documents == parallel.documents == len(expected) == 12 + 1 + 2 + 2 + 2
    assert parallel.index != serial.index
    assert any_discovery_engine.engine.alias_targets(any_discovery_engine.alias) == [parallel.index]
    assert sorted(parallel_documents) == sorted(serial_documents) == sorted(expected)
    assert parallel_documents == serial_documents
    assert any_discovery_engine.file_pages() == serial_pages
    assert not any("Private" in source.get("title", "") for source in parallel_documents.values())


def test_the_index_is_filled_without_replicas_and_served_with_them(
    any_discovery_engine, committed_library, settings, monkeypatch
):
    """Filled without refreshes, replicas or a translog fsynced per request; served with
    all three, as the site configures them (a replica stays unassigned on one node)."""
    settings.DISCOVERY_REPLICAS = 1
    engine = any_discovery_engine.engine
    created = {}
    create_index = type(engine).create_index

    def remember(self, name, body):
        created[name] = body["settings"]
        return create_index(self, name, body)

    monkeypatch.setattr(type(engine), "create_index", remember)
    stats = indexing.rebuild(workers=2)

    assert created[stats.index]["number_of_replicas"] == 0
    assert created[stats.index]["refresh_interval"] == "-1"
    assert created[stats.index]["translog.durability"] == "async"
    live = engine.get_settings(stats.index)[stats.index]["settings"]["index"]
    assert live["number_of_replicas"] == "1"
    assert live["refresh_interval"] == indexing.LIVE_REFRESH_INTERVAL
    assert live["translog"]["durability"] == "request"
    assert stats.documents == len(dict(iter_all_documents()))


def test_a_worker_that_fails_leaves_the_live_index_serving_and_nothing_behind(
    any_discovery_engine, committed_library, monkeypatch
):
    live = indexing.rebuild(workers=2).index
    real_documents = indexing.unit_documents

    def failing_for_materials(unit, chunk_size=1000):
        if unit[0] == "pages" and unit[1] == "resources.TeachingMaterialPage":
            raise RuntimeError("the database went away")
        return real_documents(unit, chunk_size)

    monkeypatch.setattr(indexing, "unit_documents", failing_for_materials)
    with pytest.raises(RuntimeError, match="went away"):
        indexing.rebuild(workers=2)

    engine, alias = any_discovery_engine.engine, any_discovery_engine.alias
    assert engine.alias_targets(alias) == [live]
    assert engine.indices_matching(f"{alias}-*") == [live]
    assert len(any_discovery_engine.documents()) == len(dict(iter_all_documents()))
