"""Searching inside teaching materials' files, on both engines: a word on one page of a file in
any of the alliance's scripts finds the material and says where (file, page, slide, sheet,
chapter, the passage); titles still rank first; a private collection's files stay unseen."""

import pytest
from django.urls import reverse
from django.utils import translation
from myanmar import converter
from wagtail.models import Collection, CollectionViewRestriction

from discovery.api import as_json
from discovery.params import parse_query
from discovery.service import search, suggest
from resources.models import TeachingMaterialPage
from tests import factories
from tests.discovery.conftest import give_text
from tests.helpers import discovery_settings, soup, text_of

pytestmark = [pytest.mark.engine, pytest.mark.django_db]

PDF = "application/pdf"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EPUB = "application/epub+zip"
FILLER = "Routine maintenance notes for the workshop. " * 40


def material(section, title, files, translations=None, private=None):
    page = factories.TeachingMaterialPageFactory(parent=section, title=title)
    for file_title, language, pages, content_type in files:
        document = factories.add_material_file(page, title=file_title, language=language)
        if private is not None and file_title.startswith("Private"):
            document.collection = private
            document.save()
        give_text(document, pages, content_type)
    factories.publish(page)
    for language, fields in (translations or {}).items():
        factories.translate(page, language, **fields)
    return page


def build_corpus(index):
    section = factories.build_site_tree()["section"]
    handbook = {n: f"ໜ້າທີ {n} ການບໍາລຸງຮັກສາ" for n in range(1, 41)}
    handbook[37] = "ຄູ່ມືການຕິດຕັ້ງລະບົບໄຟຟ້າໃນອາຄານ"
    material(
        section,
        "电工手册",
        [("ຄູ່ມືຊ່າງໄຟຟ້າ", "lo", handbook, PDF)],
        translations={"lo": {"title": "ປື້ມຄູ່ມືຊ່າງ"}},
    )
    material(
        section,
        "电子商务课件",
        [("Slides km", "km", {3: "ប្រតិបត្តិការពាណិជ្ជកម្មអេឡិចត្រូនិកឆ្លងដែន"}, PPTX)],
    )
    material(section, "成本表", [("Costs th", "th", {2: ("ต้นทุน", "การติดตั้งระบบไฟฟ้าในอาคาร")}, XLSX)])
    material(
        section,
        "电机维护",
        [("Sách vi", "vi", {4: ("Chương bốn", "Bảo dưỡng động cơ điện công nghiệp")}, EPUB)],
    )
    material(section, "检修指南", [("检修 PDF", "zh-hans", {5: "变压器维护与检修规程"}, PDF)])
    material(section, "焊接教材", [("Weld my", "my", {1: "ကျောင်းသားများအတွက်ဂဟေဆော်ခြင်း"}, PDF)])
    # The same word in one resource's title and deep in another's file.
    factories.published_resource(section, title="Hydraulic accumulator basics")
    material(section, "液压系统", [("Hydraulics en", "en", {9: FILLER + "the accumulator"}, PDF)])
    # One resource, many pages with the word: counted once.
    material(section, "阀门", [("Valves en", "en", {n: f"valve {n}" for n in range(1, 7)}, PDF)])
    # A private collection's file, and a public one, of one material.
    private = Collection.get_first_root_node().add_child(name="Teachers only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    material(
        section,
        "考试资料",
        [
            ("Private answers", "en", {1: "quarantined answers"}, PDF),
            ("Public sheet", "en", {1: "exam timetable"}, PDF),
        ],
        private=private,
    )
    index.sync()


@pytest.fixture(scope="module", params=["opensearch", "elasticsearch"])
def corpus(request, django_db_setup, django_db_blocker):
    with discovery_settings(request, request.param) as index:
        with factories.built_once_per_module(django_db_blocker, lambda: build_corpus(index)):
            yield index


def search_url(lang):
    with translation.override(lang):
        return reverse("discovery_search")


def run(q, lang="en", **params):
    result = search(parse_query({"q": q, **params}, lang=lang))
    assert not result.degraded
    return result


