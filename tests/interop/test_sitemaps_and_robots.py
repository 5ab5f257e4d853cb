"""The sitemaps list every live, public page translation once, with its translations as
hreflang alternates and an x-default, and never a draft, an unpublished or a private page;
robots.txt points crawlers to them and keeps them out of what has no end; a crawler's repeated
request is answered 304 until something it shows changes."""

import xml.etree.ElementTree as ET
from urllib.robotparser import RobotFileParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.timezone import localtime
from wagtail.models import Page, PageViewRestriction

from home.models import HomePage
from resources.models import ResourceIndexPage, WorkshopPage
from resources.models.base import resource_page_models
from tests import factories
from tests.interop.conditional import revalidated_answer

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def library(site_tree):
    section = site_tree["section"]
    course = factories.published_resource(
        section,
        title="新能源汽车维修",
        external_id="LM-CRS-EV-1",
        translations={"en": {"title": "EV repair"}, "lo": {"title": "ການສ້ອມແປງລົດໄຟຟ້າ"}},
    )
    standard = factories.published_resource(
        section, factories.VocationalStandardPageFactory, title="焊工职业标准"
    )
    workshop = factories.publish(
        factories.WorkshopPageFactory(parent=site_tree["home"], title="老挝澜湄职业教育基地")
    )
    factories.translate(workshop, "en", title="Lancang-Mekong Workshop in Laos")
    private = factories.published_resource(
        section, title="内部课程", translations={"en": {"title": "Internal course"}}
    )
    factories.make_private(private)
    half_private = factories.published_resource(
        section, title="部分公开课程", translations={"en": {"title": "Half-public course"}}
    )
    factories.make_private(in_language(half_private, "en"))
    hidden_section = factories.publish(
        factories.ResourceIndexPageFactory(parent=section, title="内部", slug="internal")
    )
    factories.make_private(hidden_section)
    below_private = factories.published_resource(hidden_section, title="私有栏目中的课程")
    draft = factories.CoursePageFactory(parent=section, title="草稿课程", live=False)
    unpublished = factories.published_resource(section, title="已下线课程")
    unpublished.unpublish()
    return {
        **site_tree,
        "course": course,
        "standard": standard,
        "workshop": workshop,
        "private": private,
        "half_private": half_private,
        "hidden_section": hidden_section,
        "below_private": below_private,
        "draft": draft,
        "unpublished": unpublished,
    }


def in_language(page, code):
    return page.get_translation(factories.Locale.objects.get(language_code=code))


def xml_of(response):
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)  # noqa: S314 — the site's own answer


def read_sitemaps(client):
    """{location: {hreflang: href}} of every URL of every sitemap the index names."""
    index = xml_of(client.get("/sitemap.xml"))
    entries = {}
    for loc in index.findall("sm:sitemap/sm:loc", NS):
        sitemap = xml_of(client.get(loc.text.removeprefix("http://testserver")))
        for url in sitemap.findall("sm:url", NS):
            location = url.find("sm:loc", NS).text
            assert location not in entries, f"{location} listed twice"
            lastmod = url.find("sm:lastmod", NS)
            entries[location] = {"lastmod": lastmod.text if lastmod is not None else None}
            entries[location] |= {
                link.get("hreflang"): link.get("href")
                for link in url.findall("xhtml:link", NS)
                if link.get("rel") == "alternate"
            }
    return entries


def test_every_public_translation_is_listed_once(client, library):
    listed = read_sitemaps(client)

    models = (HomePage, ResourceIndexPage, WorkshopPage, *resource_page_models())
    public = Page.objects.live().public().type(*models).specific()
    assert set(listed) == {page.full_url for page in public}
    for name in ("draft", "unpublished", "private", "below_private", "hidden_section"):
        assert library[name].full_url not in listed, name
    assert in_language(library["half_private"], "en").full_url not in listed
    assert library["half_private"].full_url in listed


def test_each_url_names_its_public_translations_and_an_x_default(client, library):
    listed = read_sitemaps(client)
    course, workshop = library["course"], library["workshop"]
    translations = {code: in_language(course, code).full_url for code in ("zh-hans", "en", "lo")}

    for code, url in translations.items():
        # The date is the site's (Asia/Bangkok), whatever the hour in UTC.
        published = localtime(in_language(course, code).last_published_at)
        assert listed[url].pop("lastmod") == f"{published:%Y-%m-%d}"
        assert listed[url] == {
            "zh-Hans": translations["zh-hans"],
            "en": translations["en"],
            "lo": translations["lo"],
            "x-default": "http://localhost/r/LM-CRS-EV-1",
        }
    for entry in listed.values():
        entry.pop("lastmod", None)
    assert listed[in_language(workshop, "en").full_url] == {
        "zh-Hans": workshop.full_url,
        "en": in_language(workshop, "en").full_url,
        "x-default": workshop.full_url,
    }
    # A translation made private is no alternate of the public ones.
    assert set(listed[library["half_private"].full_url]) == {"zh-Hans", "x-default"}
    home = listed[library["home"].full_url]
    assert len(home) == 8 and home["x-default"] == "http://localhost/"


