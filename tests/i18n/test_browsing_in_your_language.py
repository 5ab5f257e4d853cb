"""Browsing in your language: every listing (catalogue, institution section, home page,
workshop) shows every live, public resource once, in the visitor's language where it has been
translated, else in the language the alliance's fallback order picks, and says so."""

import pytest
from wagtail.models import Locale

from digital_lm.languages import display_language
from resources.listing import public_resources
from resources.models import ResourceIndexPage
from tests import factories
from tests.helpers import soup, text_of

LAO = "lo"

pytestmark = pytest.mark.django_db


def cards(page):
    return {
        text_of(card.select_one(".card__title")): card for card in page.select(".resource-card")
    }


def result_count(page):
    return int("".join(ch for ch in text_of(page.find(id="results-heading")) if ch.isdigit()))


def created_in(language, parent, factory=factories.CoursePageFactory, **fields):
    """A published resource written first in ``language``, under ``parent``'s translation."""
    parent = factories.translate(parent, language) if language != "zh-hans" else parent
    return factories.publish(factory(parent=parent, **fields))


def build_shelf():
    """Five resources of one Lao college in different sets of languages, one of another
    college, and the Lao catalogue, section and workshop that list them."""
    site_tree = factories.build_site_tree()
    section, institution = site_tree["section"], site_tree["institution"]
    common = {"institution": institution}
    in_lao = factories.published_resource(
        section,
        title="新能源汽车维修",
        tags=["electric-vehicles"],
        translations={"lo": {"title": "ຫຼັກສູດ ສ້ອມແປງລົດໄຟຟ້າ"}, "en": {"title": "EV repair"}},
        **common,
    )
    english_original = created_in(
        "en", section, title="Solar panel installation", summary="Panels on roofs.", **common
    )
    factories.translate(english_original, "zh-hans", title="太阳能板安装")
    khmer_and_chinese = factories.published_resource(
        section,
        factories.VocationalStandardPageFactory,
        title="焊工职业标准",
        translations={"km": {"title": "ស្តង់ដារជាងផ្សារ"}},
        **common,
    )
    every_language_but_lao = factories.published_resource(
        section,
        factories.TeachingMaterialPageFactory,
        title="电工基础教材",
        translations={
            code: {"title": f"Basic electrics ({code})"} for code in ("en", "th", "vi", "km", "my")
        },
        **common,
    )
    in_thai = factories.published_resource(
        section,
        factories.CertificationPageFactory,
        title="电工职业技能等级证书",
        translations={"th": {"title": "ใบรับรองช่างไฟฟ้า"}},
        **common,
    )
    other_college = factories.InstitutionFactory(slug="bangkok-tc", name="Bangkok TC")
    other_section = factories.ResourceIndexPageFactory._meta.model.objects.get(
        institution=other_college
    )
    elsewhere = factories.published_resource(
        other_section, title="Bangkok course", institution=other_college
    )
    workshop = factories.publish(
        factories.WorkshopPageFactory(parent=site_tree["home"], lead_institution=institution)
    )
    return {
        "in_lao": in_lao,
        "english_original": english_original,
        "khmer_and_chinese": khmer_and_chinese,
        "every_language_but_lao": every_language_but_lao,
        "in_thai": in_thai,
        "elsewhere": elsewhere,
        "catalogue": factories.translate(site_tree["library"], LAO),
        "section": factories.translate(section, LAO),
        "workshop": factories.translate(workshop, LAO),
        "site_tree": site_tree,
    }


@pytest.fixture(scope="module")
def shelf(django_db_setup, django_db_blocker):
    """Built once for the module; each test's changes are rolled back."""
    with factories.built_once_per_module(django_db_blocker, build_shelf) as built:
        yield built


def test_the_lao_catalogue_lists_every_resource_once_in_the_best_language(client, shelf):
    page = soup(client.get(shelf["catalogue"].url))

    shown = cards(page)
    assert result_count(page) == 6
    assert set(shown) == {
        "ຫຼັກສູດ ສ້ອມແປງລົດໄຟຟ້າ",  # translated into Lao
        "Solar panel installation",  # written in English: its original
        "焊工职业标准",  # Chinese original, never its Khmer translation
        "电工基础教材",  # Chinese original, before English and the rest
        "电工职业技能等级证书",  # Chinese original: this visitor asks for no Thai
        "Bangkok course",
    }


