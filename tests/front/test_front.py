"""The production front, for real: Varnish and nginx (deploy/front) in front of two app nodes
that run as the image does (tests.serving.ProductionServer), sharing a Redis cache, the
database and the media folder. Everything is read through the front with a plain HTTP
client: cached anonymous pages, their language variants, what is never kept (signed-in
views, private pages, previews, answers that set a cookie), purges within a second of an
editor's publish, unpublish, move, privacy change and taxonomy rename in the admin (signed
in through the front), static files and public images kept by the front, offloaded downloads
sent by nginx, and a node lost without a failed request.

The content is built once for the module, committed where the nodes read it, and the
database is put back as it was afterwards. Select it with ``-m production_server``.
"""

import gzip
import http.client
import io
import json
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.color import no_style
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from deploy.front.configs import Front, free_port, install_missing
from resources.models import ResourceIndexPage
from tests import factories
from tests.helpers import database_url, edit_form
from tests.serving import HOST, ProductionServer

# Each test reads the committed content (its own transaction changes nothing).
pytestmark = [pytest.mark.production_server, pytest.mark.django_db]

LANGUAGES = ("zh-hans", "en", "th", "vi", "lo", "km", "my")
PASSWORD = "front-editor-password-1"
# How soon a change in the admin shows through the front.
PURGE_SECONDS = 1.0
PUBLIC_FILE = b"%PDF-1.4\n% the public handout\n" + b"x" * 4000 + b"\n%%EOF\n"
PRIVATE_FILE = b"%PDF-1.4\n% members-only answers\n%%EOF\n"


# ----------------------------------------------------------------------------------------------
# A plain HTTP client


class Answer:
    def __init__(self, response):
        self.status = response.status
        self.headers = response.msg
        self.body = response.read()
        self.text = self.body.decode("utf-8", "replace")

    def header(self, name):
        return self.headers.get(name) or ""

    @property
    def cached(self):
        return self.header("X-Cache") == "HIT"


class Visitor:
    """A browser on the front: its cookies (TLS ends before the front here, so Secure ones too)
    and its languages."""

    def __init__(self, port, accept_language=None):
        self.port, self.accept_language = port, accept_language
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        headers = {"Host": f"{HOST}:{self.port}", **(headers or {})}
        if self.accept_language:
            headers["Accept-Language"] = self.accept_language
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = Answer(connection.getresponse())
        finally:
            connection.close()
        for cookie in answer.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()
        return answer

    def get(self, path, **headers):
        return self.request("GET", path, headers=headers)

    def post(self, path, data):
        """A form posted as the browser would: with the CSRF token and the page it came from."""
        data = {**data, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
        return self.request(
            "POST",
            path,
            body=urlencode(data, doseq=True),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://{HOST}:{self.port}{path}",
            },
        )


def editor_session(port):
    """The site administrator, signed in through the front."""
    editor = Visitor(port)
    editor.get("/admin/login/")
    signed_in = editor.post(
        "/admin/login/", {"username": "front-editor", "password": PASSWORD, "next": "/admin/"}
    )
    assert signed_in.status == 302 and "sessionid" in editor.cookies, signed_in.text[:500]
    return editor


def form_errors(html):
    """The messages of a form the admin refused, to say why."""
    return re.findall(r"(?:error-message|help-critical)[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)", html)


def until(check, seconds=PURGE_SECONDS):
    """Whether ``check()`` holds within ``seconds`` (asked every 50 ms)."""
    deadline = time.monotonic() + seconds
    while True:
        if check():
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)


def warm(visitor, paths):
    """Read each address twice, so that the front keeps it; returns the second answers."""
    answers = {}
    for path in paths:
        visitor.get(path)
        answers[path] = visitor.get(path)
        assert answers[path].cached, (path, answers[path].status, answers[path].headers)
    return answers


# ----------------------------------------------------------------------------------------------
# The content, the nodes and the front