def test_a_lao_word_on_page_37_of_a_lao_handbook_finds_the_material(corpus):
    result = run("ລະບົບ", lang="lo")

    assert [hit.title for hit in result.results] == ["ປື້ມຄູ່ມືຊ່າງ"]
    found = result.results[0].found_in
    assert (found.location, found.number, found.file_language) == ("page", 37, "lo")
    assert found.file_title == "ຄູ່ມືຊ່າງໄຟຟ້າ"
    assert found.url.endswith(".pdf#page=37")
    assert any("<mark>ລະບົບ</mark>" in passage for passage in found.highlight)


@pytest.mark.parametrize(
    "query, lang, title, where",
    [
        ("ពាណិជ្ជកម្ម", "km", "电子商务课件", ("slide", 3, "")),
        ("ไฟฟ้า", "th", "成本表", ("sheet", 2, "ต้นทุน")),
        ("dong co dien", "vi", "电机维护", ("chapter", 4, "Chương bốn")),  # accents folded
        ("變壓器", "zh-hans", "检修指南", ("page", 5, "")),  # traditional finds simplified
        (converter.convert("ဂဟေဆော်", "unicode", "zawgyi"), "my", "焊接教材", ("page", 1, "")),
    ],
)
def test_a_word_in_a_file_in_each_script_finds_its_material(corpus, query, lang, title, where):
    result = run(query, lang=lang)

    assert [hit.title for hit in result.results] == [title]
    found = result.results[0].found_in
    assert (found.location, found.number, found.label) == where
    assert found.highlight and all("<mark>" in passage for passage in found.highlight)


def test_a_title_outranks_the_same_word_deep_in_a_file(corpus):
    result = run("accumulator")

    assert [hit.title for hit in result.results] == ["Hydraulic accumulator basics", "液压系统"]
    assert result.results[0].found_in is None
    assert result.results[1].found_in.number == 9


def test_counts_and_facets_count_resources_not_pages(corpus):
    result = run("valve")

    assert result.count == 1 and len(result.results) == 1
    assert {v.value: v.count for v in result.facets["type"]}["material"] == 1
    # Browsing reads the resources' own documents: the pages of files change no count.
    browsing = run("")
    assert browsing.count == 10
    assert {v.value: v.count for v in browsing.facets["type"]} == {"course": 1, "material": 9}


def test_a_private_collections_file_is_never_seen(corpus, client):
    result = run("quarantined")
    assert (result.count, result.results) == (0, [])
    assert all(v.count == 0 for values in result.facets.values() for v in values)
    assert suggest("quarantined", "en") == []
    response = client.get(reverse("discovery_api:discovery_search"), {"q": "quarantined"})
    assert (response.json()["count"], response.json()["results"]) == (0, [])
    page = client.get(search_url("en"), {"q": "quarantined answers"})
    assert "Private answers" not in page.content.decode()
    # Its public file is found.
    assert [hit.title for hit in run("timetable").results] == ["考试资料"]


def test_file_pages_are_never_suggested(corpus):
    assert suggest("accumulator", "en") == [
        {
            "title": "Hydraulic accumulator basics",
            "url": suggest("accumulator", "en")[0]["url"],
            "type": "course",
            "language": "zh-hans",
        }
    ]


def test_a_withdrawn_materials_file_pages_never_show(corpus):
    material_page = TeachingMaterialPage.objects.get(title="阀门")
    material_page.unpublish()  # queued; the worker has not run

    result = run("valve")

    assert (result.count, result.results) == (0, [])


def test_the_api_says_where_in_the_file(corpus, client):
    response = client.get(reverse("discovery_api:discovery_search"), {"q": "ລະບົບ", "lang": "lo"})

    found = response.json()["results"][0]["found_in"]
    assert found["location"] == "page" and found["number"] == 37
    assert found["url"].endswith("#page=37") and found["file_language"] == "lo"
    assert as_json(run("accumulator").results[0])["found_in"] is None


def test_the_search_page_shows_the_file_page_and_passage_and_links_there(corpus, client):
    page = soup(client.get(search_url("lo"), {"q": "ລະບົບ"}))

    result = page.select_one(".result")
    found = result.select_one(".result__found-in")
    assert "ຄູ່ມືຊ່າງໄຟຟ້າ" in text_of(found) and "37" in text_of(found)
    assert found.select_one("mark").get_text() == "ລະບົບ"
    link = found.select_one("a")
    assert link["href"].endswith("#page=37")
    assert "37" in text_of(link) and "ຄູ່ມືຊ່າງໄຟຟ້າ" in text_of(link)
