"""Teachers download materials: privacy first, the right name and type, resumable, cacheable,
and never a file that could run on the site's origin."""

import importlib
import json
from urllib.parse import quote, unquote

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.urls import clear_url_caches
from wagtail.models import Collection, CollectionViewRestriction

import digital_lm.urls
from resources.models import InstitutionEditorial
from tests.factories import (
    add_material_file,
)
from tests.helpers import soup, text_of

# 300 KB of recognisable bytes: longer than one streamed chunk, every offset distinct.
BODY = b"%PDF-1.7\n" + bytes(i % 251 for i in range(300_000)) + b"\n%%EOF\n"
LAO_TITLE = "ຄູ່ມືໄຟຟ້າພື້ນຖານ"


@pytest.fixture
def document(material):
    return add_material_file(
        material, title=LAO_TITLE, language="lo", file=ContentFile(BODY, name="manual-lo.pdf")
    )


@pytest.fixture
def private_document(site_tree, material):
    """A file in a collection only signed-in users may download."""
    root = Collection.get_first_root_node()
    private = root.add_child(name="Teachers only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return add_material_file(
        material,
        title="Answer key",
        language="en",
        collection=private,
        file=ContentFile(BODY, name="answers.pdf"),
    )


@pytest.fixture
def teacher(db):
    return get_user_model().objects.create_user("khamla", password="pw")


def body(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def test_document_links_point_at_the_download_view(document):
    assert document.url == f"/documents/{document.pk}/{document.filename}"


def test_a_teacher_downloads_the_file_named_in_its_language_as_an_attachment(client, document):
    response = client.get(document.url)

    assert response.status_code == 200
    assert body(response) == BODY
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(BODY))
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=UTF-8''{quote(LAO_TITLE)}.pdf" in disposition
    assert unquote(disposition.split("''", 1)[1]) == f"{LAO_TITLE}.pdf"
    # Browsers without RFC 5987 support still get a plain ASCII name with the extension.
    assert 'filename="' in disposition and disposition.split('"')[1].endswith(".pdf")
    assert disposition.split('"')[1].isascii()


def test_every_file_response_forbids_inline_script_and_type_guessing(client, document):
    response = client.get(document.url)

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Accept-Ranges"] == "bytes"


def test_a_second_visit_revalidates_with_the_etag_and_gets_304(client, document):
    first = client.get(document.url)
    etag, last_modified = first["ETag"], first["Last-Modified"]

    again = client.get(document.url, HTTP_IF_NONE_MATCH=etag)
    by_date = client.get(document.url, HTTP_IF_MODIFIED_SINCE=last_modified)

    assert etag == f'"{document.checksum_sha256}"'
    assert (again.status_code, by_date.status_code) == (304, 304)
    assert body(again) == b"" and again["ETag"] == etag


@pytest.mark.parametrize(
    ("header", "start", "end"),
    [
        ("bytes=0-99", 0, 99),
        ("bytes=1000-70000", 1000, 70000),
        ("bytes=250000-", 250000, len(BODY) - 1),
        ("bytes=-500", len(BODY) - 500, len(BODY) - 1),
        ("bytes=299000-999999999", 299000, len(BODY) - 1),
        (f"bytes=299000-{'9' * 5000}", 299000, len(BODY) - 1),  # a hostile client's number
        (f"bytes=-{'9' * 5000}", 0, len(BODY) - 1),
    ],
)
def test_a_range_request_gets_exactly_those_bytes(client, document, header, start, end):
    response = client.get(document.url, HTTP_RANGE=header)

    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes {start}-{end}/{len(BODY)}"
    assert response["Content-Length"] == str(end - start + 1)
    assert body(response) == BODY[start : end + 1]


@pytest.mark.parametrize("start", [str(len(BODY)), "9" * 5000])
def test_a_range_beyond_the_end_is_416_with_the_real_size(client, document, start):
    response = client.get(document.url, HTTP_RANGE=f"bytes={start}-")

    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(BODY)}"
    assert body(response) == b""


def test_a_range_for_an_older_version_gets_the_whole_new_file(client, document):
    stale = client.get(document.url, HTTP_RANGE="bytes=100-", HTTP_IF_RANGE='"0123abc"')
    current = client.get(
        document.url, HTTP_RANGE="bytes=100-", HTTP_IF_RANGE=f'"{document.checksum_sha256}"'
    )

    assert stale.status_code == 200 and body(stale) == BODY
    assert current.status_code == 206 and body(current) == BODY[100:]


def test_head_tells_the_size_without_sending_the_file(client, document):
    response = client.head(document.url)

    assert response.status_code == 200
    assert response["Content-Length"] == str(len(BODY))
    assert response.content == b""


def test_a_wrong_file_name_in_the_url_finds_nothing(client, document):
    assert client.get(f"/documents/{document.pk}/other.pdf").status_code == 404


@pytest.fixture
def debug_urls(settings):
    """The URLs as a developer's machine (DEBUG) serves them, media folder included."""
    settings.DEBUG = True
    importlib.reload(digital_lm.urls)
    clear_url_caches()
    yield
    settings.DEBUG = False
    importlib.reload(digital_lm.urls)
    clear_url_caches()