def _png():
    buffer = io.BytesIO()
    PillowImage.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def build_content():
    tree = factories.build_site_tree()
    section = tree["section"]
    other_section = ResourceIndexPage(title="其他学院", slug="other-college")
    tree["library"].add_child(instance=other_section)
    factories.publish(other_section)
    for language in LANGUAGES[1:]:
        factories.translate(section, language)
        factories.translate(other_section, language)

    def course(key, title, **extra):
        return factories.published_resource(
            section,
            title=title,
            slug=key,
            external_id=f"LM-FRONT-{key.upper()}",
            institution=tree["institution"],  # the section's own: its editors publish here
            **extra,
        )

    sector = factories.SectorFactory(code="electrical", name="电气安装")
    pages = {
        "cached": course(
            "cached",
            "电工基础",
            translations={"th": {"title": "ไฟฟ้าพื้นฐาน", "slug": "fai-fa-puen-tan"}},
        ),
        "published": course(
            "published", "焊接入门", translations={"th": {"title": "การเชื่อมเบื้องต้น"}}
        ),
        "unpublished": course("unpublished", "数控车床"),
        "moved": course("moved", "汽车电工"),
        "private": course("private", "光伏安装"),
        "renamed": course("renamed", "配电箱接线"),
    }
    pages["renamed"].sectors.add(sector)
    factories.publish(pages["renamed"])

    material = factories.published_resource(
        section, factories.TeachingMaterialPageFactory, title="安全手册", slug="handbook"
    )
    public_file = factories.add_material_file(
        material, title="Handout", language="zh-hans", file=ContentFile(PUBLIC_FILE, "h.pdf")
    )
    members = Collection.get_first_root_node().add_child(name="Members only")
    CollectionViewRestriction.objects.create(
        collection=members, restriction_type=CollectionViewRestriction.LOGIN
    )
    private_file = factories.add_material_file(
        material,
        title="Answers",
        language="zh-hans",
        collection=members,
        file=ContentFile(PRIVATE_FILE, "a.pdf"),
    )
    image = get_image_model().objects.create(
        title="Workshop", file=ImageFile(io.BytesIO(_png()), name="workshop.png")
    )
    rendition = image.get_rendition("fill-32x32")
    # Hashed as production checks passwords (the test settings use a quicker hasher).
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]):
        get_user_model().objects.create_superuser("front-editor", "front@example.org", PASSWORD)
    return {
        **tree,
        "other_section": other_section,
        "pages": pages,
        "sector": sector,
        "urls": {key: page.url for key, page in pages.items()},
        "thai_cached": pages["cached"]
        .get_translation(factories.Locale.objects.get(language_code="th"))
        .url,
        "public_file": public_file.url,
        "private_file": private_file.url,
        "image": image.file.url,
        "rendition": rendition.url,
        "document_path": "/media/" + public_file.file.name,
    }


def _readable_folder(prefix):
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    folder.chmod(0o755)  # the front runs unprivileged
    return folder


