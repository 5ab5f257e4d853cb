"""The database search (the quick start's, and everyone's when the engine is down) finds a
teaching material by the text of its public files: after the resources whose own page
matched, saying which file, which page, and the passage with the words marked. Files of
private collections never count; the cost of a search does not grow with matching files."""

import json
import os
import select
import subprocess
import sys
from urllib.parse import urlencode

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Collection, CollectionViewRestriction

from discovery import fallback
from discovery.params import parse_query
from filetext.models import DocumentText, TextSegment
from tests import factories
from tests.discovery.sqlite_quickstart import FILE_TEXT
from tests.factories import add_material_file
from tests.helpers import PROJECT_ROOT

PDF = b"%PDF-1.7\n% handbook\n%%EOF\n"


def with_text(document, pages):
    # Replaces the waiting row the upload queued.
    text, _new = DocumentText.objects.update_or_create(
        document=document,
        defaults={"checksum_sha256": document.checksum_sha256, "status": "done"},
    )
    TextSegment.objects.bulk_create(
        TextSegment(document_text=text, number=n, text=body) for n, body in pages.items()
    )


def material_with_file(section, title, pages, **file_fields):
    material = factories.published_resource(
        section, factories.TeachingMaterialPageFactory, title=title, summary=title
    )
    document = add_material_file(
        material,
        title=f"{title} file",
        language="en",
        file=ContentFile(PDF, "f.pdf"),
        **file_fields,
    )
    with_text(document, pages)
    return material, document


def search(q):
    return fallback.search(parse_query({"q": q}, lang="en"))


@pytest.fixture
def private_collection(db):
    private = Collection.get_first_root_node().add_child(name="Teachers only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return private


def test_a_material_is_found_by_the_text_of_its_file_after_the_page_matches(site_tree):
    section = site_tree["section"]
    course = factories.published_resource(
        section, title="Earthing systems", summary="Earthing systems"
    )
    filler = {n: f"Page {n}: general wiring practice." for n in range(1, 40)}
    material, document = material_with_file(
        section, "Electrical workshop handbook", {**filler, 37: "Test the earthing electrode."}
    )

    result = search("earthing")

    assert [hit.page_id for hit in result.results] == [course.pk, material.pk]
    assert result.results[0].found_in is None
    found = result.results[1].found_in
    assert found.file_title == "Electrical workshop handbook file"
    assert (found.location, found.number) == ("page", 37)
    assert found.highlight == ["Test the <mark>earthing</mark> electrode."]
    assert found.url == f"{document.url}?view=1#page=37"


def test_files_of_private_collections_never_count(site_tree, private_collection):
    material_with_file(
        site_tree["section"],
        "Answer keys",
        {3: "the secretword answer"},
        collection=private_collection,
    )

    assert search("secretword").results == []


def test_files_of_private_or_draft_materials_never_count(site_tree):
    private, _ = material_with_file(site_tree["section"], "Private one", {1: "hiddenword"})
    factories.make_private(private)
    draft, _ = material_with_file(site_tree["section"], "Draft one", {1: "draftword"})
    draft.unpublish()

    assert search("hiddenword").results == []
    assert search("draftword").results == []


def test_every_word_must_be_on_one_page_and_scripts_without_spaces_match(site_tree):
    material, _ = material_with_file(
        site_tree["section"], "Lao handbook", {1: "ການເຊື່ອມໂລຫະ ແລະ ຄວາມປອດໄພ", 2: "ໂລຫະ"}
    )

    found = search("ເຊື່ອມ ປອດໄພ").results

    assert [hit.page_id for hit in found] == [material.pk]
    assert found[0].found_in.number == 1
    assert search("ເຊື່ອມ nothingelse").results == []


def test_the_query_count_does_not_grow_with_matching_files(site_tree):
    section = site_tree["section"]
    material_with_file(section, "First", {1: "voltmeter reading"})
    search("voltmeter")  # facet labels are cached after a first search
    with CaptureQueriesContext(connection) as one:
        assert len(search("voltmeter").results) == 1

    for n in range(6):
        material_with_file(section, f"More {n}", {2: "voltmeter reading"})
    search("voltmeter")  # new pages' labels are read again, once
    with CaptureQueriesContext(connection) as seven:
        assert len(search("voltmeter").results) == 7

    assert len(seven.captured_queries) == len(one.captured_queries)


def test_at_most_a_fixed_number_of_pages_is_read(site_tree, monkeypatch):
    monkeypatch.setattr(fallback, "MAX_FILE_SEGMENTS", 3)
    section = site_tree["section"]
    for n in range(5):
        material_with_file(section, f"Book {n}", {1: "ohmmeter"})

    assert len(search("ohmmeter").results) == 3


# --- the quick start, on SQLite --------------------------------------------------------------


@pytest.fixture(scope="module")
def sqlite_site(tmp_path_factory):
    """The quick start's site on a fresh SQLite file, in its own process (see
    tests/discovery/sqlite_quickstart.py), with a material whose file has text."""
    folder = tmp_path_factory.mktemp("quickstart-files")
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DJANGO_", "DLM_", "DATABASE_"))
    }
    env.update(
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        DJANGO_SETTINGS_MODULE="digital_lm.settings.dev",
        DLM_DISCOVERY_ENGINE="database",
        DJANGO_MEDIA_ROOT=str(folder / "media"),
    )
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert migrate.returncode == 0, migrate.stderr[-4000:]
    errors = (folder / "stderr.txt").open("w+", encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.discovery.sqlite_quickstart"],
        cwd=PROJECT_ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
        encoding="utf-8",
    )

    def ask(request):
        if request is not None:
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], 600)
        line = process.stdout.readline() if ready else ""
        if not line:
            errors.seek(0)
            pytest.fail(f"the SQLite site stopped answering:\n{errors.read()[-4000:]}")
        return json.loads(line)

    ask.log = lambda: (folder / "stderr.txt").read_text(encoding="utf-8")[-4000:]
    ask(None)  # the corpus is built
    ask({"op": "add_file_text"})
    yield ask
    process.stdin.close()
    process.wait(timeout=30)


def test_the_quick_start_finds_a_material_by_its_files_text(sqlite_site):
    answer = sqlite_site({"path": "/api/discovery/", "query_string": f"q={FILE_TEXT['word']}"})

    assert answer["status"] == 200, answer.get("error")
    hits = answer["json"]["results"]
    assert [hit["external_id"] for hit in hits] == [FILE_TEXT["external_id"]]
    found = hits[0]["found_in"]
    assert (found["location"], found["number"]) == ("page", FILE_TEXT["page"])
    assert f"<mark>{FILE_TEXT['word']}</mark>" in found["highlight"][0]
    assert found["url"].endswith(f"?view=1#page={FILE_TEXT['page']}")


def test_the_quick_starts_private_files_never_count(sqlite_site):
    answer = sqlite_site(
        {"path": "/api/discovery/", "query_string": f"q={FILE_TEXT['private_word']}"}
    )

    assert answer["status"] == 200, answer.get("error")
    assert answer["json"]["results"] == []


def test_the_quick_start_matches_capitals_in_vietnamese_file_text(sqlite_site):
    answer = sqlite_site({"path": "/api/discovery/", "query_string": urlencode({"q": "điện áp"})})

    assert answer["status"] == 200, sqlite_site.log()
    assert [hit["external_id"] for hit in answer["json"]["results"]] == [FILE_TEXT["external_id"]]
