"""An employer checks a printed certificate with a photo of its QR code, when their browser
cannot scan with the camera; a picture that is not one, or is built to exhaust memory, gets a
clear answer."""

import io
import zlib
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image, ImageFilter

from credentials.issuing import Learner, issue
from credentials.views import page_url
from resources.qr_codes import png as qr_png
from tests.helpers import soup, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def credential(certification, issuer_user):
    learner = Learner(name="Chanthala Keomany", achieved_on=date(2026, 9, 1), language="lo")
    return issue(certification, learner, issuer_user)


def photo_of(code_png, size=(3000, 2200)):
    """The QR code printed small on a sheet, photographed slightly blurred, as a JPEG."""
    sheet = Image.new("RGB", size, (236, 232, 220))
    code = Image.open(io.BytesIO(code_png)).convert("RGB").resize((520, 520))
    sheet.paste(code, (1900, 1300))
    out = io.BytesIO()
    sheet.filter(ImageFilter.GaussianBlur(1.2)).save(out, "JPEG", quality=80)
    return out.getvalue()


def in_thai(message):
    with translation.override("th"):
        return gettext(message)


def post_picture(client, data, name="photo.jpg", content_type="image/jpeg"):
    upload = SimpleUploadedFile(name, data, content_type=content_type)
    return client.post("/th/verify/", {"picture": upload})


def test_a_photo_of_the_printed_qr_code_verifies_the_certificate_in_thai(client, credential):
    response = post_picture(client, photo_of(qr_png(page_url(credential))))

    page = soup(response)
    assert response.status_code == 200
    assert page.select_one("#verification-result")["data-verdict"] == "valid"
    assert "Chanthala Keomany" in text_of(page.select_one(".certificate__learner"))


def test_a_photo_without_a_code_and_a_file_that_is_no_picture_are_explained(client, credential):
    blank = io.BytesIO()
    Image.new("RGB", (800, 600), "white").save(blank, "PNG")

    for data, message in (
        (blank.getvalue(), "No QR code was found in the picture."),
        (b"%PDF-1.7 not a picture", "This file is not a picture that can be read."),
    ):
        response = post_picture(client, data, name="photo.png", content_type="image/png")
        result = soup(response, 400).select_one("#verification-result")
        assert result["data-verdict"] == "malformed"
        assert in_thai(message) in text_of(result)


def test_a_picture_declaring_a_billion_pixels_is_refused_before_it_is_decoded(client):
    # A valid PNG header for 40,000 × 40,000 pixels, and nothing behind it worth reading.
    huge = io.BytesIO()
    Image.new("1", (1, 1)).save(huge, "PNG")
    data = bytearray(huge.getvalue())
    data[16:24] = (40_000).to_bytes(4, "big") + (40_000).to_bytes(4, "big")
    data[29:33] = zlib.crc32(bytes(data[12:29])).to_bytes(4, "big")  # the header's checksum

    response = post_picture(client, bytes(data), name="huge.png", content_type="image/png")

    result = soup(response, 400).select_one("#verification-result")
    assert result["data-verdict"] == "malformed"
    assert in_thai("The picture has too many pixels.") in text_of(result)