def test_a_lao_translation_is_shown_without_a_marker(client, shelf):
    card = cards(soup(client.get(shelf["catalogue"].url)))["ຫຼັກສູດ ສ້ອມແປງລົດໄຟຟ້າ"]

    assert card.select_one(".card__title")["lang"] == LAO
    assert card.select_one(".card__summary")["lang"] == LAO
    assert card.select_one(".card__translation") is None
    assert (
        card.select_one(".card__title a")["href"]
        == shelf["in_lao"].get_translation(Locale.objects.get(language_code=LAO)).url
    )


def test_a_resource_not_in_lao_says_so_and_lists_its_languages_in_their_own_script(client, shelf):
    card = cards(soup(client.get(shelf["catalogue"].url)))["Solar panel installation"]

    marker = card.select_one(".card__translation")
    assert "ລາວ" in text_of(marker.select_one(".card__missing"))
    languages = [(span["lang"], text_of(span)) for span in marker.select("span[lang]")]
    assert languages == [("zh-Hans", "简体中文"), ("en", "English")]
    assert card.select_one(".card__title")["lang"] == "en"
    assert card.select_one(".card__summary")["lang"] == "en"
    assert card.select_one(".card__title a")["href"] == shelf["english_original"].url


def test_khmer_or_burmese_are_not_shown_when_the_original_is_chinese(client, shelf):
    shown = cards(soup(client.get(shelf["catalogue"].url)))

    for title in ("焊工职业标准", "电工基础教材"):
        assert shown[title].select_one(".card__title")["lang"] == "zh-Hans"
        assert shown[title].select_one(".card__title a")["href"].startswith("/zh-hans/")
    languages = shown["电工基础教材"].select(".card__translation span[lang]")
    assert [span["lang"] for span in languages] == ["zh-Hans", "en", "th", "vi", "km", "my"]


def test_a_lao_visitor_whose_browser_also_asks_for_thai_gets_the_thai_translation(client, shelf):
    page = soup(client.get(shelf["catalogue"].url, HTTP_ACCEPT_LANGUAGE="lo, th;q=0.8"))

    shown = cards(page)
    assert shown["ใบรับรองช่างไฟฟ้า"].select_one(".card__title")["lang"] == "th"
    assert "电工职业技能等级证书" not in shown
    assert "Basic electrics (th)" in shown  # Thai before the Chinese original too
    assert "ຫຼັກສູດ ສ້ອມແປງລົດໄຟຟ້າ" in shown  # Lao still first
    assert result_count(page) == 6


def test_pages_that_list_by_the_browsers_languages_tell_caches_so(client, shelf):
    for url in (shelf["catalogue"].url, shelf["section"].url, "/lo/", shelf["workshop"].url):
        assert "Accept-Language" in client.get(url)["Vary"], url


def test_every_listing_shows_the_language_the_fallback_order_picks(shelf):
    """Each resource is shown in the language display_language picks for it, its original
    being its earliest-created live, public translation."""
    translations = {}
    for pk, key, code in public_resources().values_list(
        "pk", "translation_key", "locale__language_code"
    ):
        translations.setdefault(key, []).append((pk, code))
    catalogue = shelf["catalogue"]
    for preferred in ((), ("th",), ("km", "en")):
        shown = catalogue.get_resources(LAO, preferred)
        assert shown.count() == len(translations)
        for page in shown[: len(translations)]:
            key, code = page.translation_key, page.locale.language_code
            original = min(translations[key])[1]
            available = [c for _pk, c in translations[key]]
            assert code == display_language(available, LAO, preferred, original)


def test_the_lao_section_of_an_institution_lists_its_resources_in_every_language(client, shelf):
    page = soup(client.get(shelf["section"].url))

    assert result_count(page) == 5
    assert "Bangkok course" not in cards(page)
    assert "Solar panel installation" in cards(page)


