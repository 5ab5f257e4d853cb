"""Thumbnails of a teaching material's files: a PDF's first page, an icon for everything else."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from fpdf import FPDF
from PIL import Image
from wagtail.models import Collection, CollectionViewRestriction

from demo.media import material_pdf
from downloads.previews import PREVIEW_MAX_HEIGHT, PREVIEW_WIDTH
from tests import factories

pytestmark = pytest.mark.django_db


def _pdf():
    return material_pdf(
        "Electrical safety", [("Level", "LNQF 3")], [("Wiring", 12)], colour_key="safety"
    )


def _encrypted_pdf():
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Answers")
    pdf.set_encryption(owner_password="owner-secret", user_password="teacher-secret")
    return bytes(pdf.output())


def _attach(material, content, name, **kwargs):
    return factories.add_material_file(
        material, title=name, file=ContentFile(content, name=name), **kwargs
    )


def _files_row(html, document):
    """The table row of ``document`` on the material page."""
    rows = re.findall(r"<tr>.*?</tr>", html, flags=re.S)
    return next(row for row in rows if document.title in row)


def test_a_pdf_shows_a_thumbnail_of_its_first_page(client, material):
    document = _attach(material, _pdf(), "safety.pdf")

    html = client.get(material.url).content.decode()
    row = _files_row(html, document)
    url = reverse("document_preview", args=[document.pk])
    response = client.get(url)

    assert f'src="{url}"' in row
    assert f'width="{PREVIEW_WIDTH}"' in row and 'loading="lazy"' in row and 'alt=""' in row
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    image = Image.open(io.BytesIO(response.content))
    image.load()
    assert image.size[0] == PREVIEW_WIDTH
    # A4 portrait: taller than wide, and the height the page announced.
    assert image.size[1] > PREVIEW_WIDTH
    assert f'height="{image.size[1]}"' in row
    # The page's coloured banner is drawn: the top of the thumbnail is not blank.
    assert image.convert("RGB").getpixel((PREVIEW_WIDTH // 2, 5)) != (255, 255, 255)


def test_a_thumbnail_is_drawn_once_and_revalidated_by_etag(client, material, settings):
    document = _attach(material, _pdf(), "safety.pdf")
    url = reverse("document_preview", args=[document.pk])

    first = client.get(url)
    previews = list((settings.MEDIA_ROOT / "previews").iterdir())
    second = client.get(url, headers={"If-None-Match": first["ETag"]})

    assert [p.suffix for p in previews] == [".webp"]
    assert second.status_code == 304
    assert list((settings.MEDIA_ROOT / "previews").iterdir()) == previews


def test_a_changed_pdf_gets_a_new_thumbnail(client, material):
    document = _attach(material, _pdf(), "safety.pdf")
    url = reverse("document_preview", args=[document.pk])
    before = client.get(url)

    document.file = ContentFile(
        material_pdf("Second edition", [], [("Wiring", 14)], colour_key="other"), name="v2.pdf"
    )
    document.save()
    after = client.get(url, headers={"If-None-Match": before["ETag"]})

    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert after.content != before.content


@pytest.mark.parametrize(
    "content, name, kind",
    [
        (b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 200, "lesson.mp3", "audio"),
        (b"PK\x03\x04" + b"\x00" * 200, "answers.zip", "archive"),
        (b"Name,Hours\nWiring,12\n", "hours.csv", "spreadsheet"),
    ],
)
def test_other_files_show_the_icon_of_their_kind(client, material, content, name, kind):
    document = _attach(material, content, name)

    row = _files_row(client.get(material.url).content.decode(), document)

    assert f"file-icon--{kind}" in row
    assert "<img" not in row
    assert client.get(reverse("document_preview", args=[document.pk])).status_code == 404


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\n% not really a PDF\n%%EOF\n",
        b"%PDF-1.7\n" + bytes(range(256)) * 40,
        _encrypted_pdf(),
    ],
    ids=["truncated", "garbage", "password-protected"],
)
def test_a_pdf_that_cannot_be_drawn_shows_the_document_icon(client, material, content):
    document = _attach(material, content, "broken.pdf")

    page = client.get(material.url)
    row = _files_row(page.content.decode(), document)

    assert page.status_code == 200
    assert "file-icon--document" in row
    assert "<img" not in row
    assert client.get(reverse("document_preview", args=[document.pk])).status_code == 404


def test_the_thumbnail_of_a_private_file_is_private(client, material, django_user_model):
    private = Collection.get_first_root_node().add_child(name="Members only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = _attach(material, _pdf(), "answers.pdf", collection=private)
    url = reverse("document_preview", args=[document.pk])

    anonymous_page = client.get(material.url).content.decode()
    anonymous = client.get(url)
    client.force_login(django_user_model.objects.create_user("member", password="pw-12345"))
    member = client.get(url)

    assert document.title not in anonymous_page  # not even listed, let alone drawn
    assert anonymous.status_code == 404
    assert member.status_code == 200
    assert member["Cache-Control"].startswith("private")


def _sliver_pdf(width_pt=2, height_pt=3000):
    """One page 2 pt wide and 3000 pt tall (960 bytes or so): drawn whole at a thumbnail's
    width it would be 240 × 360,000 pixels."""
    pdf = FPDF(unit="pt", format=(width_pt, height_pt))
    pdf.add_page()
    pdf.set_fill_color(200, 30, 30)
    pdf.rect(0, 0, width_pt, 20, style="F")
    return bytes(pdf.output())


def test_a_sliver_of_a_page_is_drawn_only_as_far_as_the_thumbnail_shows(client, material):
    document = _attach(material, _sliver_pdf(), "sliver.pdf")

    response = client.get(reverse("document_preview", args=[document.pk]))

    assert response.status_code == 200
    image = Image.open(io.BytesIO(response.content))
    assert image.size == (PREVIEW_WIDTH, PREVIEW_MAX_HEIGHT)
    assert image.convert("RGB").getpixel((PREVIEW_WIDTH // 2, 2)) != (255, 255, 255)  # the top


def test_a_pdf_that_cannot_be_drawn_is_not_tried_again(client, material, settings):
    document = _attach(material, b"%PDF-1.4\n% not really a PDF\n%%EOF\n", "broken.pdf")
    url = reverse("document_preview", args=[document.pk])
    assert client.get(url).status_code == 404

    # Were it tried again, it would now draw: the bytes on disk became a good PDF.
    (settings.MEDIA_ROOT / document.file.name).write_bytes(_pdf())

    assert client.get(url).status_code == 404
    assert len(list((settings.MEDIA_ROOT / "previews").glob("*.none"))) == 1