def test_anonymous_visitors_get_no_byte_of_a_restricted_file_by_any_url(
    client, private_document, debug_urls
):
    url = private_document.url
    name = private_document.file.name
    attempts = {
        "download": client.get(url),
        "download, resumed": client.get(url, HTTP_RANGE="bytes=100-"),
        "download, last bytes": client.get(url, HTTP_RANGE="bytes=-100"),
        "HEAD": client.head(url),
        "revalidation": client.get(url, HTTP_IF_NONE_MATCH=f'"{private_document.checksum_sha256}"'),
        "media URL": client.get(f"/media/{name}"),
        "media URL, disguised": client.get(f"/media/images/../{name}"),
        "media URL, double slash": client.get(f"/media//{name}"),
    }

    for how, response in attempts.items():
        content = body(response)
        assert response.status_code in (302, 403, 404), how
        assert BODY[:200] not in content and BODY[-200:] not in content, how
        assert "Content-Range" not in response and "ETag" not in response, how
    login = attempts["download"]
    assert login.status_code == 302 and "/_util/login/" in login["Location"]


def test_public_files_are_not_served_from_the_media_folder_either(
    client, document, debug_urls, settings
):
    image = settings.MEDIA_ROOT / "images" / "logo.png"
    image.parent.mkdir(parents=True)
    image.write_bytes(b"\x89PNG\r\n\x1a\n")

    assert client.get(f"/media/{document.file.name}").status_code == 404
    assert body(client.get("/media/images/logo.png")) == b"\x89PNG\r\n\x1a\n"
    # Nor the caches of course bundles and previews, which have views of their own.
    for folder in ("bundles", "previews"):
        cached = settings.MEDIA_ROOT / folder / "cached.bin"
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(b"cached")
        assert client.get(f"/media/{folder}/cached.bin").status_code == 404


def test_a_signed_in_teacher_downloads_a_restricted_file(client, private_document, teacher):
    client.force_login(teacher)

    whole = client.get(private_document.url)
    part = client.get(private_document.url, HTTP_RANGE="bytes=10-19")

    assert whole.status_code == 200 and body(whole) == BODY
    assert part.status_code == 206 and body(part) == BODY[10:20]
    assert "private" in whole["Cache-Control"]


def test_a_teacher_outside_the_allowed_group_is_refused(client, site_tree, material, teacher):
    editorial = InstitutionEditorial.for_institution(site_tree["institution"])
    restriction = CollectionViewRestriction.objects.create(
        collection=editorial.collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(editorial.editors)
    document = add_material_file(
        material, title="Draft", collection=editorial.collection, file=ContentFile(BODY, "d.pdf")
    )
    client.force_login(teacher)

    response = client.get(document.url)

    assert response.status_code == 403 and BODY[:200] not in body(response)


def test_nginx_sends_the_bytes_when_downloads_are_offloaded(client, document, settings):
    settings.DOWNLOAD_OFFLOAD = "x-accel-redirect"
    settings.DOWNLOAD_ACCEL_PREFIX = "/internal-media/"

    response = client.get(document.url, HTTP_RANGE="bytes=100-")

    assert response.status_code == 200 and body(response) == b""
    assert response["X-Accel-Redirect"] == f"/internal-media/{document.file.name}"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Content-Type"] == "application/pdf"


def test_x_sendfile_names_the_file_on_disk(client, document, settings):
    settings.DOWNLOAD_OFFLOAD = "x-sendfile"

    response = client.get(document.url)

    assert response["X-Sendfile"] == document.file.path
    assert body(response) == b""


class SigningStorage(FileSystemStorage):
    """Stands in for object storage that signs URLs (django-storages' S3 storage)."""

    def url(self, name, parameters=None, expire=None):
        signed = {"X-Expires": expire, **(parameters or {})}
        return f"https://objects.example.org/{name}?" + "&".join(
            f"{key}={quote(str(value), safe='')}" for key, value in signed.items()
        )


def test_remote_storage_redirects_to_a_short_lived_signed_url(client, document, settings):
    settings.DOWNLOAD_OFFLOAD = "redirect"
    settings.DOWNLOAD_URL_EXPIRY = 120
    document.file.storage = SigningStorage(location=settings.MEDIA_ROOT)
    field = type(document)._meta.get_field("file")
    original = field.storage
    field.storage = document.file.storage
    try:
        response = client.get(document.url)
    finally:
        field.storage = original

    location = unquote(response["Location"])
    assert response.status_code == 302
    assert location.startswith(f"https://objects.example.org/{document.file.name}?")
    assert "X-Expires=120" in location
    assert f"filename*=UTF-8''{quote(LAO_TITLE)}.pdf" in location
    assert "no-store" in response["Cache-Control"]


def test_anonymous_visitors_are_not_redirected_to_storage_for_restricted_files(
    client, private_document, settings
):
    settings.DOWNLOAD_OFFLOAD = "redirect"

    response = client.get(private_document.url)

    assert response.status_code == 302 and "/_util/login/" in response["Location"]


def listed_files(client, material):
    """The file titles the material's page shows, and those its JSON-LD names."""
    page = soup(client.get(material.url))
    table = page.select_one(".files__table")
    shown = [text_of(row) for row in table.select("tbody th")] if table else []
    script = page.find("script", type="application/ld+json")
    described = json.loads(script.string).get("encoding", [])
    return shown, [media["name"] for media in described], page.decode()


def test_a_private_collections_file_is_not_even_named_to_those_who_may_not_download_it(
    client, document, private_document, material, teacher
):
    shown, described, html = listed_files(client, material)
    assert shown == described == [LAO_TITLE]
    # Neither its title nor its address (its size and checksum are the public file's here).
    assert "Answer key" not in html
    assert private_document.url not in html

    client.force_login(teacher)
    shown, described, _html = listed_files(client, material)
    assert sorted(shown) == sorted(described) == sorted([LAO_TITLE, "Answer key"])
