"""Learners and employers compare two to four certifications (or standards) side by side, in
their own language, from a URL they can share."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from tests import factories

pytestmark = pytest.mark.django_db


def compare_url(language, *external_ids, param="items"):
    with translation.override(language):
        url = reverse("compare")
    return url + "?" + "&".join(f"{param}={external_id}" for external_id in external_ids)


def html(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(element):
    return " ".join(element.get_text(" ", strip=True).split())


def table_rows(page):
    """{row heading: [cell text per item]} of the comparison table."""
    table = page.find("table", class_="comparison__table")
    return {
        text(row.th): [text(td) for td in row.find_all("td")] for row in table.tbody.find_all("tr")
    }


def column_titles(page):
    return [text(th.a) for th in page.select("table.comparison__table thead th[scope=col]")]


def test_lao_comparison_shows_lao_titles_and_levels_side_by_side(client, catalogue):
    response = client.get(compare_url("lo", "LM-CERT-EV", "LM-CERT-WELD"))

    assert response.status_code == 200
    page = html(response)
    assert column_titles(page) == ["ໃບຢັ້ງຢືນ ສ້ອມແປງລົດໄຟຟ້າ", "Certified welder"]
    rows = table_rows(page)
    # The frameworks' names in Lao: "Lao / Thailand National Qualifications Framework".
    national = next(cells for cells in rows.values() if "ກອບຄຸນວຸດທິແຫ່ງຊາດລາວ" in cells[0])
    assert "ລະດັບ 3 ຊ່າງຝີມື" in national[0]  # the level's name, in Lao
    assert "ກອບຄຸນວຸດທິແຫ່ງຊາດໄທ" in national[1]
    aqrf = rows[next(h for h in rows if h.startswith("AQRF"))]
    assert ["3" in aqrf[0], "4" in aqrf[1]] == [True, True]
    # The welder certification has no Lao version: shown in its original language, and said so.
    header = page.select("thead th[scope=col]")[1]
    assert header["lang"] == "zh-Hans"
    assert header.find(class_="comparison__note") is not None


def test_shared_url_shows_the_same_items_in_thai(client, catalogue):
    lao = html(client.get(compare_url("lo", "LM-CERT-EV", "LM-CERT-ELEC")))
    thai = html(client.get(compare_url("th", "LM-CERT-EV", "LM-CERT-ELEC")))

    assert [text(c) for c in lao.select("tbody tr:first-child td")] == [
        "LM-CERT-EV",
        "LM-CERT-ELEC",
    ]
    assert [text(c) for c in thai.select("tbody tr:first-child td")] == [
        "LM-CERT-EV",
        "LM-CERT-ELEC",
    ]
    assert column_titles(thai) == ["ใบรับรองช่างซ่อมรถยนต์ไฟฟ้า", "电工职业技能等级证书"]
    assert thai.html["lang"] == "th"


def test_certifications_are_compared_by_the_competencies_of_the_standards_they_assess(
    client, catalogue
):
    page = html(client.get(compare_url("lo", "LM-CERT-EV", "LM-CERT-WELD")))

    competencies = page.select("tbody tr")[4].find_all("td")
    # The EV standard is shown in Lao, with its Lao units, and linked.
    assert "ມາດຕະຖານອາຊີບ ສ້ອມແປງລົດໄຟຟ້າ" in text(competencies[0])
    assert "ກວດກາແບັດເຕີຣີແຮງດັນສູງ" in text(competencies[0])
    lao_standard = catalogue["ev_standard"].get_translation(Locale.objects.get(language_code="lo"))
    assert competencies[0].a["href"] == lao_standard.url
    assert "WE-01" in text(competencies[1])


def test_recognition_languages_and_validity_are_compared(client, catalogue):
    rows = table_rows(html(client.get(compare_url("en", "LM-CERT-EV", "LM-CERT-WELD"))))

    assert rows["Recognised in"] == ["Laos, Thailand", "Thailand"]
    languages = rows["Languages available"]
    assert all(name in languages[0] for name in ("简体中文", "ລາວ", "ไทย"))
    assert languages[1] == "简体中文"
    assert rows["Validity"] == ["3 years", "Does not expire"]
    assert rows["Awarding body"][1] == "Thailand Professional Qualification Institute"
    assert "Bangkok Technical College (Thailand)" in rows["Institution"][1]


def test_standards_are_compared_with_their_own_units(client, catalogue):
    response = client.get(compare_url("en", "LM-STD-EV", "LM-STD-WELD"))

    rows = table_rows(html(response))
    assert response.status_code == 200
    assert "EV-01" in rows["Units of competency"][0]
    assert "EV-02" in rows["Units of competency"][0]
    assert "Weld a butt joint" in rows["Units of competency"][1]
    assert rows["Standard code"][0].startswith("LNQF-EV-3")


def test_table_is_accessible_and_scrollable(client, catalogue):
    page = html(client.get(compare_url("en", "LM-CERT-EV", "LM-CERT-WELD", "LM-CERT-ELEC")))

    table = page.find("table", class_="comparison__table")
    assert "3 certifications" in text(table.caption)
    assert len(table.select("thead th[scope=col]")) == 3
    assert all(row.th["scope"] == "row" for row in table.tbody.find_all("tr"))
    region = table.find_parent(class_="table-scroll")
    assert region["role"] == "region" and region["tabindex"] == "0"


@pytest.mark.parametrize(
    ("items", "message"),
    [
        (["LM-CERT-EV"], "at least two"),
        (["LM-CERT-EV", "LM-CERT-WELD", "LM-CERT-ELEC", "LM-STD-EV", "LM-STD-WELD"], "at most 4"),
        (["LM-CERT-EV", "NO-SUCH-ID"], "NO-SUCH-ID"),
        (["LM-CERT-EV", "LM-STD-EV"], "cannot mix"),
    ],
)
def test_invalid_choices_explain_what_to_do(client, catalogue, items, message):
    response = client.get(compare_url("en", *items))

    assert response.status_code == 400
    page = html(response)
    alert = page.find(role="alert")
    assert message in text(alert)
    assert page.find("table", class_="comparison__table") is None
    assert page.find("form", class_="compare-form") is not None  # to choose again


@pytest.mark.parametrize("hidden", ["LM-CERT-SECRET", "LM-CERT-DRAFT"])
def test_private_and_unpublished_certifications_are_never_shown(client, catalogue, hidden):
    response = client.get(compare_url("en", "LM-CERT-EV", hidden))

    assert response.status_code == 400
    body = response.content.decode()
    assert "内部证书" not in body and "草稿证书" not in body
    # Nor are they offered in the form.
    form = text(html(client.get(compare_url("en"))).find("form", class_="compare-form"))
    assert hidden not in form


def test_form_lists_certifications_and_standards_by_sector_without_javascript(client, catalogue):
    response = client.get(compare_url("lo"))

    assert response.status_code == 200
    page = html(response)
    form = page.find("form", class_="compare-form")
    assert form["method"] == "get" and form["action"] == compare_url("lo").rstrip("?")
    kinds = form.find_all("fieldset", class_="compare-form__kind")
    assert len(kinds) == 2
    certification_sectors = [
        text(legend) for legend in kinds[0].select("fieldset legend.compare-form__sector")
    ]
    assert "ໄຟຟ້າ" in certification_sectors  # the electrical sector, in Lao
    values = [box["value"] for box in kinds[0].find_all("input", type="checkbox")]
    assert sorted(values) == ["LM-CERT-ELEC", "LM-CERT-EV", "LM-CERT-WELD"]
    for box in form.find_all("input", type="checkbox"):
        assert form.find("label", attrs={"for": box["id"]}) is not None
    assert page.find(role="alert") is None


def test_add_to_comparison_link_starts_a_comparison(client, catalogue):
    certification = catalogue["ev_certification"]
    detail = html(client.get(certification.url))
    link = detail.find("a", href=lambda h: h and "?add=" in h)

    response = client.get(link["href"])

    assert response.status_code == 200
    checked = html(response).select("input[type=checkbox][checked]")
    assert [box["value"] for box in checked] == ["LM-CERT-EV"]


def test_standard_pages_link_to_the_comparison(client, catalogue):
    page = html(client.get(catalogue["ev_standard"].url))

    assert page.find("a", href=f"{compare_url('zh-hans').rstrip('?')}?add=LM-STD-EV")


def test_query_count_does_not_grow_with_the_number_of_items(
    client, catalogue, django_assert_max_num_queries
):
    extra = factories.published_resource(
        catalogue["site_tree"]["section"],
        factories.CertificationPageFactory,
        external_id="LM-CERT-EXTRA",
        level=catalogue["ev_certification"].level,
        translations={"lo": {"title": "ໃບຢັ້ງຢືນ ເພີ່ມເຕີມ"}},
    )
    extra.sectors.add(catalogue["electrical"])
    extra.recognised_in.add(catalogue["thailand"])
    factories.publish(extra)
    two = compare_url("lo", "LM-CERT-EV", "LM-CERT-WELD")
    four = compare_url("lo", "LM-CERT-EV", "LM-CERT-WELD", "LM-CERT-ELEC", "LM-CERT-EXTRA")
    client.get(two)  # warm the per-process caches (site root paths, locales)

    with CaptureQueriesContext(connection) as with_two:
        assert client.get(two).status_code == 200
    with django_assert_max_num_queries(len(with_two.captured_queries)):
        response = client.get(four)

    assert len(column_titles(html(response))) == 4
