"""The text inside teaching materials' files in the discovery index: one document per public
file, its pages nested, kept in line by the worker when a file is removed, replaced or made private,
written by a rebuild, and read with a fixed number of queries however many pages there are."""

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction

from discovery import indexing, worker
from discovery.documents import documents_for_keys
from discovery.params import parse_query
from discovery.service import search
from downloads.access import may_download
from resources.models import MaterialFile
from tests import factories
from tests.helpers import give_file_text

pytestmark = [pytest.mark.engine, pytest.mark.django_db]

PDF = "application/pdf"


def file_documents(index):
    return {i: s for i, s in index.documents().items() if s.get("kind") == "file"}


def private_collection(name="Teachers only"):
    collection = Collection.get_first_root_node().add_child(name=name)
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def test_a_public_file_is_a_document_of_the_material_with_its_pages(
    any_discovery_engine, material_with_text
):
    material, (handbook,) = material_with_text(
        "Motor repair",
        files=[("ຄູ່ມືສ້ອມແປງ", "lo", {1: "ບົດນໍາ", 2: "ເຄື່ອງຈັກ"}, PDF)],
        translations={"lo": {"title": "ການສ້ອມແປງມໍເຕີ"}},
    )
    any_discovery_engine.sync()

    documents = any_discovery_engine.documents()
    key = str(material.translation_key)
    file_id = f"{key}:file:{handbook.pk}"
    file = documents[file_id]
    lao = material.get_translation(factories.Locale.objects.get(language_code="lo"))
    assert file["kind"] == "file" and file["primary"] is False
    assert file["language"] == "lo" and file["location"] == "page"
    assert file["page_id"] == lao.pk  # the translation in the file's language
    assert file["file_name"] == handbook.download_filename
    assert file["file_url"] == handbook.url
    assert file["available_languages"] == ["zh-hans", "lo"]
    assert file["external_id"] == material.external_id
    pages = any_discovery_engine.file_pages()[file_id]
    assert pages == [(1, "", "ບົດນໍາ"), (2, "", "ເຄື່ອງຈັກ")]
    # The text is searched and highlighted page by page, never sent back whole.
    assert "ເຄື່ອງຈັກ" not in str(file)
    # Both translations link the file: it is written once.
    assert len(file_documents(any_discovery_engine)) == 1
    assert {d["kind"] for i, d in documents.items() if ":file:" not in i} == {"page"}


def test_only_public_files_with_text_of_the_file_as_it_is_now_are_indexed(
    discovery_index, material_with_text
):
    private = private_collection()
    material, (public, hidden, replaced, waiting) = material_with_text(
        "Welding safety",
        files=[
            ("Public sheet", "en", {1: "argon shielding"}),
            ("Assessment key", "en", {1: "answers to the final test"}),
            ("Old handbook", "en", {1: "flux core"}),
            ("New handbook", "en", {1: "not yet read"}),
        ],
    )
    hidden.collection = private
    hidden.save()
    assert not may_download(None, hidden) and may_download(None, public)
    # A file replaced after its text was read: the text is of the old file.
    type(replaced).objects.filter(pk=replaced.pk).update(checksum_sha256="0" * 64)
    waiting.extracted_text.status = "running"
    waiting.extracted_text.save()

    documents = documents_for_keys([material.translation_key])

    files = {s["file_title"] for s in documents.values() if s["kind"] == "file"}
    assert files == {"Public sheet"}


def test_the_worker_removes_pages_of_files_removed_replaced_or_made_private(
    any_discovery_engine,
    material_with_text,
    run_discovery_worker,
    django_capture_on_commit_callbacks,
):
    material, (kept, removed, shortened, made_private) = material_with_text(
        "Solar installation",
        files=[
            ("Kept", "en", {1: "panels"}),
            ("Removed", "en", {1: "inverters"}),
            ("Shortened", "en", {1: "cables", 2: "fuses", 3: "meters"}),
            ("Made private", "en", {1: "answers"}),
        ],
    )
    any_discovery_engine.sync()
    assert len(file_documents(any_discovery_engine)) == 4

    with django_capture_on_commit_callbacks(execute=True):
        # Taken off the material, and the material published again.
        MaterialFile.objects.filter(material=material, document=removed).delete()
        factories.publish(material)
        # Replaced by a shorter file, whose text is read.
        shortened.file = ContentFile(b"%PDF-1.4\n% shorter\n%%EOF\n", name="shortened.pdf")
        shortened.save()
        give_file_text(shortened, {1: "cables only"})
        # Its collection made private after it was indexed.
        collection = Collection.get_first_root_node().add_child(name="Staff")
        made_private.collection = collection
        made_private.save()
        CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
    run_discovery_worker()

    files = file_documents(any_discovery_engine)
    left = {
        files[doc_id]["file_title"]: pages
        for doc_id, pages in any_discovery_engine.file_pages().items()
    }
    assert left == {"Kept": [(1, "", "panels")], "Shortened": [(1, "", "cables only")]}


def test_a_collection_made_private_queues_its_materials(discovery_index, material_with_text):
    material, (document,) = material_with_text(
        "Brakes", files=[("Brake manual", "en", {1: "pads"})]
    )
    discovery_index.sync()
    parent = Collection.get_first_root_node().add_child(name="Internal")
    document.collection = parent.add_child(name="Drafts")
    document.save()
    worker.process_pending()

    CollectionViewRestriction.objects.create(
        collection=parent, restriction_type=CollectionViewRestriction.PASSWORD, password="x"
    )

    assert worker.pending_count() == 1
    worker.process_pending()
    assert file_documents(discovery_index) == {}


def test_text_extracted_later_reaches_the_index(discovery_index, material_with_text):
    material, (document,) = material_with_text("Pumps", files=[("Pump guide", "en", {})])
    document.extracted_text.delete()
    discovery_index.sync()
    assert file_documents(discovery_index) == {}

    give_file_text(document, {1: "impeller"})  # the extraction finishing
    worker.process_pending()

    assert list(discovery_index.file_pages().values()) == [[(1, "", "impeller")]]


def test_a_rebuild_writes_the_files_and_browsing_counts_resources(
    any_discovery_engine, material_with_text
):
    material_with_text(
        "Hydraulics", files=[("Hydraulics notes", "en", {n: f"valve {n}" for n in range(1, 6)})]
    )
    material_with_text("Pneumatics", files=[("Pneumatics notes", "en", {1: "compressor"})])

    stats = indexing.rebuild()

    assert stats.documents == 2 + 2
    assert sorted(len(pages) for pages in any_discovery_engine.file_pages().values()) == [1, 5]
    browsing = search(parse_query({}))
    assert browsing.count == 2
    assert {v.value: v.count for v in browsing.facets["type"]}.get("material") == 2


def test_reading_the_documents_takes_as_many_queries_for_many_files_and_pages(
    db, material_with_text, django_assert_max_num_queries, django_assert_num_queries
):
    small, _ = material_with_text("Small", files=[("One", "en", {1: "a"})])
    large, _ = material_with_text(
        "Large",
        files=[(f"File {i}", "en", {n: f"page {n}" for n in range(1, 30)}) for i in range(6)],
        translations={"lo": {"title": "ໃຫຍ່"}, "th": {"title": "ใหญ่"}},
    )
    documents_for_keys([small.translation_key])  # caches of the site's root paths, types...
    with django_assert_max_num_queries(100) as few:
        assert len(documents_for_keys([small.translation_key])) == 1 + 1
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(documents_for_keys([large.translation_key])) == 3 + 6