def test_the_lao_home_page_lists_the_newest_resources_in_any_language(client, shelf):
    page = soup(client.get("/lo/"))

    titles = [text_of(h) for h in page.select(".newest .card__title")]
    assert len(titles) == 6
    assert titles[0] == "Bangkok course"  # the newest first
    assert "Solar panel installation" in titles


def test_the_home_page_orders_resources_by_their_first_publication(client, shelf):
    """A translation made today does not bring an old resource to the top."""
    factories.translate(shelf["khmer_and_chinese"], LAO, title="ມາດຕະຖານຊ່າງເຊື່ອມ")

    titles = [text_of(h) for h in soup(client.get("/lo/")).select(".newest .card__title")]

    assert titles[0] == "Bangkok course"
    assert titles.index("ມາດຕະຖານຊ່າງເຊື່ອມ") == 3


def test_the_lao_workshop_page_lists_its_institutions_resources_in_any_language(client, shelf):
    page = soup(client.get(shelf["workshop"].url))

    titles = {text_of(h) for h in page.select(".workshop__resources .card__title")}
    assert len(titles) == 5
    assert "Bangkok course" not in titles
    assert "ຫຼັກສູດ ສ້ອມແປງລົດໄຟຟ້າ" in titles


def test_the_tag_filter_matches_a_tag_of_any_translation(client, shelf):
    khmer = shelf["khmer_and_chinese"].get_translation(Locale.objects.get(language_code="km"))
    khmer.tags.add("welding")
    factories.publish(khmer)

    page = soup(client.get(shelf["catalogue"].url, {"tag": "welding"}))
    assert set(cards(page)) == {"焊工职业标准"}  # tagged in Khmer, shown in Chinese

    page = soup(client.get(shelf["catalogue"].url, {"tag": "electric-vehicles"}))
    assert set(cards(page)) == {"ຫຼັກສູດ ສ້ອມແປງລົດໄຟຟ້າ"}


def test_the_type_filter_keeps_every_language(client, shelf):
    page = soup(client.get(shelf["catalogue"].url, {"type": "course"}))

    assert set(cards(page)) == {
        "ຫຼັກສູດ ສ້ອມແປງລົດໄຟຟ້າ",
        "Solar panel installation",
        "Bangkok course",
    }


def test_unpublished_and_private_translations_are_never_listed(client, shelf):
    shelf["in_lao"].get_translation(Locale.objects.get(language_code=LAO)).unpublish()
    factories.make_private(shelf["english_original"])

    shown = cards(soup(client.get(shelf["catalogue"].url)))

    assert "ຫຼັກສູດ ສ້ອມແປງລົດໄຟຟ້າ" not in shown
    assert "新能源汽车维修" in shown  # its Chinese original instead
    # Its Chinese translation is still public, so the resource is listed, in Chinese.
    assert "太阳能板安装" in shown
    assert len(shown) == 6


def test_the_lao_catalogue_paginates_every_resource_once(client, shelf):
    section = shelf["site_tree"]["section"]
    for n in range(9):
        factories.published_resource(
            section,
            title=f"课程 {n}",
            institution=shelf["site_tree"]["institution"],
            translations={"lo": {"title": f"ຫຼັກສູດ {n}"}} if n % 3 == 0 else None,
        )
    url = shelf["catalogue"].url

    first = soup(client.get(url))
    second = soup(client.get(url, {"page": 2}))

    assert result_count(first) == 15
    assert len(cards(first)) == 12
    assert len(cards(second)) == 3
    assert len(set(cards(first)) | set(cards(second))) == 15


def test_the_lao_catalogue_links_every_section_even_those_not_in_lao(client, shelf):
    """The Bangkok college's section exists only in Chinese: the Lao catalogue still links
    it, as well as the Vientiane college's Lao section, each once."""
    page = soup(client.get(shelf["catalogue"].url))
    links = {link["href"]: link["lang"] for link in page.select(".sections__list a")}
    bangkok = ResourceIndexPage.objects.get(institution__slug="bangkok-tc")
    assert links == {shelf["section"].url: "lo", bangkok.url: "zh-Hans"}
