"""The RSS and Atom feeds of new and updated resources, read by a real feed reader's parser:
one pair per language, in that language, newest update first, filtered by type, institution
and country; never a private or unpublished resource; answered 304 until something changes."""

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from digital_lm.languages import bcp47
from tests import factories
from tests.helpers import soup
from tests.interop.conditional import revalidated_answer

pytestmark = pytest.mark.django_db

FEED_TITLE = "New and updated resources · Digital Lancang-Mekong"


def build_feed_world():
    tree = factories.build_site_tree()
    laos_college, section = tree["institution"], tree["section"]
    factories.translate_snippet(laos_college, "lo", name="ວິທະຍາໄລເຕັກນິກວຽງຈັນ")
    thailand = factories.CountryFactory(code="TH", name="Thailand")
    thai_college = factories.InstitutionFactory(
        slug="bangkok-tc", name="Bangkok Technical College", country=thailand
    )
    thai_section = factories.ResourceIndexPage.objects.get(institution=thai_college)
    electrical = factories.SectorFactory(code="electrical", name="电气")
    factories.translate_snippet(electrical, "lo", name="ໄຟຟ້າ")

    def resource(factory, parent, institution, sectors=(), countries=(), **fields):
        page = factory(parent=parent, institution=institution, **fields)
        page.sectors.add(*sectors)
        page.countries.add(*countries)
        page.save()
        return factories.publish(page)

    course = resource(
        factories.CoursePageFactory,
        section,
        laos_college,
        [electrical],
        title="新能源汽车维修",
        summary="电动汽车电池与电机维修。",
        external_id="LM-CRS-EV-1",
    )
    standard = resource(
        factories.VocationalStandardPageFactory,
        thai_section,
        thai_college,
        title="焊工职业标准",
        external_id="LM-STD-WELD",
    )
    material = resource(
        factories.TeachingMaterialPageFactory,
        section,
        laos_college,
        countries=[thailand],
        title="电工基础教材",
        external_id="LM-MAT-ELEC",
    )
    certification = resource(
        factories.CertificationPageFactory,
        thai_section,
        thai_college,
        title="焊工证书",
        external_id="LM-CERT-WELD",
    )
    private = resource(
        factories.CoursePageFactory,
        section,
        laos_college,
        title="内部课程",
        external_id="LM-SECRET",
    )
    factories.make_private(private)
    factories.CoursePageFactory(
        parent=section, institution=laos_college, title="草稿", external_id="LM-DRAFT", live=False
    )
    english = {
        "course": factories.translate(course, "en", title="EV repair", summary="Batteries."),
        "standard": factories.translate(standard, "en", title="Welder standard"),
    }
    lao_course = factories.translate(course, "lo", title="ການສ້ອມແປງລົດໄຟຟ້າ")
    factories.translate(private, "en", title="Internal course")
    # The Chinese course updated last: the newest update of the Chinese feed.
    course.summary = "电动汽车电池与电机维修（第二版）。"
    factories.publish(course)
    return {
        **tree,
        "thai_college": thai_college,
        "course": course,
        "standard": standard,
        "material": material,
        "certification": certification,
        "private": private,
        "english": english,
        "lao_course": lao_course,
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with factories.built_once_per_module(django_db_blocker, build_feed_world) as built:
        yield built


def read(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, response.content[:300]
    return response, feedparser.parse(response.content)


def titles(parsed):
    return [entry.title for entry in parsed.entries]


def test_the_rss_feed_lists_the_public_resources_newest_update_first(client, world):
    response, parsed = read(client, "/feeds/zh-hans/rss/")

    assert response["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert parsed.version == "rss20" and not parsed.bozo
    assert titles(parsed) == ["新能源汽车维修", "焊工证书", "电工基础教材", "焊工职业标准"]
    first = parsed.entries[0]
    assert first.link == world["course"].full_url
    assert first.id == "http://localhost/r/LM-CRS-EV-1/zh-hans"
    assert first.summary == "电动汽车电池与电机维修（第二版）。"
    assert first.author == "万象技术学院"
    assert {tag.term for tag in first.tags} == {"课程", "电气"}
    assert first.language == "zh-Hans"
    assert parsed.feed.language == "zh-Hans"


def test_the_atom_feed_carries_the_same_entries_with_their_dates(client, world):
    response, parsed = read(client, "/feeds/en/atom/")

    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert parsed.version == "atom10" and not parsed.bozo
    assert titles(parsed) == ["Welder standard", "EV repair"]
    standard = parsed.entries[0]
    english = world["english"]["standard"]
    assert standard.id == "http://localhost/r/LM-STD-WELD/en"
    assert standard.link == english.full_url
    assert standard.author == "Bangkok Technical College"
    assert standard.published_parsed[:6] == english.first_published_at.utctimetuple()[:6]
    assert standard.updated_parsed[:6] == english.last_published_at.utctimetuple()[:6]
    assert standard.title_detail.language == "en"
    assert parsed.feed.links[0].href.startswith("http://testserver/")


@pytest.mark.parametrize("language", ["zh-hans", "en", "th", "vi", "lo", "km", "my"])
def test_each_language_has_its_feed_in_its_language(client, world, language):
    response, rss = read(client, f"/feeds/{language}/rss/", HTTP_ACCEPT_LANGUAGE="en")
    _response, atom = read(client, f"/feeds/{language}/atom/")

    with translation.override(language):
        title = gettext(FEED_TITLE)
    if language != "en":
        assert title != FEED_TITLE, f"no {language} translation of the feed's title"
    assert rss.feed.title == atom.feed.title == title
    assert rss.feed.description and rss.feed.description != FEED_TITLE
    assert rss.feed.language == bcp47(language)
    assert response["Content-Language"] == bcp47(language)
    for entry in rss.entries + atom.entries:
        assert entry.id.endswith(f"/{language}")


def test_the_lao_feed_names_the_institution_and_sectors_in_lao(client, world):
    _response, parsed = read(client, "/feeds/lo/rss/")

    (entry,) = parsed.entries
    assert entry.title == "ການສ້ອມແປງລົດໄຟຟ້າ"
    assert entry.link == world["lao_course"].full_url
    assert entry.author == "ວິທະຍາໄລເຕັກນິກວຽງຈັນ"
    assert "ໄຟຟ້າ" in {tag.term for tag in entry.tags}
    assert entry.language == "lo" and parsed.feed.language == "lo"


def test_a_resource_made_live_without_a_revision_comes_last(client, world):
    factories.CoursePageFactory(
        parent=world["section"], institution=world["institution"], title="批量导入的课程"
    )

    _response, parsed = read(client, "/feeds/zh-hans/atom/")

    assert titles(parsed)[0] == "新能源汽车维修" and titles(parsed)[-1] == "批量导入的课程"


@pytest.mark.parametrize(
    "query, expected",
    [
        ("type=standard", ["焊工职业标准"]),
        ("type=standard&type=certification", ["焊工证书", "焊工职业标准"]),
        ("institution=bangkok-tc", ["焊工证书", "焊工职业标准"]),
        # The institution's country, or a country the resource is written for.
        ("country=TH", ["焊工证书", "电工基础教材", "焊工职业标准"]),
        ("country=la", ["新能源汽车维修", "电工基础教材"]),
        ("type=material&country=TH", ["电工基础教材"]),
        ("type=course&institution=bangkok-tc", []),
        ("institution=vientiane-tc&country=TH", ["电工基础教材"]),
    ],
)
def test_the_filters_combine(client, world, query, expected):
    _response, rss = read(client, f"/feeds/zh-hans/rss/?{query}")
    _response, atom = read(client, f"/feeds/zh-hans/atom/?{query}")

    assert titles(rss) == titles(atom) == expected


@pytest.mark.parametrize(
    "url, named",
    [
        ("/feeds/zh-hans/rss/?type=video", "video"),
        ("/feeds/en/atom/?type=course&type=coursepage", "coursepage"),
        ("/feeds/zh-hans/rss/?institution=nowhere-tc", "nowhere-tc"),
        ("/feeds/zh-hans/atom/?country=ZZ", "ZZ"),
    ],
)
def test_an_unknown_filter_value_is_not_found_and_named(client, world, url, named):
    response = client.get(url)

    assert response.status_code == 404
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert named in response.content.decode()


def test_an_unknown_language_is_not_found_at_its_own_address(client, world):
    assert client.get("/feeds/xx/rss/").status_code == 404
    assert client.post("/feeds/en/rss/").status_code == 405


def test_a_repeated_request_is_not_modified_until_the_feed_changes(client, world):
    url = "/feeds/en/atom/"
    first = revalidated_answer(client, url)
    etag, modified = first["ETag"], first["Last-Modified"]

    assert client.get("/feeds/en/atom/?type=course", HTTP_IF_NONE_MATCH=etag).status_code == 200

    world["english"]["standard"].unpublish()
    unpublished = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert unpublished.status_code == 200 and "Welder standard" not in titles(
        feedparser.parse(unpublished.content)
    )
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 200

    factories.make_private(world["english"]["course"])
    private = client.get(url, HTTP_IF_NONE_MATCH=unpublished["ETag"])
    assert private.status_code == 200 and titles(feedparser.parse(private.content)) == []


def queries_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_query_count_does_not_grow_with_the_resources(
    client, world, django_assert_max_num_queries
):
    urls = ["/feeds/zh-hans/rss/", "/feeds/en/atom/?country=TH&type=standard&type=course"]
    queries_of(client, urls[0])  # site root paths, cached once
    small = {url: queries_of(client, url) for url in urls}
    for n in range(12):
        factories.published_resource(
            world["section"],
            title=f"课程 {n}",
            institution=world["institution"],
            translations={"en": {"title": f"Course {n}"}},
        )
    for url in urls:
        with django_assert_max_num_queries(24):
            client.get(url)
    # No more than with two resources (fewer once what every feed shares is kept).
    for url in urls:
        assert queries_of(client, url) <= small[url], url


def test_every_public_page_links_the_feeds_of_its_language(client, world):
    with translation.override("lo"):
        head = soup(client.get(world["lao_course"].url)).head

    rss = head.select_one('link[rel=alternate][type="application/rss+xml"]')
    atom = head.select_one('link[rel=alternate][type="application/atom+xml"]')
    assert rss["href"] == "/feeds/lo/rss/" and atom["href"] == "/feeds/lo/atom/"
    assert rss["title"] and atom["title"]
