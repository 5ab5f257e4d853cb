"""Every public page answers an anonymous visitor with at most ``BUDGET`` SQL queries in
steady state (the second visit, once what every visitor shares is kept), whether a resource
has 2 related pages, files and translations or 20, and a section 5 resources or 40."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resources.models import CertificationStandard, CourseMaterial, CourseStandard
from tests import factories

pytestmark = pytest.mark.django_db

BUDGET = 12
SIZES = [2, 20]


def steady_state(client, url):
    """The second visit's response and its queries."""
    first = client.get(url)
    assert first.status_code == 200, url
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, queries


def assert_in_budget(client, url, *expected_texts):
    response, queries = steady_state(client, url)
    text = response.content.decode()
    for expected in expected_texts:
        assert expected in text
    assert len(queries) <= BUDGET, "\n".join(q["sql"][:200] for q in queries)


def linked(section, count, factory, prefix):
    return [
        factories.published_resource(
            section,
            factory=factory,
            title=f"{prefix} {n}",
            translations={"en": {"title": f"{prefix} {n} (en)"}},
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("size", SIZES)
def test_a_course_page_keeps_to_the_budget(client, site_tree, size):
    section = site_tree["section"]
    standards = linked(section, size, factories.VocationalStandardPageFactory, "Standard")
    materials = linked(section, size, factories.TeachingMaterialPageFactory, "Material")
    for material in materials:
        factories.add_material_file(material, language="zh-hans")
        factories.add_material_file(material, language="en")
    course = factories.published_resource(
        section, translations={"en": {"title": "Welding course"}, "lo": {}, "th": {}}
    )
    english = course.get_translation(factories.Locale.objects.get(language_code="en"))
    for n, (standard, material) in enumerate(zip(standards, materials, strict=True)):
        CourseStandard.objects.create(course=english, standard=standard, sort_order=n)
        CourseMaterial.objects.create(course=english, material=material, sort_order=n)

    assert_in_budget(client, english.url, f"Standard {size - 1} (en)", f"Material {size - 1} (en)")


@pytest.mark.parametrize("size", SIZES)
def test_a_standard_page_keeps_to_the_budget(client, site_tree, size):
    section = site_tree["section"]
    standard = factories.published_resource(
        section,
        factory=factories.VocationalStandardPageFactory,
        competencies=factories.competency_units(*[(f"U{n}", f"Unit {n}") for n in range(size)]),
    )
    courses = linked(section, size, factories.CoursePageFactory, "Course")
    for n, course in enumerate(courses):
        CourseStandard.objects.create(course=course, standard=standard, sort_order=n)

    assert_in_budget(client, standard.url, f"Course {size - 1}")


@pytest.mark.parametrize("size", SIZES)
def test_a_certification_page_keeps_to_the_budget(client, site_tree, size):
    section = site_tree["section"]
    standards = linked(section, size, factories.VocationalStandardPageFactory, "Standard")
    certification = factories.published_resource(
        section, factory=factories.CertificationPageFactory
    )
    for n, standard in enumerate(standards):
        CertificationStandard.objects.create(
            certification=certification, standard=standard, sort_order=n
        )

    assert_in_budget(client, certification.url, f"Standard {size - 1}")


@pytest.mark.parametrize("size", SIZES)
def test_a_material_page_keeps_to_the_budget(client, site_tree, size):
    material = factories.published_resource(
        site_tree["section"], factory=factories.TeachingMaterialPageFactory
    )
    for n in range(size):
        factories.add_material_file(material, title=f"File {n}", language="zh-hans")

    assert_in_budget(client, material.url, f"File {size - 1}")


def listing_of(site_tree, size):
    for n in range(size):
        factories.published_resource(site_tree["section"], title=f"Resource {n}")
    return site_tree


@pytest.mark.parametrize("size", [5, 40])
def test_the_catalogue_keeps_to_the_budget(client, site_tree, size):
    listing_of(site_tree, size)
    assert_in_budget(client, site_tree["library"].url, "Resource")


@pytest.mark.parametrize("size", [5, 40])
def test_the_home_page_keeps_to_the_budget(client, site_tree, size):
    listing_of(site_tree, size)
    assert_in_budget(client, "/en/", "Resource")


@pytest.mark.parametrize("size", [5, 40])
def test_an_institution_section_keeps_to_the_budget(client, site_tree, size):
    listing_of(site_tree, size)
    assert_in_budget(client, site_tree["section"].url, "Resource")


@pytest.mark.parametrize("size", [5, 40])
def test_a_workshop_page_keeps_to_the_budget(client, site_tree, size):
    institution = site_tree["institution"]
    for n in range(size):
        factories.published_resource(
            site_tree["section"], title=f"Resource {n}", institution=institution
        )
    workshop = factories.WorkshopPageFactory(
        parent=site_tree["home"], slug="workshop-laos", lead_institution=institution
    )
    factories.publish(workshop)
    assert_in_budget(client, workshop.url, f"Resource {size - 1}")


@pytest.mark.parametrize("size", [5, 40])
def test_the_search_page_keeps_to_the_budget(client, site_tree, size):
    listing_of(site_tree, size)
    assert_in_budget(client, "/en/search/", "Resource")


@pytest.mark.parametrize("size", [5, 40])
def test_a_text_search_on_the_database_backend_keeps_to_the_budget(client, site_tree, size):
    # No engine configured: the quick start's search, where each form of the words and each
    # termbase label is a search of its own.
    listing_of(site_tree, size)
    assert_in_budget(client, "/en/search/?q=resource", "Resource")
    # What is kept is dropped by the next publish: a new resource is found at once.
    factories.published_resource(site_tree["section"], title="Resource welding")
    response = client.get("/en/search/?q=welding")
    assert "Resource welding" in response.content.decode()


@pytest.mark.parametrize("size", [5, 40])
def test_the_discovery_api_keeps_to_the_budget(client, site_tree, size):
    listing_of(site_tree, size)
    response, queries = steady_state(client, "/api/discovery/?lang=en")
    assert response.json()["count"] == size
    assert len(queries) <= BUDGET


@pytest.mark.parametrize("size", [5, 40])
def test_the_standards_browser_keeps_to_the_budget(client, site_tree, size):
    for n in range(size):
        factories.published_resource(
            site_tree["section"],
            factory=factories.VocationalStandardPageFactory,
            title=f"Standard {n}",
        )
    assert_in_budget(client, "/en/standards/", "Standard")


@pytest.mark.parametrize("size", [5, 40])
def test_the_comparison_form_keeps_to_the_budget(client, site_tree, size):
    for n in range(size):
        factories.published_resource(
            site_tree["section"], factory=factories.CertificationPageFactory, title=f"Cert {n}"
        )
    assert_in_budget(client, "/en/compare/", "Cert")


@pytest.mark.parametrize("size", [5, 40])
def test_a_permanent_link_keeps_to_the_budget(client, site_tree, size):
    pages = listing_of(site_tree, size)
    course = factories.published_resource(pages["section"], external_id="LM-BUDGET-1")
    first = client.get("/r/LM-BUDGET-1")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/r/LM-BUDGET-1")
    assert first.status_code == response.status_code == 302
    assert response["Location"] == course.url
    assert len(queries) <= BUDGET
