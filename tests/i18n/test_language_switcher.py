"""The language switcher: a page's live translations, and an honest note where there is none."""

import pytest
from bs4 import BeautifulSoup

from tests import factories

LANGUAGE_NAMES = {
    "zh-Hans": "简体中文",
    "en": "English",
    "th": "ไทย",
    "vi": "Tiếng Việt",
    "lo": "ລາວ",
    "km": "ខ្មែរ",
    "my": "မြန်မာဘာသာ",
}


def switcher_items(response):
    assert response.status_code == 200
    page = BeautifulSoup(response.content.decode(), "html.parser")
    nav = page.find("nav", class_="language-switcher")
    return page, nav.find_all("li")


def item_for(items, lang):
    return next(item for item in items if item.find(lang=lang))


@pytest.fixture
def course(site_tree):
    """A course in Chinese, translated into Lao (live), Khmer (live) and Thai (draft)."""
    course = factories.CoursePageFactory(parent=site_tree["section"], title="新能源汽车维修")
    factories.publish(course)
    lao = factories.translate(course, "lo", title="ຫຼັກສູດ ສ້ອມແປງລົດໄຟຟ້າ")
    khmer = factories.translate(course, "km", title="ការជួសជុលរថយន្ត")
    thai = factories.translate(course, "th", title="การซ่อมรถยนต์ไฟฟ้า")
    thai.unpublish()
    return {"zh-hans": course, "lo": lao, "km": khmer, "th": thai}


def test_lists_the_seven_languages_each_in_its_own_script(client, course):
    _page, items = switcher_items(client.get(course["lo"].url))

    assert len(items) == 7
    for lang, name in LANGUAGE_NAMES.items():
        assert item_for(items, lang).find(lang=lang).get_text() == name


def test_links_to_live_translations_with_hreflang(client, course):
    _page, items = switcher_items(client.get(course["lo"].url))

    for code, lang in (("zh-hans", "zh-Hans"), ("km", "km")):
        link = item_for(items, lang).find("a", lang=lang)
        assert link["href"] == course[code].url
        assert link["hreflang"] == lang


def test_marks_the_current_language(client, course):
    _page, items = switcher_items(client.get(course["lo"].url))

    current = [item for item in items if item.find(attrs={"aria-current": "true"})]
    assert len(current) == 1
    assert current[0].find("a", attrs={"aria-current": "true"})["href"] == course["lo"].url


@pytest.mark.parametrize("lang, home", [("vi", "/vi/"), ("en", "/en/"), ("th", "/th/")])
def test_says_when_a_page_is_not_translated_and_links_to_that_language_home(
    client, course, lang, home
):
    # Vietnamese and English have no translation; the Thai one is a draft.
    _page, items = switcher_items(client.get(course["lo"].url))

    item = item_for(items, lang)
    name = item.find(lang=lang)
    assert name.name == "span", "an untranslated language is not a link to this page"
    assert "(ບໍ່ທັນໄດ້ແປ)" in item.get_text()  # "(not translated yet)" in Lao
    links = item.find_all("a")
    assert [link["href"] for link in links] == [home]
    assert links[0]["hreflang"] == lang


def test_head_lists_alternates_for_live_translations_only(client, course):
    page, _items = switcher_items(client.get(course["zh-hans"].url))

    alternates = {
        link["hreflang"]: link["href"]
        for link in page.head.find_all("link", rel="alternate", hreflang=True)
    }
    assert set(alternates) == {"zh-Hans", "lo", "km", "x-default"}
    assert alternates["lo"].endswith(course["lo"].url)
    # As the sitemap says: the permanent link, which leads each visitor to their language.
    assert alternates["x-default"] == f"http://testserver/r/{course['zh-hans'].external_id}"


def test_without_a_page_every_language_links_to_its_home(client, site_tree):
    response = client.get("/km/no-such-page/")
    assert response.status_code == 404
    page = BeautifulSoup(response.content.decode(), "html.parser")
    items = page.find("nav", class_="language-switcher").find_all("li")

    links = {item.a["hreflang"]: item.a["href"] for item in items}
    assert links == {
        "zh-Hans": "/zh-hans/",
        "en": "/en/",
        "th": "/th/",
        "vi": "/vi/",
        "lo": "/lo/",
        "km": "/km/",
        "my": "/my/",
    }
    assert page.find("a", attrs={"aria-current": "true"})["hreflang"] == "km"
    assert not page.head.find("link", rel="alternate", hreflang=True)