class Redis:
    """A throwaway Redis on loopback: the nodes' shared cache, as in production."""

    def __init__(self):
        install_missing({"redis-server": "redis-server"})
        program = shutil.which("redis-server")
        self.port = free_port()
        self.process = subprocess.Popen(  # noqa: S603
            [program, "--port", str(self.port), "--bind", HOST, "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        until(lambda: _answers(self.port), seconds=10)

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def _answers(port):
    try:
        http.client.HTTPConnection(HOST, port, timeout=1).connect()
        return True
    except OSError:
        return False


def restore(initial):
    """The database as it was (as Django's serialized rollback does, sequences kept going)."""
    tables = connection.introspection.django_table_names(only_existing=True)
    connection.ops.execute_sql_flush(
        connection.ops.sql_flush(no_style(), tables, reset_sequences=False, allow_cascade=True)
    )
    connection.creation.deserialize_db_from_string(initial)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    shared = _readable_folder("dlm-front-")
    media, static, state = shared / "media", shared / "static", shared / "front"
    for folder in (media, static):
        folder.mkdir(mode=0o755)
    with django_db_blocker.unblock():
        initial = connection.creation.serialize_db_to_string()
        redis = None
        try:
            with override_settings(MEDIA_ROOT=str(media)):
                content = build_content()
            redis = Redis()
            port = free_port()
            environment = {
                "DJANGO_STATIC_ROOT": str(static),
                "REDIS_URL": f"redis://{HOST}:{redis.port}/0",
                "DLM_FRONT_CACHE_URLS": f"http://{HOST}:{port}",
                "DLM_DOWNLOAD_OFFLOAD": "x-accel-redirect",
                "DLM_TRUSTED_PROXY_COUNT": "2",
                "WEB_CONCURRENCY": "2",
                "WEB_THREADS": "8",
            }
            nodes = [ProductionServer(database_url(), media, environment=environment)]
            nodes.append(ProductionServer(database_url(), media, environment=environment))
            with nodes[0], nodes[1]:
                front = Front(
                    state,
                    [f"{HOST}:{node.port}" for node in nodes],
                    static,
                    media,
                    port=port,
                    forwarded_proto="https",  # TLS ends before the front
                )
                with front:
                    yield {**content, "front": front, "nodes": nodes, "static": static}
        finally:
            shutil.rmtree(shared, ignore_errors=True)
            if redis is not None:
                redis.stop()
            restore(initial)
            cache.clear()


@pytest.fixture
def anonymous(world):
    return Visitor(world["front"].port)


@pytest.fixture
def editor(world):
    return editor_session(world["front"].port)


# ----------------------------------------------------------------------------------------------
# What the front keeps


def test_an_anonymous_page_is_served_from_the_cache_the_second_time(world, anonymous):
    path = world["urls"]["cached"]
    first, second = anonymous.get(path), anonymous.get(path)
    assert first.status == second.status == 200
    assert not first.cached and second.cached
    assert second.body == first.body
    assert "s-maxage" in second.header("Cache-Control")
    assert "Set-Cookie" not in second.headers


def test_pages_leave_gzipped_and_are_kept_that_way(world, anonymous):
    path = world["urls"]["cached"]
    plain = anonymous.get(path)
    packed = anonymous.get(path, **{"Accept-Encoding": "gzip"})
    assert packed.header("Content-Encoding") == "gzip" and packed.cached
    assert gzip.decompress(packed.body) == plain.body
    assert len(packed.body) * 3 < len(plain.body)


def test_each_visitor_is_sent_to_their_own_language(world):
    port = world["front"].port
    path = "/r/LM-FRONT-CACHED"
    # Each answer twice: the second one comes from the cache, and must still be theirs.
    for _ in range(2):
        thai = Visitor(port, "th-TH,th;q=0.9,en;q=0.5").get(path)
        lao = Visitor(port, "lo-LA,lo;q=0.9").get(path)
        root_lao = Visitor(port, "lo").get("/")
        root_thai = Visitor(port, "th").get("/")
        root_english = Visitor(port, "fr-FR,en-GB;q=0.8").get("/")
    assert thai.header("Location").endswith(world["thai_cached"])
    # No Lao translation: never the Thai page a Thai visitor was sent to a moment ago.
    assert lao.header("Location").endswith(world["urls"]["cached"])
    assert root_lao.header("Location").endswith("/lo/")
    assert root_thai.header("Location").endswith("/th/")
    assert root_english.header("Location").endswith("/en/")
    assert thai.cached and lao.cached and root_lao.cached


def test_a_listing_is_kept_per_language_the_browser_reads(world):
    """A Lao list shows the resources not yet in Lao in the visitor's next language."""
    port = world["front"].port
    section = world["section"].get_translation(factories.Locale.objects.get(language_code="lo"))
    reads_thai = [Visitor(port, "lo,th;q=0.8").get(section.url) for _ in range(2)]
    reads_chinese = [Visitor(port, "lo,zh-CN;q=0.8").get(section.url) for _ in range(2)]
    assert reads_thai[1].cached and reads_chinese[1].cached
    assert "ไฟฟ้าพื้นฐาน" in reads_thai[1].text
    assert "ไฟฟ้าพื้นฐาน" not in reads_chinese[1].text and "电工基础" in reads_chinese[1].text


def test_a_signed_in_editor_is_never_served_from_the_cache(world, anonymous, editor):
    path = world["urls"]["cached"]
    warm(anonymous, [path])
    for _ in range(2):
        seen = editor.get(path)
        assert seen.status == 200 and not seen.cached
        assert "private" in seen.header("Cache-Control")
    assert anonymous.get(path).cached  # and the editor's view did not replace it


def test_a_private_page_and_a_preview_are_never_kept(world, anonymous, editor):
    page = world["pages"]["private"]
    editor.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]), {"restriction_type": "login"}
    )
    for _ in range(2):
        refused = anonymous.get(page.url)
        assert refused.status == 302 and "/login/" in refused.header("Location")
        assert not refused.cached
        assert page.title not in refused.text

    draft = reverse("wagtailadmin_pages:view_draft", args=[world["pages"]["cached"].pk])
    for _ in range(2):
        shown = editor.get(draft)
        assert shown.status == 200 and not shown.cached
        assert "private" in shown.header("Cache-Control")
    assert anonymous.get(draft).status == 302  # to the sign-in, never a kept preview


