"""Search inside one teaching material's files: a teacher types words on the material's page
and sees the pages of its files where they occur, the words marked, each with a link that
opens the file at that page. Only files the visitor may download are searched, only from a
page they may see; the engine answers when it can, the database otherwise."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import translation
from myanmar import converter
from wagtail.models import Collection, CollectionViewRestriction

from filetext.models import DocumentText, TextSegment
from tests import factories
from tests.factories import add_material_file
from tests.helpers import DiscoveryTestIndex, drop_indices, soup, text_of, use_discovery_engine

PDF = b"%PDF-1.7\n% handbook\n%%EOF\n"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
LAO_WORDS = "ເບຣກເກີວົງຈອນ"  # circuit breaker, written without spaces
BURMESE = "လျှပ်စစ်ဘေးအန္တရာယ်"  # electrical hazard, in Unicode


def with_text(document, pages, checksum=None):
    """The document's text as extracted: {page number: text}."""
    # Replaces the waiting row the upload queued.
    text, _new = DocumentText.objects.update_or_create(
        document=document,
        defaults={
            "checksum_sha256": checksum or document.checksum_sha256,
            "status": DocumentText.Status.DONE,
            "segments": len(pages),
        },
    )
    TextSegment.objects.bulk_create(
        TextSegment(document_text=text, number=number, text=body) for number, body in pages.items()
    )
    return text


@pytest.fixture
def material(site_tree):
    return factories.published_resource(
        site_tree["section"], factories.TeachingMaterialPageFactory, title="Electrical safety"
    )


@pytest.fixture
def handbook(material):
    document = add_material_file(
        material, title="Electrical handbook", language="en", file=ContentFile(PDF, "h.pdf")
    )
    pages = {n: f"Page {n} of the handbook: wiring, tools and testing." for n in range(1, 60)}
    pages[37] = (
        "Before any work, switch off the circuit breaker & lock it <b>open</b>. " * 3
        + "A tester confirms there is no voltage."
    )
    pages[52] = f"ຄູ່ມືໄຟຟ້າ: ປິດ{LAO_WORDS}ກ່ອນເຮັດວຽກ. {BURMESE}"
    with_text(document, pages)
    return document


@pytest.fixture
def answer_key(material):
    """A file of a collection only signed-in teachers may download."""
    private = Collection.get_first_root_node().add_child(name="Teachers only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = add_material_file(
        material,
        title="Answer key",
        language="en",
        collection=private,
        file=ContentFile(PDF, "k.pdf"),
    )
    with_text(document, {3: "Question 4: the circuit breaker answer is secretanswer."})
    return document


def search_url(material):
    """The search's address in English (the tests read the English wording)."""
    with translation.override("en"):
        return reverse("search_in_material", args=[material.pk])


def search(client, material, q, status=200, **params):
    url = search_url(material)
    return soup(client.get(url, {"q": q, **params}), status)


def results(page):
    listing = page.select_one("ol.file-matches")
    return listing.select("li") if listing else []


def test_the_material_page_offers_the_search_when_a_file_has_text(client, material, handbook):
    english = factories.translate(material, "en")
    page = soup(client.get(english.url))

    box = page.select_one("form.file-search input[name=q]")
    assert box is not None
    label = page.select_one(f"label[for={box['id']}]")
    assert text_of(label) == "Search in this material's files"


def test_no_search_box_without_extracted_text(client, material):
    add_material_file(material, title="Not read yet", file=ContentFile(PDF, "n.pdf"))

    page = soup(client.get(material.url))

    assert page.select_one("form.file-search") is None


def test_the_teacher_finds_page_37_with_the_words_marked_and_a_link_opening_it(
    client, material, handbook
):
    page = search(client, material, "circuit BREAKER")

    assert page.select_one("meta[name=robots]")["content"].startswith("noindex")
    found = results(page)
    assert len(found) == 1
    item = found[0]
    assert "page 37" in text_of(item)
    assert "Electrical handbook.pdf" in text_of(item)
    marks = [text_of(mark) for mark in item.select("mark")]
    assert "circuit" in marks and "breaker" in marks
    # The file's own markup is shown as text, never as markup.
    assert "<b>open</b>" in text_of(item) and item.select_one("b") is None
    link = item.select_one("a[href*='#page=37']")
    assert link["href"] == f"{handbook.url}?view=1#page=37"
    assert text_of(link) == "Open Electrical handbook.pdf at page 37"


def test_words_in_scripts_without_spaces_are_found(client, material, handbook):
    found = results(search(client, material, LAO_WORDS))

    assert len(found) == 1
    assert "page 52" in text_of(found[0])
    assert [text_of(m) for m in found[0].select("mark")] == [LAO_WORDS]


def test_burmese_typed_in_zawgyi_finds_the_unicode_text(client, material, handbook):
    found = results(search(client, material, converter.convert(BURMESE, "unicode", "zawgyi")))

    assert len(found) == 1 and "page 52" in text_of(found[0])
    assert found[0].select_one("mark") is not None


def test_a_private_collections_file_is_searched_only_for_those_who_may_download_it(
    client, material, handbook, answer_key, django_user_model
):
    anonymous = search(client, material, "circuit breaker")
    assert "secretanswer" not in anonymous.get_text()
    assert "Answer key" not in anonymous.get_text()
    assert len(results(anonymous)) == 1

    client.force_login(django_user_model.objects.create_user("khamla", password="pw"))
    teacher = search(client, material, "circuit breaker")
    assert len(results(teacher)) == 2
    assert "secretanswer" in teacher.get_text()