def test_the_x_defaults_lead_each_visitor_to_their_language(client, library):
    home = client.get("/", HTTP_ACCEPT_LANGUAGE="lo")
    course = client.get("/r/LM-CRS-EV-1", HTTP_ACCEPT_LANGUAGE="lo")

    assert home.status_code == 302 and home["Location"] == "/lo/"
    assert course["Location"] == in_language(library["course"], "lo").url


def test_the_index_names_one_sitemap_per_language_and_kind(client, library):
    index = xml_of(client.get("/sitemap.xml"))
    locations = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]

    assert "http://testserver/sitemap-zh-hans-course.xml" in locations
    assert "http://testserver/sitemap-lo-course.xml" in locations
    assert "http://testserver/sitemap-en-workshops.xml" in locations
    # No Thai workshop, no Khmer course: no empty sitemaps.
    assert "http://testserver/sitemap-th-workshops.xml" not in locations
    assert "http://testserver/sitemap-km-course.xml" not in locations
    assert client.get("/sitemap-xx-course.xml").status_code == 404
    assert client.get("/sitemap-zh-hans-course.xml?p=9").status_code == 404


def test_a_large_section_is_paged(client, library, monkeypatch):
    monkeypatch.setattr("interop.sitemaps.URLS_PER_SITEMAP", 1)
    monkeypatch.setattr("interop.sitemaps.TranslationsSitemap.limit", 1)
    index = xml_of(client.get("/sitemap.xml"))
    locations = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
    first = xml_of(client.get("/sitemap-zh-hans-course.xml"))
    second = xml_of(client.get("/sitemap-zh-hans-course.xml?p=2"))

    assert "http://testserver/sitemap-zh-hans-course.xml?p=2" in locations
    # Two public Chinese courses: the course and the half-public one.
    assert "http://testserver/sitemap-zh-hans-course.xml?p=3" not in locations
    assert len(first.findall("sm:url", NS)) == len(second.findall("sm:url", NS)) == 1
    assert first.find("sm:url/sm:loc", NS).text == library["course"].full_url


def test_a_repeated_request_is_not_modified_until_the_content_changes(client, library):
    url = "/sitemap-en-course.xml"
    first = revalidated_answer(client, url)
    etag, modified = first["ETag"], first["Last-Modified"]

    assert client.get("/sitemap.xml", HTTP_IF_NONE_MATCH=etag).status_code == 200  # not its tag

    in_language(library["course"], "en").unpublish()
    after_unpublish = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert after_unpublish.status_code == 200
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 200

    etag = after_unpublish["ETag"]
    factories.make_private(in_language(library["standard"], "zh-hans"))
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_lifting_a_restriction_and_deleting_a_page_change_the_validators(client, library):
    url = "/sitemap-zh-hans-course.xml"
    etag = client.get(url)["ETag"]
    PageViewRestriction.objects.get(page=library["private"]).delete()
    lifted = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert lifted.status_code == 200 and library["private"].full_url in lifted.content.decode()

    library["standard"].delete()
    assert client.get(url, HTTP_IF_NONE_MATCH=lifted["ETag"]).status_code == 200


def add_courses(section, count):
    for n in range(count):
        factories.published_resource(
            section, title=f"课程 {n}", translations={"en": {"title": f"Course {n}"}}
        )


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_pages(
    client, library, django_assert_max_num_queries
):
    urls = ["/sitemap.xml", "/sitemap-zh-hans-course.xml", "/sitemap-en-course.xml"]
    queries_of(client, urls[0])  # content types and site root paths, cached once
    small = {url: queries_of(client, url) for url in urls}
    add_courses(library["section"], 12)
    for url in urls:
        with django_assert_max_num_queries(12):
            client.get(url)
    assert {url: queries_of(client, url) for url in urls} == small


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_endless_pages(client, db):
    response = client.get("/robots.txt")
    robots = RobotFileParser()
    robots.parse(response.content.decode().splitlines())

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "public" in response["Cache-Control"]
    assert robots.site_maps() == ["http://testserver/sitemap.xml"]
    for allowed in ("/zh-hans/", "/lo/resources/", "/r/LM-CRS-EV-1", "/lo/standards/"):
        assert robots.can_fetch("*", allowed), allowed
    assert robots.can_fetch("*", "/documents/12/welding.pdf")
    for refused in (
        "/admin/",
        "/admin/pages/3/",
        "/en/search/?q=welding&type=course",
        "/lo/compare/?items=A&items=B",
        "/api/discovery/?q=x",
        "/downloads/courses/4/lo.zip",
    ):
        assert not robots.can_fetch("*", refused), refused
    # The patterns only crawlers that read RFC 9309 wildcards apply.
    lines = response.content.decode().splitlines()
    assert "Disallow: /*?*tag=" in lines and "Disallow: /feeds/*?" in lines
    assert "Disallow: /th/standards/?*" in lines