def test_an_answer_that_sets_a_cookie_is_never_shared(world, anonymous):
    """The admin's sign-in form sets the CSRF cookie: each visitor gets their own."""
    first, second = Visitor(world["front"].port), Visitor(world["front"].port)
    for visitor in (first, second):
        answer = visitor.get("/admin/login/")
        assert answer.status == 200 and "csrftoken" in visitor.cookies and not answer.cached
    assert first.cookies["csrftoken"] != second.cookies["csrftoken"]


# ----------------------------------------------------------------------------------------------
# What the front forgets, within a second of the editor's click


def test_publishing_in_the_admin_shows_everywhere_within_a_second(world, anonymous, editor):
    page = world["pages"]["published"]
    lists = [f"/{language}/" for language in LANGUAGES] + [
        world["section"].get_translation(factories.Locale.objects.get(language_code=code)).url
        for code in LANGUAGES
    ]
    # Sitemaps and feeds are revalidated with the site on every reuse (their ETag).
    feeds = ["/feeds/zh-hans/rss/", "/feeds/zh-hans/atom/"]
    sitemap = "/sitemap-zh-hans-course.xml"
    warm(anonymous, [page.url, *lists])
    before = {path: anonymous.get(path) for path in [*feeds, sitemap]}

    title = "焊接入门（2027 年版）"
    published = editor.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**edit_form(page, title=title), "action-publish": "action-publish"},
    )
    assert published.status == 302, form_errors(published.text)

    assert until(lambda: title in anonymous.get(page.url).text)
    assert until(lambda: title in anonymous.get(feeds[0]).text)
    assert until(lambda: title in anonymous.get(feeds[1]).text)
    # The sitemap lists addresses, not titles: it is a new version all the same.
    assert until(lambda: anonymous.get(sitemap).header("ETag") != before[sitemap].header("ETag"))
    # Every language's home page and section shows the new title (the Thai ones their
    # own translation, freshly rendered).
    for path in lists:
        if path.startswith("/th/"):
            assert until(lambda path=path: not anonymous.get(path).cached), path
        else:
            assert until(lambda path=path: title in anonymous.get(path).text), path


def test_unpublishing_in_the_admin_removes_it_within_a_second(world, anonymous, editor):
    page = world["pages"]["unpublished"]
    section, feed = world["section"].url, "/feeds/zh-hans/rss/"
    warm(anonymous, [page.url, section])
    assert page.title in anonymous.get(section).text and page.title in anonymous.get(feed).text

    editor.get(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    done = editor.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]), {})
    assert done.status == 302, done.text[:2000]

    assert until(lambda: anonymous.get(page.url).status == 404)
    assert until(lambda: page.title not in anonymous.get(section).text)
    assert until(lambda: page.title not in anonymous.get(feed).text)


def test_moving_in_the_admin_updates_both_sections_within_a_second(world, anonymous, editor):
    page, target = world["pages"]["moved"], world["other_section"]
    old_section = world["section"].url
    warm(anonymous, [page.url, old_section, target.url])

    moved = editor.post(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, target.pk]), {})
    assert moved.status == 302, moved.text[:2000]

    new_url = f"{target.url}{page.slug}/"
    assert until(lambda: anonymous.get(page.url).status in (301, 302, 404))
    assert until(lambda: anonymous.get(new_url).status == 200)
    assert until(lambda: page.title not in anonymous.get(old_section).text)
    assert until(lambda: page.title in anonymous.get(target.url).text)


