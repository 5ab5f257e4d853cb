"""A certification page tells learners and employers what it assesses, at which level, and
where it is recognised; a standard page names the certifications that assess it."""

import pytest
from bs4 import BeautifulSoup
from wagtail.models import Locale

pytestmark = pytest.mark.django_db


def lao(page):
    return page.get_translation(Locale.objects.get(language_code="lo"))


def page_html(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(element):
    return " ".join(element.get_text(" ", strip=True).split())


def facts(soup):
    """{term: description} of the certification's level and recognition."""
    section = soup.find(id="qualification-heading").parent
    return {text(div.dt): text(div.dd) for div in section.dl.find_all("div")}


def test_lao_certification_shows_national_and_aqrf_levels_and_recognising_countries(
    client, catalogue
):
    soup = page_html(client, lao(catalogue["ev_certification"]))

    values = list(facts(soup).values())
    assert "ກອບຄຸນວຸດທິແຫ່ງຊາດລາວ" in values[0]  # "Lao National Qualifications Framework"
    assert "ລະດັບ 3 ຊ່າງຝີມື" in values[0]  # the level's name, in Lao
    assert "3" in values[1]
    assert soup.find("abbr", title=True).get_text() == "AQRF"
    assert "ປະເທດລາວ" in values[2] and "ປະເທດໄທ" in values[2]  # recognised in, in Lao


def test_certification_links_the_lao_version_of_the_standard_it_assesses(client, catalogue):
    soup = page_html(client, lao(catalogue["ev_certification"]))

    section = soup.find(id="related-standards").parent
    link = section.find("a")
    assert text(link) == "ມາດຕະຖານອາຊີບ ສ້ອມແປງລົດໄຟຟ້າ"
    assert link["href"] == lao(catalogue["ev_standard"]).url


def test_certification_without_an_aqrf_reference_says_so(client, catalogue):
    soup = page_html(client, catalogue["electrician_certification"])

    values = list(facts(soup).values())
    assert "中国国家职业技能等级" in values[0]  # "China national vocational skill levels"
    assert values[1] == "尚未参照"  # "Not referenced"


def test_metadata_shows_awarding_body_assessment_and_validity(client, catalogue):
    soup = page_html(client, catalogue["ev_certification"])

    metadata = text(soup.find(class_="metadata"))
    assert "Yunnan Vocational Skills Testing Centre" in metadata
    assert "Practical test on a live vehicle" in text(soup.find(id="assessment-heading").parent)
    welder = text(page_html(client, catalogue["welding_certification"]).find(class_="metadata"))
    assert "Thailand Professional Qualification Institute" in welder


def test_standard_page_lists_the_certifications_assessing_it_but_not_private_ones(
    client, catalogue
):
    soup = page_html(client, lao(catalogue["ev_standard"]))

    listed = [text(a) for a in soup.find(id="related-certifications").parent.find_all("a")]
    assert "ໃບຢັ້ງຢືນ ສ້ອມແປງລົດໄຟຟ້າ" in listed
    assert "ໃບຢັ້ງຢືນ ຊ່າງໄຟຟ້າ" in listed
    assert "内部证书" not in listed


def test_certification_and_standard_pages_offer_add_to_comparison(client, catalogue):
    for page in (catalogue["ev_certification"], lao(catalogue["ev_standard"])):
        soup = page_html(client, page)
        link = soup.find("a", href=lambda h: h and "/compare/?add=" in h)
        assert link is not None
        assert link["href"].endswith(f"add={page.external_id}")
