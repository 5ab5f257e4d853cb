"""Scans that come as images (a photographed or scanned worksheet): the image, or each page
of a multi-page TIFF, is a page read by OCR.

An image declaring more pixels than any scan needs is refused before it is decoded (Pillow's
decompression-bomb check); a large one is decoded at reduced size where the format allows
(JPEG) and scaled down to the pixels OCR is given for a PDF page."""

import math

import filetext.extraction.ocr as ocr
from filetext.extraction.contract import ExtractionFailed, Segment

# Pillow refuses to open an image of more than twice this many pixels: a 600 DPI A3 scan has
# about 70 million.
MAX_DECLARED_PIXELS = 100_000_000


def _scaled(image, max_pixels):
    pixels = image.width * image.height
    if pixels <= max_pixels:
        return image
    factor = math.sqrt(max_pixels / pixels)
    return image.resize((max(1, int(image.width * factor)), max(1, int(image.height * factor))))


def read(path, language, start, limits):
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_DECLARED_PIXELS
    try:
        image = Image.open(path)
    except Image.DecompressionBombError as error:
        raise ExtractionFailed(
            "too_large", "The image has far more pixels than a scanned page: it was not read."
        ) from error
    except (UnidentifiedImageError, OSError) as error:
        raise ExtractionFailed("corrupt", "The image is damaged: it cannot be opened.") from error
    with image:
        pages = getattr(image, "n_frames", 1)
        last = min(pages, limits.max_segments, limits.max_ocr_pages)
        for index in range(start - 1, last):
            image.seek(index)
            # JPEG decodes straight at a fraction of its size when that is all OCR needs.
            ratio = math.sqrt(limits.max_pixels / max(image.width * image.height, 1))
            if ratio < 1:
                image.draft("L", (int(image.width * ratio), int(image.height * ratio)))
            page = _scaled(image.convert("L"), limits.max_pixels)
            text = ocr.read_image(page, language, limits.ocr_page_seconds, index + 1)
            yield Segment(index + 1, text, ocr=True)
    if pages > last:
        raise ExtractionFailed(
            "too_large", f"The image has {pages:,} pages: only the first {last:,} were read."
        )
