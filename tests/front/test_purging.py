"""What the site tells the front cache to forget, and what it lets it keep, in-process: the
addresses each change purges (through Wagtail's frontend cache, with the HTTP backend's
sending recorded), and the Cache-Control each kind of answer carries. The front itself, with
nginx, Varnish and two app nodes, is in test_front.py."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from wagtail.actions.move_page import MovePageAction
from wagtail.contrib.frontend_cache.backends import HTTPBackend
from wagtail.models import PageViewRestriction

from resources.models import ResourceIndexPage
from tests import factories

pytestmark = pytest.mark.django_db

LANGUAGES = ("zh-hans", "en", "th", "vi", "lo", "km", "my")


@pytest.fixture
def purged(settings, monkeypatch, django_capture_on_commit_callbacks):
    """The paths purged (Wagtail's purge task runs when the transaction commits)."""
    settings.WAGTAILFRONTENDCACHE = {
        "front": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    paths = set()
    monkeypatch.setattr(HTTPBackend, "purge", lambda self, url: paths.add(urlsplit(url).path))

    class Recorder:
        def after(self, action):
            paths.clear()
            with django_capture_on_commit_callbacks(execute=True):
                action()
            return set(paths)

    return Recorder()


@pytest.fixture
def course(site_tree):
    sector = factories.SectorFactory(code="electrical", name="电气")
    page = factories.published_resource(
        site_tree["section"],
        title="电工基础",
        slug="electrical-basics",
        external_id="LM-FRONT-1",
        translations={"th": {"title": "ไฟฟ้าพื้นฐาน", "slug": "fai-fa"}},
    )
    page.sectors.add(sector)
    factories.publish(page)
    return page


def translation_of(page, language):
    return page.get_translation(factories.Locale.objects.get(language_code=language))


def listing_paths(site_tree):
    """The home page and the library and section in every language."""
    paths = set()
    for page in (site_tree["home"], site_tree["library"], site_tree["section"]):
        for language in LANGUAGES:
            translated = page.get_translation_or_none(
                factories.Locale.objects.get(language_code=language)
            )
            if translated is not None:
                paths.add(translated.url)
    return paths


def test_publishing_purges_each_translation_its_lists_sitemaps_and_feeds(purged, course, site_tree):
    course.title = "电工基础（第二版）"
    paths = purged.after(lambda: course.save_revision().publish())

    thai = translation_of(course, "th")
    assert {course.url, thai.url} <= paths
    assert thai.url.endswith("/fai-fa/")  # the Thai page's own slug, not the Chinese one's
    home_pages = {f"/{language}/" for language in LANGUAGES}
    assert home_pages <= paths
    assert listing_paths(site_tree) <= paths
    assert "/sitemap.xml" in paths
    assert {f"/sitemap-{language}-course.xml" for language in LANGUAGES} <= paths
    assert {f"/feeds/{language}/rss/" for language in LANGUAGES} <= paths
    assert {f"/feeds/{language}/atom/" for language in LANGUAGES} <= paths
    assert "/r/LM-FRONT-1" in paths
    # Exactly what shows the course: no other section's pages, no sitemap of other kinds.
    assert "/sitemap-zh-hans-home.xml" not in paths


def test_unpublishing_purges_the_page_and_its_lists(purged, course, site_tree):
    paths = purged.after(lambda: course.unpublish())

    assert course.url in paths and site_tree["section"].url in paths
    assert "/feeds/en/rss/" in paths


def test_moving_purges_the_old_and_new_addresses_and_both_sections(purged, course, site_tree):
    old_url = course.url
    thai_old_url = translation_of(course, "th").url
    other = ResourceIndexPage(title="其他学院", slug="other-college")
    site_tree["library"].add_child(instance=other)
    factories.publish(other)

    paths = purged.after(lambda: MovePageAction(course, other, pos="last-child").execute())

    course.refresh_from_db()
    assert old_url != course.url
    assert {old_url, course.url, site_tree["section"].url, other.url} <= paths
    # The Thai translation was not moved: its address stays purged all the same.
    assert thai_old_url in paths


def test_a_privacy_change_purges_the_page_and_everything_below(purged, course, site_tree):
    section = site_tree["section"]
    paths = purged.after(
        lambda: PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.LOGIN
        )
    )
    assert {section.url, course.url, site_tree["library"].url, "/zh-hans/"} <= paths

    restriction = PageViewRestriction.objects.get(page=section)
    assert course.url in purged.after(restriction.delete)


def test_renaming_a_sector_purges_every_page_showing_it(purged, course):
    sector = course.sectors.get()
    sector.name = "电气工程"
    paths = purged.after(sector.save)

    assert course.url in paths
    assert "/zh-hans/" in paths
    assert "/feeds/zh-hans/rss/" in paths


def test_nothing_is_purged_without_a_front_cache(settings, monkeypatch, course):
    settings.WAGTAILFRONTENDCACHE = {}
    sent = []
    monkeypatch.setattr(HTTPBackend, "purge", lambda self, url: sent.append(url))
    factories.publish(course)
    assert sent == []


# ----------------------------------------------------------------------------------------------
# What the front may keep


@pytest.fixture
def front_configured(settings):
    settings.WAGTAILFRONTENDCACHE = {
        "front": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": "http://127.0.0.1:9",
        }
    }
    settings.FRONT_CACHE_SECONDS = 600
    settings.FRONT_CACHE_BROWSER_SECONDS = 60


def test_an_anonymous_page_may_be_kept_by_the_front(client, front_configured, course):
    response = client.get(course.url)
    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=60", "s-maxage=600"}
    assert not response.cookies


def test_a_signed_in_view_is_private(client, front_configured, course):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    response = client.get(course.url)
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]


def test_a_private_page_is_never_kept(client, front_configured, course):
    factories.make_private(course)
    response = client.get(course.url)
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_an_answer_that_sets_a_cookie_is_private(client, front_configured, course):
    restriction = PageViewRestriction.objects.create(
        page=course, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get(course.url)  # the password form, with a CSRF cookie
    assert restriction.pk and "csrftoken" in response.cookies
    assert "public" not in response["Cache-Control"]


def test_without_a_front_cache_no_header_is_added(client, settings, course):
    settings.WAGTAILFRONTENDCACHE = {}
    assert not client.get(course.url).has_header("Cache-Control")
