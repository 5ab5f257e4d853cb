"""Teachers browse the alliance's vocational standards by sector and country, in their
language, without JavaScript."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db


def browse(client, language, query=""):
    with translation.override(language):
        url = reverse("standards_browser")
    response = client.get(url + query)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(element):
    return " ".join(element.get_text(" ", strip=True).split())


def titles(soup):
    return [text(h) for h in soup.select(".results .result__title")]


def facet(soup, name):
    """{value: (label text, checked)} of a facet group."""
    return {
        box["value"]: (text(soup.find("label", attrs={"for": box["id"]})), box.has_attr("checked"))
        for box in soup.select(f'input[type=checkbox][name="{name}"]')
    }


def test_lao_visitors_see_each_standard_once_in_lao_or_flagged(client, catalogue):
    soup = browse(client, "lo")

    # By title: Latin script sorts before Lao.
    assert titles(soup) == ["Welder occupational standard", "ມາດຕະຖານອາຊີບ ສ້ອມແປງລົດໄຟຟ້າ"]
    results = soup.select(".results .result")
    flagged = [r for r in results if r.find(class_="result__fallback")]
    assert [text(r.h3) for r in flagged] == ["Welder occupational standard"]
    assert flagged[0].h3.a["lang"] == "zh-Hans"


def test_filter_by_sector_and_country_with_counts(client, catalogue):
    everything = browse(client, "lo")
    sectors = facet(everything, "sector")
    assert sectors["electrical"][0] == "ໄຟຟ້າ (1)"  # in Lao, with its count
    assert facet(everything, "country")["TH"][0] == "ປະເທດໄທ (1)"

    by_sector = browse(client, "lo", "?sector=welding")
    assert titles(by_sector) == ["Welder occupational standard"]
    assert facet(by_sector, "sector")["welding"][1] is True  # stays checked
    assert facet(by_sector, "country") == {"TH": ("ປະເທດໄທ (1)", False)}

    by_country = browse(client, "en", "?country=LA")
    assert titles(by_country) == ["新能源汽车维修职业标准"]
    none = browse(client, "en", "?country=LA&sector=welding")
    assert titles(none) == []
    assert "No standards match" in text(none.find(class_="discovery__empty"))


def test_form_works_without_javascript(client, catalogue):
    soup = browse(client, "en")

    form = soup.find("form", class_="discovery")
    assert form["method"] == "get"
    assert form["action"] == "/en/standards/"
    assert form.find("button", type="submit") is not None
    assert soup.find("script") is None or not soup.find("script", src=True)


def test_results_are_paginated(client, catalogue):
    section = catalogue["site_tree"]["section"]
    for number in range(21):
        factories.published_resource(
            section, factories.VocationalStandardPageFactory, title=f"Standard {number:02d}"
        )

    first = browse(client, "en")
    second = browse(client, "en", "?page=2")

    assert len(titles(first)) == 20
    assert "23 standards" in text(first.find(class_="discovery__count"))
    assert len(titles(second)) == 3
    assert first.find("a", rel="next")["href"] == "?page=2"


def test_private_and_unpublished_standards_are_not_listed(client, catalogue):
    factories.make_private(catalogue["welding_standard"])
    catalogue["ev_standard"].unpublish()

    soup = browse(client, "lo")

    assert titles(soup) == ["ມາດຕະຖານອາຊີບ ສ້ອມແປງລົດໄຟຟ້າ"]  # only the live Lao translation


def test_main_navigation_links_the_browser_and_the_comparison(client, catalogue):
    soup = browse(client, "th")

    nav = soup.find("nav", class_="primary-nav")
    hrefs = [a["href"] for a in nav.find_all("a")]
    assert "/th/standards/" in hrefs and "/th/compare/" in hrefs
    assert nav.find("a", href="/th/standards/")["aria-current"] == "page"
    switcher = soup.find("nav", class_="language-switcher")
    assert switcher.find("a", hreflang="lo")["href"] == "/lo/standards/"