def test_making_a_page_private_in_the_admin_hides_it_within_a_second(world, anonymous, editor):
    other = world["pages"]["cached"]
    warm(anonymous, [other.url])
    done = editor.post(
        reverse("wagtailadmin_pages:set_privacy", args=[other.pk]), {"restriction_type": "login"}
    )
    assert done.status == 200, done.text[:2000]
    assert until(lambda: anonymous.get(other.url).status == 302)

    editor.post(
        reverse("wagtailadmin_pages:set_privacy", args=[other.pk]), {"restriction_type": "none"}
    )
    assert until(lambda: anonymous.get(other.url).status == 200)


def test_renaming_a_sector_in_the_admin_shows_on_its_pages_within_a_second(
    world, anonymous, editor
):
    page, sector = world["pages"]["renamed"], world["sector"]
    warm(anonymous, [page.url])
    assert sector.name in anonymous.get(page.url).text

    renamed = editor.post(
        reverse("wagtailsnippets_resources_sector:edit", args=[sector.pk]),
        {"name": "电气安装与维修", "code": sector.code, "description": ""},
    )
    assert renamed.status == 302, renamed.text[:2000]
    assert until(lambda: "电气安装与维修" in anonymous.get(page.url).text)


# ----------------------------------------------------------------------------------------------
# Files


def test_static_files_are_kept_by_the_front_compressed_for_a_year(world, anonymous, editor):
    manifest = json.loads((world["static"] / "staticfiles.json").read_text())["paths"]
    css = next(hashed for name, hashed in manifest.items() if name.endswith(".css"))
    answer = anonymous.get(f"/static/{css}", **{"Accept-Encoding": "gzip"})
    assert answer.status == 200 and answer.header("Content-Encoding") == "gzip"
    assert "immutable" in answer.header("Cache-Control")
    # From memory afterwards, for everyone: a signed-in editor's cookies change nothing.
    assert editor.get(f"/static/{css}", **{"Accept-Encoding": "gzip"}).cached
    assert anonymous.get(f"/static/{css}").body == gzip.decompress(answer.body)


def test_public_images_are_kept_by_the_front_and_documents_never_are(world, anonymous):
    for path in (world["image"], world["rendition"]):
        answer = anonymous.get(path)
        assert answer.status == 200 and answer.header("Content-Type") == "image/png", path
        assert anonymous.get(path).cached, path
    assert anonymous.get(world["document_path"]).status == 404
    assert (
        anonymous.get("/internal-media/" + world["document_path"][len("/media/") :]).status == 404
    )


def test_downloads_are_checked_by_the_site_and_sent_by_nginx(world, anonymous):
    whole = anonymous.get(world["public_file"])
    assert whole.status == 200 and whole.body == PUBLIC_FILE
    assert "attachment" in whole.header("Content-Disposition")
    assert whole.header("X-Content-Type-Options") == "nosniff"
    assert not whole.header("X-Accel-Redirect")
    # Piped through the cache, never kept in it (nor read whole into its memory).
    assert not whole.header("X-Cache")
    part = anonymous.get(world["public_file"], Range="bytes=9-30")
    assert part.status == 206 and part.body == PUBLIC_FILE[9:31]

    refused = anonymous.get(world["private_file"])
    assert refused.status in (302, 403) and b"members-only" not in refused.body
    assert not anonymous.get(world["private_file"]).cached


# ----------------------------------------------------------------------------------------------
# Last: a node goes away


def test_losing_an_app_node_fails_no_request(world, anonymous):
    world["nodes"][1].__exit__(None, None, None)
    statuses = []
    for number in range(30):
        # Fresh addresses each time (a query string the front has not kept), and the admin.
        statuses.append(anonymous.get(f"{world['section'].url}?visit={number}").status)
        statuses.append(anonymous.get("/admin/login/").status)
    assert statuses == [200] * 60
