"""List pages run a fixed number of SQL queries, however many resources they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

KINDS = [
    factories.CoursePageFactory,
    factories.VocationalStandardPageFactory,
    factories.TeachingMaterialPageFactory,
    factories.CertificationPageFactory,
]


def add_resources(parent, count, offset=0, institution=None):
    """``count`` resources of the four types; every other one translated into Lao."""
    sector = factories.SectorFactory(code="welding", name="焊接")
    country = factories.CountryFactory(code="LA", name="老挝")
    extra = {"institution": institution} if institution else {}
    for i in range(count):
        page = KINDS[(i + offset) % 4](parent=parent, tags=["welding", f"t{i}"], **extra)
        page.sectors.add(sector)
        page.countries.add(country)
        factories.publish(page)
        if (i + offset) % 2:
            factories.translate(page, "lo", title=f"ຊັບພະຍາກອນ {i + offset}")


def count_queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_of",
    [
        pytest.param(lambda tree: tree["library"].url, id="resource-library"),
        pytest.param(lambda tree: tree["section"].url + "?tag=welding", id="tag-filtered-section"),
        pytest.param(lambda tree: tree["home"].url, id="home-page"),
    ],
)
def test_list_pages_run_the_same_number_of_queries_for_4_and_12_resources(
    client, site_tree, url_of
):
    add_resources(site_tree["section"], 4)
    small, response = count_queries(client, url_of(site_tree))
    assert response.content.count(b'resource-card"') == 4

    add_resources(site_tree["section"], 8, offset=4)
    large, response = count_queries(client, url_of(site_tree))
    shown = response.content.count(b'resource-card"')
    assert shown in (8, 12)  # the home page shows the newest eight
    assert large == small, f"{small} queries for 4 resources, {large} for {shown}"


def lao_workshop(tree):
    workshop = factories.WorkshopPageFactory(
        parent=tree["home"], lead_institution=tree["institution"]
    )
    return factories.translate(factories.publish(workshop), "lo").url


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url_of",
    [
        pytest.param(
            lambda tree: factories.translate(tree["library"], "lo").url, id="lao-catalogue"
        ),
        pytest.param(
            lambda tree: factories.translate(tree["section"], "lo").url + "?tag=welding",
            id="lao-tag-filtered-section",
        ),
        pytest.param(lambda tree: factories.translate(tree["home"], "lo").url, id="lao-home-page"),
        pytest.param(lao_workshop, id="lao-workshop"),
    ],
)
def test_lao_list_pages_of_resources_in_any_language_run_a_fixed_number_of_queries(
    client, site_tree, url_of
):
    """Half the resources are in Lao, the others shown in their original, marked."""
    url = url_of(site_tree)
    add_resources(site_tree["section"], 4, institution=site_tree["institution"])
    small, response = count_queries(client, url)
    assert response.content.count(b'resource-card"') == 4
    assert response.content.count(b'class="card__translation"') == 2

    add_resources(site_tree["section"], 8, offset=4, institution=site_tree["institution"])
    large, response = count_queries(client, url)
    shown = response.content.count(b'resource-card"')
    assert shown in (6, 8, 12)  # the workshop shows six, the home page eight
    assert large == small, f"{small} queries for 4 resources, {large} for {shown}"
