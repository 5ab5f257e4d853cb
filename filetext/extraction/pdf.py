"""PDF: the text layer of each page, through PDFium; a page that has (almost) no text but an
image is a scan, and is read by OCR.
"""

import math

import filetext.extraction.ocr as ocr
from filetext.extraction.cleaning import MAX_SEGMENT_CHARACTERS
from filetext.extraction.contract import ExtractionFailed, Segment

# A page with fewer letters than this in its text layer, and an image, is a scan: scanners
# often stamp a page number or a file name as text over the image.
SCANNED_BELOW_CHARACTERS = 20


def _text_layer(page):
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        return textpage.get_text_range(count=min(count, MAX_SEGMENT_CHARACTERS)) if count else ""
    finally:
        textpage.close()


def _looks_scanned(page, text, raw):
    letters = sum(1 for character in text if not character.isspace())
    if letters >= SCANNED_BELOW_CHARACTERS:
        return False
    images = page.get_objects(filter=[raw.FPDF_PAGEOBJ_IMAGE], max_depth=4)
    return next(images, None) is not None


def render(page, limits):
    """The page as a grey image at ocr.DPI, scaled down to at most ``limits.max_pixels``."""
    width, height = page.get_size()
    scale = ocr.DPI / 72
    area = max(width * height, 1.0)
    if area * scale * scale > limits.max_pixels:
        scale = math.sqrt(limits.max_pixels / area)
    while math.ceil(width * scale) * math.ceil(height * scale) > limits.max_pixels:
        scale *= 0.995  # PDFium rounds the bitmap's sides up
    return page.render(scale=scale, grayscale=True).to_pil()


def open_document(path):
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        if getattr(error, "err_code", None) == raw.FPDF_ERR_PASSWORD:
            raise ExtractionFailed("encrypted", "The PDF is protected by a password.") from error
        raise ExtractionFailed(
            "corrupt", "The PDF is damaged or not really a PDF: it cannot be opened."
        ) from error


def read(path, language, start, limits):
    import pypdfium2.raw as raw

    document = open_document(path)
    try:
        pages = len(document)
        last = min(pages, limits.max_segments)
        scanned_read = scanned_left = 0
        for index in range(start - 1, last):
            page = document[index]
            try:
                text = _text_layer(page)
                if not _looks_scanned(page, text, raw):
                    yield Segment(index + 1, text)
                elif scanned_read < limits.max_ocr_pages:
                    image = render(page, limits)
                    text = ocr.read_image(image, language, limits.ocr_page_seconds, index + 1)
                    scanned_read += 1
                    yield Segment(index + 1, text, ocr=True)
                else:
                    scanned_left += 1
                    yield Segment(index + 1, text)
            finally:
                page.close()
    finally:
        document.close()
    if scanned_left:
        raise ExtractionFailed(
            "too_large",
            f"The PDF has more than {limits.max_ocr_pages:,} scanned pages: only the first "
            f"{limits.max_ocr_pages:,} scanned pages were read.",
        )
    if pages > last:
        raise ExtractionFailed(
            "too_large",
            f"The PDF has {pages:,} pages: only the first {last:,} pages were read.",
        )
