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


def add_resources(parent, count, offset=0):
    sector = factories.SectorFactory(code="welding", name="焊接")
    country = factories.CountryFactory(code="LA", name="老挝")
    for i in range(count):
        page = KINDS[(i + offset) % 4](parent=parent, tags=["welding", f"t{i}"])
        page.sectors.add(sector)
        page.countries.add(country)
        factories.publish(page)


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
