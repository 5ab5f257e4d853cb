"""Every page says what it may load and run: the public site (the API docs too) only its own
files and no inline code; Wagtail's admin its own inline code too, nothing from other sites;
a downloaded file nothing at all."""

import pytest
from django.core.files.base import ContentFile

from tests import factories


def policy(response):
    """{directive: [sources]} of the response's Content-Security-Policy."""
    directives = [part.strip().split() for part in response["Content-Security-Policy"].split(";")]
    return {name: sources for name, *sources in directives if name}


@pytest.mark.parametrize(
    "path", ["/zh-hans/", "/lo/search/?q=ການເຊື່ອມ", "/en/standards/", "/api/discovery/docs/"]
)
def test_public_pages_run_only_the_sites_own_scripts(client, site_tree, path):
    found = policy(client.get(path))

    assert found["script-src"] == ["'self'"] and found["style-src"] == ["'self'"]
    assert found["default-src"] == ["'self'"] and found["object-src"] == ["'none'"]
    assert found["base-uri"] == ["'self'"] and found["form-action"] == ["'self'"]
    assert found["frame-ancestors"] == ["'self'"]


def test_a_resource_page_has_the_public_policy(client, site_tree):
    course = factories.published_resource(site_tree["section"], title="Welding basics")

    assert policy(client.get(course.url))["script-src"] == ["'self'"]


def test_the_admin_allows_its_inline_code_and_nothing_from_elsewhere(client, db):
    found = policy(client.get("/admin/login/"))

    assert found["script-src"] == ["'self'", "'unsafe-inline'"]
    assert found["default-src"] == ["'self'"] and found["object-src"] == ["'none'"]
    assert not any("http" in source for sources in found.values() for source in sources)


def test_a_downloaded_file_keeps_its_own_stricter_policy(client, site_tree):
    material = factories.published_resource(
        site_tree["section"], factories.TeachingMaterialPageFactory
    )
    document = factories.add_material_file(
        material, title="ຄູ່ມື", language="lo", file=ContentFile(b"%PDF-1.7\n", name="m.pdf")
    )

    response = client.get(document.url)

    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