def test_a_private_pages_search_is_as_private_as_the_page(client, material, handbook):
    factories.make_private(material)
    url = search_url(material)

    response = client.get(url, {"q": "circuit"})

    assert response.status_code == 302 and "login" in response["Location"]


def test_a_draft_material_has_no_search(client, site_tree, handbook, material):
    material.unpublish()
    response = client.get(search_url(material), {"q": "circuit"})

    assert response.status_code == 404


def test_the_text_of_a_replaced_file_is_not_searched(client, material):
    document = add_material_file(material, title="Old", file=ContentFile(PDF, "o.pdf"))
    with_text(document, {1: "obsolete circuit breaker"}, checksum="0" * 64)

    assert results(search(client, material, "circuit")) == []


def test_results_come_twenty_to_a_page(client, material):
    document = add_material_file(material, title="Workbook", file=ContentFile(PDF, "w.pdf"))
    with_text(document, {n: f"Exercise {n}: insulation test" for n in range(1, 26)})

    first = search(client, material, "insulation")
    second = search(client, material, "insulation", page=2)

    assert "25 places in the files match." in first.get_text()
    assert len(results(first)) == 20 and len(results(second)) == 5
    assert "page 21" in text_of(results(second)[0])


def test_slides_say_slide_and_link_to_the_download(client, material):
    deck = add_material_file(material, title="Deck", file=ContentFile(PDF, "d.pdf"))
    type(deck).objects.filter(pk=deck.pk).update(content_type=PPTX)
    deck.refresh_from_db()
    with_text(deck, {4: "Lockout and tagout"})

    item = results(search(client, material, "tagout"))[0]

    assert "slide 4" in text_of(item)
    link = item.select_one("a")
    assert link["href"] == deck.url
    assert text_of(link).startswith("Download")


@pytest.mark.parametrize(
    "params",
    [{"q": "x" * 201}, {"q": "circuit", "page": "abc"}, {"q": "circuit", "page": "0"}],
)
def test_a_malformed_search_gets_a_clear_message(client, material, handbook, params):
    url = search_url(material)

    page = soup(client.get(url, params), 400)

    assert page.select_one("[role=alert]") is not None
    assert results(page) == []


def test_search_syntax_is_only_text(client, material, handbook):
    for q in ['"', "circuit OR", "%", "_", "\\", "*"]:
        search(client, material, q)


def test_with_the_engine_down_the_database_answers_and_says_so(
    client, settings, material, handbook
):
    settings.DISCOVERY_ENGINE = "opensearch"
    settings.DISCOVERY_URL = "http://127.0.0.1:9"

    page = search(client, material, "circuit breaker")

    assert "page 37" in text_of(results(page)[0])
    assert "The full search engine is unavailable" in page.get_text()


# --- the engine ------------------------------------------------------------------------------


@pytest.fixture(params=["opensearch", "elasticsearch"])
def engine_index(request, settings):
    """The discovery index, holding the material's file pages, on each engine in turn."""
    url = request.getfixturevalue(f"{request.param}_url")
    prefix = use_discovery_engine(settings, request.param, url)
    index = DiscoveryTestIndex(request.param)
    yield index
    settings.DISCOVERY_ENGINE, settings.DISCOVERY_URL = request.param, url
    drop_indices(prefix)


def test_the_engine_finds_page_37_with_the_words_marked(client, material, handbook, engine_index):
    engine_index.sync()
    assert any(source.get("kind") == "file" for source in engine_index.documents().values())

    page = search(client, material, "circuit breaker")

    found = results(page)
    assert len(found) == 1
    assert "page 37" in text_of(found[0])
    assert "circuit" in [text_of(m).lower() for m in found[0].select("mark")]
    assert found[0].select_one("a")["href"] == f"{handbook.url}?view=1#page=37"
    assert "The full search engine is unavailable" not in page.get_text()


def test_the_engine_never_shows_a_private_files_words(
    client, material, handbook, answer_key, engine_index, django_user_model
):
    engine_index.sync()

    anonymous = search(client, material, "secretanswer")
    client.force_login(django_user_model.objects.create_user("khamla", password="pw"))
    teacher = search(client, material, "secretanswer")

    assert results(anonymous) == []
    assert len(results(teacher)) == 1  # answered from the database, which has every file


def test_the_engine_pages_through_each_file_in_order(client, material, handbook, engine_index):
    workbook = add_material_file(material, title="Workbook", file=ContentFile(PDF, "w.pdf"))
    with_text(workbook, {n: f"Exercise {n}: wiring a socket" for n in range(1, 16)})
    engine_index.sync()

    pages = [search(client, material, "wiring", page=n) for n in (1, 2, 3, 4)]

    # The handbook's pages but 37 and 52 say "wiring" (57), then the workbook's 15.
    assert "72 places in the files match." in pages[0].get_text()
    shown = [text_of(item) for page in pages for item in results(page)]
    assert [len(results(page)) for page in pages] == [20, 20, 20, 12]
    assert "Electrical handbook" in shown[0] and "page 1" in shown[0]
    assert "page 36" in shown[35] and "page 38" in shown[36]
    assert "Electrical handbook" in shown[56] and "page 59" in shown[56]
    assert "Workbook" in shown[57] and "page 1" in shown[57]
    assert "Workbook" in shown[-1] and "page 15" in shown[-1]
    assert "The full search engine is unavailable" not in pages[3].get_text()
