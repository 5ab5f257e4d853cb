"""The synthetic generator (`manage.py generate_synthetic_resources`) on the test database: a
small run writes published resources in several languages that pass the generator's own
checks, and files with their extracted text for the teaching materials; a second run adds
nothing; --no-file-text leaves the files out, a later run adds them, --reset removes them;
and a database not named *_bench is refused."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models.signals import post_save
from wagtail.models import Locale

from demo import taxonomy, tree
from demo.sync import Tally
from demo.synthetic.material_files import synthetic_documents
from demo.synthetic.naming import ID_PREFIX, SLUG_PREFIX
from demo.synthetic.vocabulary import FILE_TERMS
from digital_lm.languages import LANGUAGE_CODES
from filetext.models import DocumentText, TextSegment
from resources.editorial.signals import institution_saved
from resources.models import (
    Institution,
    MaterialFile,
    ResourceDocument,
    TeachingMaterialPage,
    resource_page_models,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the generator writes with PostgreSQL's COPY"
    ),
]

COUNT = 40


@pytest.fixture
def alliance():
    """What the generator builds on, without the demo's 60 resources (loading them takes a
    minute): the demo's snippets, and each language's home page and resource library.

    The editorial set-up that saving a new institution triggers (groups, workflows, a
    section: test_editorial_setup's subject) is muted for the demo's institutions and the
    generator's own: it would be nine tenths of this test's time."""
    post_save.disconnect(institution_saved, sender=Institution)
    try:
        locales = {code: Locale.objects.get(language_code=code) for code in LANGUAGE_CODES}
        tally = Tally()
        countries = taxonomy.load_countries(locales, tally)
        taxonomy.load_sectors(locales, tally)
        taxonomy.load_levels(locales, tally)
        taxonomy.load_institutions(locales, countries, tally)
        tree.remove_welcome_page()
        homes = tree.load_homes(locales, tally)
        tree.load_catalogues(homes, locales, tally)
        yield
    finally:
        post_save.connect(institution_saved, sender=Institution)


def generate(*options, count=COUNT):
    """Run the command as a benchmark would, but on the test database (hence the flag) and
    without the database search index, which it fills from forked processes that cannot
    see the test's transaction. It fails if its checks find a problem."""
    out = io.StringIO()
    call_command(
        "generate_synthetic_resources",
        f"--count={count}",
        "--seed=3",
        "--db-index=none",
        "--i-know-this-is-a-bench-db",
        *options,
        stdout=out,
    )
    return out.getvalue()


def synthetic_pages():
    return [
        page
        for model in resource_page_models()
        for page in model.objects.filter(external_id__startswith=ID_PREFIX).select_related("locale")
    ]


def synthetic_materials():
    return TeachingMaterialPage.objects.filter(external_id__startswith=ID_PREFIX)


def check_material_files():
    """Every synthetic material's translations link the same one or two documents, in its
    languages; each document has its text stored as the extraction leaves it. Returns
    (documents, text segments)."""
    documents = list(synthetic_documents())
    by_key = {}
    for page in synthetic_materials().select_related("locale"):
        links = list(MaterialFile.objects.filter(material=page).order_by("sort_order"))
        assert 1 <= len(links) <= 2
        assert [link.sort_order for link in links] == list(range(len(links)))
        by_key.setdefault(page.translation_key, []).append(
            (page.locale.language_code, [link.document_id for link in links])
        )
    for translations in by_key.values():
        languages = {lang for lang, _ids in translations}
        linked = {tuple(ids) for _lang, ids in translations}
        assert len(linked) == 1  # the same files on every translation
        for document in ResourceDocument.objects.filter(pk__in=linked.pop()):
            assert document.language in languages
    assert {d.pk for d in documents} == set(
        MaterialFile.objects.filter(material__in=synthetic_materials()).values_list(
            "document_id", flat=True
        )
    )
    segments = 0
    for document in documents:
        assert document.file.name and document.content_type and document.checksum_sha256
        text = DocumentText.objects.get(document=document)
        assert text.checksum_sha256 == document.checksum_sha256
        pages = list(text.text_segments.all())
        assert text.segments == len(pages)
        if text.status == DocumentText.Status.DONE:
            assert document.content_type == "application/pdf"
            assert 5 <= len(pages) <= 60
            assert [p.number for p in pages] == list(range(1, len(pages) + 1))
            assert all(1500 <= len(p.text) <= 3500 for p in pages)
            # Written in the file's language, with words that only files use.
            assert any(term in pages[0].text for term in FILE_TERMS[document.language])
            segments += len(pages)
        else:
            assert text.status == DocumentText.Status.NO_TEXT and not pages
    return documents, segments


def test_a_small_run_writes_published_resources_in_several_languages_that_pass_its_checks(
    alliance,
):
    output = generate()

    pages = synthetic_pages()
    assert len(pages) == COUNT
    assert all(page.slug.startswith(SLUG_PREFIX) for page in pages)
    assert all(page.live and not page.has_unpublished_changes for page in pages)
    assert all(page.first_published_at and page.last_published_at for page in pages)
    languages = {page.locale.language_code for page in pages}
    assert {"zh-hans", "en"} < languages and len(languages) >= 4
    assert {type(page) for page in pages} == set(resource_page_models())
    assert "no problems" in output

    documents, segments = check_material_files()
    assert synthetic_materials().exists() and documents and segments

    # A second run with the same count finds them all and adds nothing.
    assert "nothing to add" in generate("--no-check")
    assert {(p.pk, p.title) for p in synthetic_pages()} == {(p.pk, p.title) for p in pages}
    assert len(synthetic_documents()) == len(documents)


def test_files_left_out_are_added_by_a_later_run_and_a_reset_removes_them(alliance):
    generate("--no-file-text", "--no-check")
    assert synthetic_materials().exists()
    assert not synthetic_documents().exists() and not MaterialFile.objects.exists()

    generate("--no-check")
    documents, segments = check_material_files()
    assert documents and segments
    # Decided by the seed and the material alone: the same files and text again.
    before = sorted(
        (d.file.name, d.checksum_sha256, d.extracted_text.characters) for d in documents
    )
    generate("--reset", "--no-check", count=0)
    assert not synthetic_pages() and not synthetic_documents().exists()
    assert not MaterialFile.objects.exists() and not DocumentText.objects.exists()
    assert not TextSegment.objects.exists()

    generate("--no-check")
    after = sorted(
        (d.file.name, d.checksum_sha256, d.extracted_text.characters)
        for d in synthetic_documents().select_related("extracted_text")
    )
    assert after == before


def test_a_database_whose_name_does_not_end_in_bench_is_refused(monkeypatch):
    monkeypatch.setitem(connection.settings_dict, "NAME", "dlm_site")
    with pytest.raises(CommandError, match="does not end in '_bench'"):
        call_command("generate_synthetic_resources", "--count=1", stdout=io.StringIO())
    assert synthetic_pages() == []
