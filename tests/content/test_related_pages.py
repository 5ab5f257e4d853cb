"""The pages a resource is linked to, as its page lists them: only live, public ones, each in
the visitor's language where it is translated, else in the next language of the fallback
order, with a number of queries that does not depend on how many there are."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from resources.models import CertificationStandard, CourseMaterial, CourseStandard
from tests import factories
from tests.helpers import soup, text_of

LAO = "lo"


@pytest.fixture
def linked(site_tree):
    """A Chinese course implementing two standards (one translated into Lao) and using a
    material, and a certification assessing the first standard; the course translated into
    Lao."""
    common = {"parent": site_tree["section"], "institution": site_tree["institution"]}
    welding = factories.VocationalStandardPageFactory(title="焊工职业标准", **common)
    wiring = factories.VocationalStandardPageFactory(title="电工职业标准", **common)
    material = factories.TeachingMaterialPageFactory(title="焊接教材", **common)
    course = factories.CoursePageFactory(title="焊接实训", **common)
    certification = factories.CertificationPageFactory(title="焊工证书", **common)
    for page in (welding, wiring, material, course, certification):
        factories.publish(page)
    for standard in (welding, wiring):
        CourseStandard.objects.create(course=course, standard=standard)
    CourseMaterial.objects.create(course=course, material=material)
    CertificationStandard.objects.create(certification=certification, standard=welding)
    for page in (course, certification):
        factories.publish(page)
    return {
        "welding": welding,
        "wiring": wiring,
        "material": material,
        "course": course,
        "certification": certification,
        "welding_lo": factories.translate(welding, LAO, title="ມາດຕະຖານຊ່າງເຊື່ອມ"),
        "course_lo": factories.translate(course, LAO, title="ການຝຶກເຊື່ອມ"),
    }


def titles(pages):
    return [page.title for page in pages]


def related_titles(response, heading_id):
    section = soup(response).find(id=heading_id).parent
    return [text_of(link) for link in section.select("li a")]


def test_a_courses_standards_in_lao_are_the_lao_translation_where_there_is_one(linked):
    lao = Locale.objects.get(language_code=LAO)

    assert titles(linked["course"].standards(lao)) == ["ມາດຕະຖານຊ່າງເຊື່ອມ", "电工职业标准"]
    # A page's own language by default.
    assert titles(linked["course_lo"].standards()) == ["ມາດຕະຖານຊ່າງເຊື່ອມ", "电工职业标准"]
    assert titles(linked["course"].standards()) == ["焊工职业标准", "电工职业标准"]


def test_the_lao_course_page_lists_the_standards_its_method_gives(client, linked):
    response = client.get(linked["course_lo"].url)

    assert related_titles(response, "related-standards") == titles(linked["course_lo"].standards())
    assert related_titles(response, "related-materials") == ["焊接教材"]


def test_a_standard_lists_courses_and_certifications_linked_to_any_of_its_translations(linked):
    lao_standard = linked["welding_lo"]

    assert titles(lao_standard.courses()) == ["ການຝຶກເຊື່ອມ"]
    assert titles(lao_standard.certifications()) == ["焊工证书"]
    assert titles(linked["material"].courses()) == ["焊接实训"]
    assert titles(linked["certification"].standards()) == ["焊工职业标准"]
    assert titles(linked["course"].materials()) == ["焊接教材"]


def test_an_unpublished_or_private_standard_is_not_listed(client, linked):
    factories.make_private(linked["wiring"])
    linked["welding_lo"].unpublish()

    # The Lao translation unpublished, its Chinese original stands in for it.
    assert titles(linked["course_lo"].standards()) == ["焊工职业标准"]
    response = client.get(linked["course_lo"].url)
    assert related_titles(response, "related-standards") == ["焊工职业标准"]

    linked["welding"].unpublish()
    assert linked["course_lo"].standards() == []


def count_queries(client, url):
    """The queries of a visit in steady state (what every visitor shares is kept after the
    first one)."""
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_a_course_page_runs_as_many_queries_for_six_standards_as_for_two(client, linked):
    course = linked["course"]
    before = count_queries(client, course.url)

    for n in range(4):
        standard = factories.VocationalStandardPageFactory(
            parent=linked["welding"].get_parent(), title=f"标准 {n}"
        )
        factories.publish(standard)
        factories.translate(standard, LAO, title=f"ມາດຕະຖານ {n}")
        CourseStandard.objects.create(course=course, standard=standard)
    factories.publish(course)

    assert len(course.standards()) == 6
    assert count_queries(client, course.url) == before
