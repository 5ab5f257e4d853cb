"""What a visitor sees: every page type in several languages, with its metadata, its related
resources, accessible structure and self-hosted fonts."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.template.loader import get_template
from django.utils import translation
from wagtail.models import Locale

from resources.models import (
    CertificationStandard,
    CourseMaterial,
    CourseStandard,
)
from tests import factories
from tests.helpers import soup, text_of

LAO = "lo"


def translate_snippet(obj, language_code, **fields):
    copy = obj.copy_for_translation(Locale.objects.get(language_code=language_code))
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.save()
    return copy


@pytest.fixture
def library(site_tree):
    """One resource of each type, linked to each other, in Chinese, Lao and (the course) in
    English, Khmer and Myanmar; snippets translated into Lao."""
    section = site_tree["section"]
    institution = site_tree["institution"]
    laos = institution.country
    translate_snippet(institution, LAO, name="ວິທະຍາໄລເຕັກນິກວຽງຈັນ")
    translate_snippet(laos, LAO, name="ປະເທດລາວ")
    sector = factories.SectorFactory(code="electrical", name="电气")
    translate_snippet(sector, LAO, name="ໄຟຟ້າ")
    level = factories.QualificationLevelFactory(name="三级 熟练工")
    translate_snippet(level, LAO, name="ລະດັບ 3 ຊ່າງຝີມື")
    common = {"parent": section, "institution": institution, "level": level}

    standard = factories.VocationalStandardPageFactory(
        title="新能源汽车维修职业标准", external_id="LM-STD-EV-1", code="LNQF-EV-3", **common
    )
    material = factories.TeachingMaterialPageFactory(
        title="电动汽车维修教材", external_id="LM-MAT-EV-1", **common
    )
    course = factories.CoursePageFactory(
        title="新能源汽车维修", external_id="LM-CRS-EV-1", licence="CC-BY-SA-4.0", **common
    )
    certification = factories.CertificationPageFactory(
        title="新能源汽车维修技能证书", external_id="LM-CERT-EV-1", validity_years=3, **common
    )
    for page in (standard, material, course, certification):
        page.sectors.add(sector)
        page.countries.add(laos)
        page.tags.add("electric-vehicles")
        page.save()
    certification.recognised_in.add(laos)
    certification.save()
    CourseStandard.objects.create(course=course, standard=standard)
    CourseMaterial.objects.create(course=course, material=material)
    CertificationStandard.objects.create(certification=certification, standard=standard)
    factories.add_material_file(material, title="电动汽车维修教材(中文)", language="zh-hans")
    factories.add_material_file(material, title="ປຶ້ມແບບຮຽນ ລົດໄຟຟ້າ", language=LAO)
    for page in (standard, material, course, certification):
        factories.publish(page)

    lao_titles = {
        "standard": "ມາດຕະຖານອາຊີບ ສ້ອມແປງລົດໄຟຟ້າ",
        "material": "ປຶ້ມແບບຮຽນ ສ້ອມແປງລົດໄຟຟ້າ",
        "course": "ຫຼັກສູດ ສ້ອມແປງລົດໄຟຟ້າ",
        "certification": "ໃບຢັ້ງຢືນ ສ້ອມແປງລົດໄຟຟ້າ",
    }
    pages = {
        "standard": standard,
        "material": material,
        "course": course,
        "certification": certification,
    }
    lao = {
        key: factories.translate(page, LAO, title=lao_titles[key], summary="ສະຫຼຸບເນື້ອໃນ.")
        for key, page in pages.items()
    }
    others = {
        "en": factories.translate(course, "en", title="New-energy vehicle maintenance"),
        "km": factories.translate(course, "km", title="ការជួសជុលរថយន្តថាមពលថ្មី"),
        "my": factories.translate(course, "my", title="စွမ်းအင်သစ်ယာဉ် ပြုပြင်ခြင်း"),
    }
    for key in ("standard", "material", "certification"):
        others[f"en-{key}"] = factories.translate(pages[key], "en", title=f"English {key}")
    return {"zh": pages, "lo": lao, "other": others, "site_tree": site_tree}


def test_home_page_shows_alliance_workshops_newest_resources_and_catalogue(client, library):
    home = library["site_tree"]["home"]
    home.tagline = "澜湄职业教育联盟共享资源库"
    factories.publish(home)
    workshop = factories.WorkshopPageFactory(parent=home, title="老挝澜湄工坊")
    factories.publish(workshop)

    page = soup(client.get("/zh-hans/"))

    assert page.html["lang"] == "zh-Hans"
    assert text_of(page.find("h1")) == "数字澜湄"
    assert "澜湄职业教育联盟共享资源库" in text_of(page.main)
    workshops = page.find(id="workshops")
    assert "老挝澜湄工坊" in [text_of(a) for a in workshops.find_all("a")]
    newest = [text_of(h) for h in page.select(".newest .card__title")]
    assert "新能源汽车维修" in newest
    assert page.main.find("a", href="/zh-hans/resources/")


@pytest.mark.parametrize("language", ["zh-hans", "en", LAO])
@pytest.mark.parametrize("kind", ["course", "standard", "material", "certification"])
def test_each_resource_type_renders_in_three_languages(client, library, kind, language):
    if language == "zh-hans":
        resource = library["zh"][kind]
    elif language == LAO:
        resource = library["lo"][kind]
    else:
        resource = library["other"]["en" if kind == "course" else f"en-{kind}"]

    page = soup(client.get(resource.url))

    expected_lang = {"zh-hans": "zh-Hans"}.get(language, language)
    assert page.html["lang"] == expected_lang
    headings = page.find_all("h1")
    assert [text_of(h) for h in headings] == [resource.title]
    metadata = text_of(page.find(class_="metadata"))
    assert resource.external_id in metadata
    assert page.find("a", rel="license")["href"].startswith("https://creativecommons.org/")


@pytest.mark.parametrize(
    "language, title", [("km", "ការជួសជុលរថយន្តថាមពលថ្មី"), ("my", "စွမ်းအင်သစ်ယာဉ် ပြုပြင်ခြင်း")]
)
def test_course_renders_in_khmer_and_myanmar(client, library, language, title):
    page = soup(client.get(library["other"][language].url))

    assert page.html["lang"] == language
    assert text_of(page.find("h1")) == title
    assert page.find(class_="resource__header")["lang"] == language


def test_lao_course_shows_all_metadata_in_lao(client, library):
    course = library["lo"]["course"]

    page = soup(client.get(course.url))

    metadata = page.find(class_="metadata")
    rows = {text_of(row.th): row.td for row in metadata.find_all("tr")}
    values = " ".join(text_of(td) for td in rows.values())
    assert "LM-CRS-EV-1" in values
    assert "ວິທະຍາໄລເຕັກນິກວຽງຈັນ" in values  # institution, in Lao
    assert "ປະເທດລາວ" in values  # its country and the resource's countries, in Lao
    assert "ໄຟຟ້າ" in values  # sector, in Lao
    assert "ລະດັບ 3 ຊ່າງຝີມື" in values  # qualification level, in Lao
    assert "ກອບຄຸນວຸດທິແຫ່ງຊາດລາວ" in values  # "Lao National Qualifications Framework"
    assert "AQRF" in values
    licence = metadata.find("a", rel="license")
    assert text_of(licence) == "CC BY-SA 4.0"
    assert licence["href"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    tag = metadata.find("a", class_="tag")
    assert tag["href"] == f"{course.get_parent().url}?tag=electric-vehicles"
    assert metadata.find("time")["datetime"].startswith(str(course.first_published_at.year))
    assert metadata.find(lang=LAO).get_text() == "ລາວ"
    assert page.find(class_="resource__header")["lang"] == LAO


def test_course_lists_the_standards_it_implements_and_materials_it_uses(client, library):
    page = soup(client.get(library["lo"]["course"].url))

    standards = text_of(page.find(id="related-standards").parent)
    materials = text_of(page.find(id="related-materials").parent)
    assert "ມາດຕະຖານອາຊີບ ສ້ອມແປງລົດໄຟຟ້າ" in standards
    assert "ປຶ້ມແບບຮຽນ ສ້ອມແປງລົດໄຟຟ້າ" in materials


def test_standard_lists_courses_and_certifications(client, library):
    page = soup(client.get(library["lo"]["standard"].url))

    assert "ຫຼັກສູດ ສ້ອມແປງລົດໄຟຟ້າ" in text_of(page.find(id="related-courses").parent)
    certifications = text_of(page.find(id="related-certifications").parent)
    assert "ໃບຢັ້ງຢືນ ສ້ອມແປງລົດໄຟຟ້າ" in certifications
    rows = text_of(page.find(class_="metadata"))
    assert "LNQF-EV-3" in rows


def test_certification_lists_assessed_standards_and_recognising_countries(client, library):
    page = soup(client.get(library["zh"]["certification"].url))

    assert "新能源汽车维修职业标准" in text_of(page.find(id="related-standards").parent)
    assert "Laos" in text_of(page.find(class_="metadata"))


def test_material_lists_courses_and_files_by_language(client, library):
    page = soup(client.get(library["lo"]["material"].url))

    assert "ຫຼັກສູດ ສ້ອມແປງລົດໄຟຟ້າ" in text_of(page.find(id="related-courses").parent)
    rows = page.select(".files__table tbody tr")
    assert [row.td.span["lang"] for row in rows] == ["zh-Hans", LAO]
    lao_row = rows[1]
    assert text_of(lao_row.td) == "ລາວ"
    cells = [text_of(td) for td in lao_row.find_all("td")]
    assert "PDF" in cells
    assert re.fullmatch(r"\d+ ໄບ", cells[3]), cells  # "33 bytes", in Lao
    link = lao_row.find("a")
    assert link["href"].startswith("/documents/")
    assert link["type"] == "application/pdf"


def test_related_pages_that_are_not_live_are_not_listed(client, library):
    library["lo"]["certification"].unpublish()
    library["zh"]["certification"].unpublish()
    library["other"]["en-certification"].unpublish()

    page = soup(client.get(library["lo"]["standard"].url))

    section = page.find(id="related-certifications").parent
    assert section.find("li") is None
    assert "ຍັງບໍ່ມີໃບຢັ້ງຢືນ" in text_of(section)  # "No certification assesses this standard yet."
    # The course, still live, is listed.
    assert "ຫຼັກສູດ ສ້ອມແປງລົດໄຟຟ້າ" in text_of(page.find(id="related-courses").parent)


def test_a_related_page_no_longer_in_the_visitors_language_shows_in_the_next_one(client, library):
    library["lo"]["certification"].unpublish()
    library["zh"]["certification"].unpublish()

    page = soup(client.get(library["lo"]["standard"].url))

    (item,) = page.find(id="related-certifications").parent.find_all("li")
    assert "English certification" in text_of(item)
    assert item.find("a")["href"].startswith("/en/")


def test_index_page_paginates_and_keeps_filters(client, library):
    section = library["site_tree"]["section"]
    for _ in range(13):
        course = factories.CoursePageFactory(
            parent=section, institution=library["site_tree"]["institution"]
        )
        course.tags.add("welding")
        factories.publish(course)

    page = soup(client.get(section.url, {"tag": "welding", "type": "course"}))

    assert text_of(page.find("h1")) == section.title
    cards = page.select(".results .card")
    assert len(cards) == 12
    assert "13" in text_of(page.find(id="results-heading"))
    next_link = page.find("a", rel="next")
    assert next_link["href"] == "?tag=welding&type=course&page=2"
    # The type filter keeps the tag and goes back to the first page.
    type_links = page.select(".filters__list a")
    assert type_links[0]["href"] == "?tag=welding"
    # Tag links on cards keep the type filter.
    assert cards[0].find("a", class_="tag")["href"].endswith("?tag=welding&type=course")
    second = soup(client.get(section.url + next_link["href"]))
    assert len(second.select(".results .card")) == 1
    assert text_of(second.select_one(".pagination a[aria-current=page]")).endswith("2")


def test_workshop_page_shows_country_institution_and_resources(client, library):
    home = library["site_tree"]["home"]
    institution = library["site_tree"]["institution"]
    workshop = factories.WorkshopPageFactory(
        parent=home, title="老挝澜湄工坊", lead_institution=institution
    )
    factories.publish(workshop)
    lao = factories.translate(workshop, LAO, title="ສູນຝຶກ ລ້ານຊ້າງ-ແມ່ຂອງ")

    page = soup(client.get(lao.url))

    assert page.html["lang"] == LAO
    assert text_of(page.find("h1")) == "ສູນຝຶກ ລ້ານຊ້າງ-ແມ່ຂອງ"
    facts = text_of(page.find(class_="metadata"))
    assert "ວິທະຍາໄລເຕັກນິກວຽງຈັນ" in facts
    assert "ປະເທດລາວ" in facts
    titles = [text_of(h) for h in page.select(".workshop__resources .card__title")]
    assert "ຫຼັກສູດ ສ້ອມແປງລົດໄຟຟ້າ" in titles


def test_pages_have_skip_link_landmarks_and_one_h1(client, library):
    for url in ("/lo/", library["lo"]["course"].url, library["site_tree"]["section"].url):
        page = soup(client.get(url))

        skip = page.body.find("a")
        assert skip["href"] == "#main"
        assert page.find("main")["id"] == "main"
        assert page.find("header", class_="site-header")
        assert page.find("footer")
        assert page.find("nav", class_="primary-nav")
        assert len(page.find_all("h1")) == 1
        # No script runs; structured data (JSON-LD) is data, not code.
        assert not page.find("script", type=lambda kind: kind != "application/ld+json")
        assert not page.find(style=True)


def test_lao_interface_is_in_lao(client, library):
    page = soup(client.get(library["lo"]["course"].url))

    assert text_of(page.find("a", class_="skip-link")) == "ຂ້າມໄປຫາເນື້ອໃນຫຼັກ"
    assert text_of(page.find(id="metadata-heading")) == "ກ່ຽວກັບຊັບພະຍາກອນນີ້"


def test_fonts_are_self_hosted(client, library):
    response = client.get(library["lo"]["course"].url)
    html = response.content.decode()

    stylesheets = [link["href"] for link in soup(response).find_all("link", rel="stylesheet")]
    assert stylesheets == ["/static/css/site.css"]
    for host in ("fonts.googleapis", "fonts.gstatic", "cdn", "unpkg", "jsdelivr"):
        assert host not in html
    css = open(finders.find("css/site.css"), encoding="utf-8").read()
    fonts = re.findall(r'url\("\.\./fonts/([^"]+)"\)', css)
    assert {"noto-sans-lao-lao-400-normal.woff2", "noto-sans-khmer-khmer-400-normal.woff2"} <= set(
        fonts
    )
    assert "noto-sans-myanmar-myanmar-400-normal.woff2" in fonts
    for name in fonts:
        assert finders.find(f"fonts/{name}"), name
    assert "http" not in css  # no font or stylesheet from another host


def test_404_page_renders_in_the_visitors_language(client, site_tree):
    response = client.get("/lo/no-such-page/")

    assert response.status_code == 404
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.html["lang"] == LAO
    assert len(page.find_all("h1")) == 1
    assert page.main.find("a", href="/lo/")


def test_500_page_renders_without_context_or_database():
    with translation.override(LAO):
        html = get_template("500.html").render()

    page = BeautifulSoup(html, "html.parser")
    assert page.html["lang"] == LAO
    assert page.find("h1")
    assert page.find("main", id="main")
