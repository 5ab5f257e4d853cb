"""Permanent links: /r/<external_id> leads to the resource's current page in the visitor's
language whatever moves and renames happen, /r/<external_id>/<language> to that translation;
every resource page cites itself with it and exports the citation as RIS and BibTeX."""

import pytest
from django.utils import translation
from wagtail.models import PageViewRestriction

from tests import factories
from tests.helpers import soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(site_tree):
    return factories.published_resource(
        site_tree["section"],
        title="新能源汽车维修",
        summary="电动汽车电池与电机维修。",
        external_id="LM-CRS-EV-1",
        translations={
            "en": {"title": "EV repair {basics} & 100% safety", "summary": "Batteries\nTY  - X"},
            "lo": {"title": "ການສ້ອມແປງລົດໄຟຟ້າ", "summary": "ແບັດເຕີຣີ ແລະ ມໍເຕີ"},
        },
    )


def page_in(page, code):
    return page.get_translation(factories.Locale.objects.get(language_code=code))


def test_the_link_follows_the_visitors_language_and_falls_back(client, course):
    lao = client.get("/r/LM-CRS-EV-1", HTTP_ACCEPT_LANGUAGE="lo,en;q=0.5")
    thai = client.get("/r/LM-CRS-EV-1", HTTP_ACCEPT_LANGUAGE="th,en;q=0.8")

    assert lao.status_code == 302 and lao["Location"] == page_in(course, "lo").url
    assert "Accept-Language" in lao["Vary"]
    # No Thai translation: the visitor's next language.
    assert thai["Location"] == page_in(course, "en").url


def test_a_language_in_the_link_picks_that_translation(client, course):
    response = client.get("/r/LM-CRS-EV-1/en", HTTP_ACCEPT_LANGUAGE="lo")
    missing = client.get("/r/LM-CRS-EV-1/km", HTTP_ACCEPT_LANGUAGE="lo")

    assert response["Location"] == page_in(course, "en").url
    assert missing["Location"] == page_in(course, "lo").url  # no Khmer: the visitor's own
    assert client.get("/r/LM-CRS-EV-1/xx").status_code == 404


def test_the_link_survives_a_move_and_a_rename(client, course, site_tree):
    english = page_in(course, "en")
    other = (
        site_tree["section"]
        .get_parent()
        .add_child(
            instance=factories.ResourceIndexPageFactory.build(title="Archive", slug="archive")
        )
    )
    factories.publish(other)
    english.slug = "ev-repair-renamed"
    factories.publish(english)
    english.move(factories.translate(other, "en"), pos="last-child")
    english.refresh_from_db()

    response = client.get("/r/LM-CRS-EV-1/en")

    assert response["Location"] == english.url
    assert "ev-repair-renamed" in response["Location"]


def test_unknown_unpublished_and_private_resources_are_not_found(client, course, site_tree):
    assert client.get("/r/NO-SUCH-ID").status_code == 404
    draft = factories.CoursePageFactory(
        parent=site_tree["section"], title="Draft", external_id="LM-DRAFT"
    )
    draft.unpublish()
    assert client.get("/r/LM-DRAFT").status_code == 404
    PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for code in ("en", "lo"):
        PageViewRestriction.objects.create(
            page=page_in(course, code), restriction_type=PageViewRestriction.LOGIN
        )
    assert client.get("/r/LM-CRS-EV-1").status_code == 404
    assert client.get("/r/LM-CRS-EV-1/en/citation.ris").status_code == 404
    assert client.post("/r/NO-SUCH-ID").status_code == 405


def test_the_page_cites_itself_with_its_permanent_link(client, course):
    lao = page_in(course, "lo")
    with translation.override("lo"):
        page = soup(client.get(lao.url))

    cite = page.select_one("section.cite")
    assert cite.select_one("h2").get_text(strip=True) == "ອ້າງອີງຊັບພະຍາກອນນີ້"
    assert cite.select_one("a.cite__link")["href"] == "http://testserver/r/LM-CRS-EV-1/lo"
    downloads = [a["href"] for a in cite.select("a[download]")]
    assert downloads == ["/r/LM-CRS-EV-1/lo/citation.ris", "/r/LM-CRS-EV-1/lo/citation.bib"]


def test_the_ris_citation_is_in_the_pages_language_and_one_tag_a_line(client, course):
    response = client.get("/r/LM-CRS-EV-1/en/citation.ris")

    assert response["Content-Type"].startswith("application/x-research-info-systems")
    assert 'filename="LM-CRS-EV-1-en.ris"' in response["Content-Disposition"]
    lines = response.content.decode().split("\r\n")
    assert lines[0] == "TY  - ELEC"
    assert "TI  - EV repair {basics} & 100% safety" in lines
    assert "UR  - http://testserver/r/LM-CRS-EV-1/en" in lines
    assert "LA  - en" in lines and "ID  - LM-CRS-EV-1" in lines
    # A line break in the summary cannot start a tag of its own.
    assert "AB  - Batteries TY - X" in lines
    assert [line[:2] for line in lines if line].count("TY") == 1
    assert lines[-2] == "ER  - "


def test_the_bibtex_citation_escapes_what_bibtex_would_read(client, course):
    body = client.get("/r/LM-CRS-EV-1/zh-hans/citation.bib").content.decode()
    english = client.get("/r/LM-CRS-EV-1/en/citation.bib").content.decode()

    assert body.startswith("@misc{LM-CRS-EV-1-zh-hans,")
    assert "title = {{新能源汽车维修}}" in body
    assert "url = {http://testserver/r/LM-CRS-EV-1/zh-hans}" in body
    assert r"title = {{EV repair \{basics\} \& 100\% safety}}" in english
    assert english.count("{") - english.count(r"\{") == english.count("}") - english.count(r"\}")


def test_a_standard_is_cited_as_a_standard(client, site_tree):
    factories.published_resource(
        site_tree["section"],
        factories.VocationalStandardPageFactory,
        title="焊工职业标准",
        external_id="LM-STD-WELD-1",
    )

    lines = client.get("/r/LM-STD-WELD-1/zh-hans/citation.ris").content.decode().split("\r\n")

    assert lines[0] == "TY  - STAND"
