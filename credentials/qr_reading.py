"""The link in a photo of a certificate's QR code, for verifiers whose browser cannot scan with
the camera: read with ZXing, from a picture whose size is checked before it is decoded."""

import io

import zxingcpp
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
# A phone photo is 12 to 50 megapixels; the declared size is read before any pixel is.
MAX_PIXELS = 60_000_000
# ZXing finds a printed code well at this size, and faster than at a phone's full size.
WORKING_SIDE = 1600


class UnreadablePicture(ValueError):
    pass


def link_in_picture(upload):
    """The text of the first QR code in the uploaded picture."""
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise UnreadablePicture(_("The picture is larger than 10 MB."))
    try:
        with Image.open(io.BytesIO(data)) as picture:
            width, height = picture.size
            if width * height > MAX_PIXELS:
                raise UnreadablePicture(_("The picture has too many pixels."))
            picture.draft("L", (WORKING_SIDE, WORKING_SIDE))  # JPEG: decode at a smaller scale
            grey = picture.convert("L")
    except Image.DecompressionBombError as error:  # Pillow's own bound, checked on opening
        raise UnreadablePicture(_("The picture has too many pixels.")) from error
    except (UnidentifiedImageError, OSError) as error:
        raise UnreadablePicture(_("This file is not a picture that can be read.")) from error
    grey.thumbnail((WORKING_SIDE, WORKING_SIDE))
    codes = zxingcpp.read_barcodes(grey, formats=zxingcpp.BarcodeFormat.QRCode)
    if not codes:
        raise UnreadablePicture(_("No QR code was found in the picture."))
    return codes[0].text
