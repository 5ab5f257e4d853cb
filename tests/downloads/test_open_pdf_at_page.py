"""A search's "page 37" link opens the PDF in the browser at that page: shown inline (the
browser's own viewer, nothing else allowed to run), resumable by ranges as PDF viewers ask,
counted and guarded like a download. Every other file is still saved, never shown."""

from urllib.parse import unquote

import pytest
from django.core.files.base import ContentFile
from wagtail.models import Collection, CollectionViewRestriction

from downloads.models import DailyDownloads
from downloads.opening import file_location_url
from tests.factories import add_material_file

BODY = b"%PDF-1.7\n" + bytes(i % 251 for i in range(200_000)) + b"\n%%EOF\n"
LAO_TITLE = "ຄູ່ມືໄຟຟ້າພື້ນຖານ"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def body(response):
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def path_of(url):
    """The address a browser requests for ``url`` (the #fragment stays in the browser)."""
    return url.split("#", 1)[0]


@pytest.fixture
def handbook(material):
    return add_material_file(
        material, title=LAO_TITLE, language="lo", file=ContentFile(BODY, name="handbook.pdf")
    )


def test_the_link_to_page_37_opens_the_pdf_in_the_browser_at_that_page(client, handbook):
    url = file_location_url(handbook, 37)

    assert url.endswith("#page=37")
    response = client.get(path_of(url))

    assert response.status_code == 200
    assert body(response) == BODY
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("inline;")
    assert unquote(disposition.split("''", 1)[1]) == f"{LAO_TITLE}.pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "sandbox" in policy
    assert "frame-ancestors 'none'" in policy


def test_the_plain_address_still_downloads(client, handbook):
    response = client.get(handbook.url)

    assert response["Content-Disposition"].startswith("attachment;")


def test_the_viewer_reads_the_pdf_by_ranges(client, handbook):
    url = path_of(file_location_url(handbook, 2))

    part = client.get(url, HTTP_RANGE="bytes=1000-1999")
    tail = client.get(url, HTTP_RANGE="bytes=-100")

    assert part.status_code == 206
    assert body(part) == BODY[1000:2000]
    assert part["Content-Range"] == f"bytes 1000-1999/{len(BODY)}"
    assert part["Content-Disposition"].startswith("inline;")
    assert tail.status_code == 206 and body(tail) == BODY[-100:]


def test_opening_in_the_browser_counts_once_like_a_download(client, handbook):
    url = path_of(file_location_url(handbook, 5))

    body(client.get(url))
    body(client.get(url, HTTP_RANGE="bytes=1000-1999"))  # the viewer's next reads

    counted = DailyDownloads.objects.filter(document_id=handbook.pk)
    assert sum(counted.values_list("downloads", flat=True)) == 1


def test_a_private_collections_pdf_is_refused_inline_as_it_is_as_a_download(
    client, material, django_user_model
):
    private = Collection.get_first_root_node().add_child(name="Teachers only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    answers = add_material_file(
        material, title="Answer key", collection=private, file=ContentFile(BODY, name="k.pdf")
    )
    url = path_of(file_location_url(answers, 3))

    refused = client.get(url)
    assert refused.status_code == 302 and "login" in refused["Location"]
    assert not DailyDownloads.objects.filter(document_id=answers.pk).exists()

    client.force_login(django_user_model.objects.create_user("khamla", password="pw"))
    shown = client.get(url)
    assert shown.status_code == 200 and body(shown) == BODY
    assert shown["Content-Disposition"].startswith("inline;")


def test_slides_link_to_their_download_and_are_never_shown_inline(client, material):
    slides = add_material_file(material, title="Slides", file=ContentFile(BODY, name="s.pdf"))
    type(slides).objects.filter(pk=slides.pk).update(content_type=PPTX)
    slides.refresh_from_db()

    assert file_location_url(slides, 4) == slides.url
    response = client.get(slides.url, {"view": "1"})
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_file_claiming_to_be_a_pdf_without_a_pdfs_bytes_is_downloaded(client, material):
    document = add_material_file(material, title="Notes", file=ContentFile(BODY, name="n.pdf"))
    document.file.storage.delete(document.file.name)
    document.file.storage.save(document.file.name, ContentFile(b"<html><script>x</script>"))

    response = client.get(path_of(file_location_url(document, 1)))

    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
