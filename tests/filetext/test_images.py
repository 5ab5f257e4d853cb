"""A worksheet scanned or photographed as an image is a teaching-material file too: it can be
uploaded as JPEG, PNG or TIFF, its text is read by OCR (each page of a TIFF on its own), and an
image that declares absurd dimensions is refused before it is decoded."""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from filetext.extraction import ExtractionFailed, extract, extract_isolated
from resources.documents.safety import inspect_file
from tests.filetext import samples

JPEG, PNG, TIFF = "image/jpeg", "image/png", "image/tiff"


def image_bytes(image, image_format, **options):
    buffer = io.BytesIO()
    image.save(buffer, image_format, **options)
    return buffer.getvalue()


def test_a_photographed_worksheet_is_read_by_ocr(tmp_path):
    path = tmp_path / "worksheet.jpg"
    path.write_bytes(image_bytes(samples.page_image(samples.TEXTS["zh-hans"], "zh-hans"), "JPEG"))

    [page] = extract(path, JPEG, "zh-hans")

    assert page.ocr and page.number == 1
    assert "焊接安全操作规程" in samples.comparable(page.text, "zh-hans")


def test_each_page_of_a_tiff_scan_is_a_page(tmp_path):
    first = samples.page_image(["Page one: insulated gloves"], "en")
    second = samples.page_image(["Page two: earthing resistance"], "en")
    path = tmp_path / "scan.tif"
    path.write_bytes(image_bytes(first, "TIFF", save_all=True, append_images=[second]))

    pages = list(extract(path, TIFF, "en"))

    assert [page.number for page in pages] == [1, 2]
    assert "gloves" in pages[0].text and "earthing" in pages[1].text
    # A resumed reading starts at its page.
    assert [page.number for page in extract(path, TIFF, "en", start=2)] == [2]


def png_declaring(width, height):
    """A few hundred bytes of PNG whose header claims ``width`` × ``height`` pixels."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 1024)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_an_image_claiming_a_billion_pixels_is_refused_unread(tmp_path):
    path = tmp_path / "bomb.png"
    path.write_bytes(png_declaring(40_000, 40_000))

    with pytest.raises(ExtractionFailed) as failure:
        list(extract_isolated(path, PNG, "en"))

    assert failure.value.code == "too_large"


@pytest.mark.parametrize(
    ("name", "data", "accepted"),
    [
        ("scan.png", png_declaring(10, 10), True),
        ("scan.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 64, True),
        ("scan.tif", b"II*\x00" + b"\x00" * 64, True),
        ("scan.jpg", png_declaring(10, 10), False),  # a PNG called .jpg
        ("scan.png", b"<svg xmlns='http://www.w3.org/2000/svg'/>", False),
    ],
)
def test_uploads_accept_images_whose_bytes_match_their_name(name, data, accepted):
    upload = ContentFile(data, name=name)
    if accepted:
        assert inspect_file(upload).extension == name.rsplit(".", 1)[1]
    else:
        with pytest.raises(ValidationError):
            inspect_file(upload)
