"""Thumbnails of a PDF's first page, so a teacher sees what a file is before downloading it.

Rendered locally with PDFium (pypdfium2), once per file content: the thumbnail of a file is
stored under a name derived from its SHA-256 checksum, so a re-uploaded identical file reuses
it and a changed file gets a new one. A PDF that cannot be rendered (corrupt, encrypted with a
password, empty) is remembered as such and shown with its type's icon instead.
"""

import hashlib
import hmac
import io
import logging
import threading

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from resources.documents.formats import is_pdf

logger = logging.getLogger(__name__)

PREVIEW_WIDTH = 240
# A tall page is cut at this height (a thumbnail, not a reading copy).
PREVIEW_MAX_HEIGHT = 480
PREVIEW_FORMAT = "WEBP"
PREVIEW_CONTENT_TYPE = "image/webp"
# Bump when the rendering changes, so old thumbnails are redrawn.
PREVIEW_VERSION = 1
PREVIEW_FOLDER = "previews"
# Larger PDFs are not opened in the web process: their preview is the icon.
MAX_PDF_BYTES = 200 * 1024 * 1024

# PDFium is not thread-safe: one rendering at a time per process.
_pdfium_lock = threading.Lock()


def _key(document):
    """One name per file content (and rendering version), not guessable from the public
    checksum: thumbnails of private files are as private as the files."""
    message = f"preview:{PREVIEW_VERSION}:{document.checksum_sha256}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()[:48]


def preview_name(document):
    return f"{PREVIEW_FOLDER}/{_key(document)}.webp"


def _failure_name(document):
    return f"{PREVIEW_FOLDER}/{_key(document)}.none"


def preview_etag(document):
    return f'"{_key(document)[:32]}"'


def render_first_page(pdf, width=PREVIEW_WIDTH):
    """A WebP of the first page of ``pdf`` (bytes or a file path), ``width`` pixels wide;
    raises ValueError when PDFium cannot open or draw the file."""
    import pypdfium2 as pdfium
    from PIL import Image

    with _pdfium_lock:
        try:
            document = pdfium.PdfDocument(pdf)
        except pdfium.PdfiumError as exc:
            raise ValueError(f"unreadable PDF: {exc}") from exc
        try:
            if len(document) == 0:
                raise ValueError("PDF without pages")
            page = document[0]
            try:
                page_width, page_height = page.get_size()
                if page_width <= 0 or page_height <= 0:
                    raise ValueError("page without width or height")
                scale = width / page_width
                # Draw only the top of a tall page: the bitmap is at most width × the
                # thumbnail's height, however the page is shaped (a 2 × 3000 pt page drawn
                # whole at this scale would be a gigabyte).
                shown_height = min(page_height, PREVIEW_MAX_HEIGHT / scale)
                bitmap = page.render(scale=scale, crop=(0, page_height - shown_height, 0, 0))
                image = bitmap.to_pil().convert("RGB")
            finally:
                page.close()
        except pdfium.PdfiumError as exc:
            raise ValueError(f"PDF page cannot be drawn: {exc}") from exc
        finally:
            document.close()

    if image.width != width:  # rounding of the scale
        height = max(1, round(image.height * width / image.width))
        image = image.resize((width, height), Image.LANCZOS)
    if image.height > PREVIEW_MAX_HEIGHT:
        image = image.crop((0, 0, width, PREVIEW_MAX_HEIGHT))
    out = io.BytesIO()
    image.save(out, format=PREVIEW_FORMAT, quality=80, method=4)
    return out.getvalue()


def ensure_preview(document, storage=None):
    """The storage name of the document's thumbnail, drawing it on first use; None when the
    document is not a PDF or cannot be drawn (the page shows its icon)."""
    storage = storage or default_storage
    if not is_pdf(document.content_type) or not document.checksum_sha256:
        return None
    name = preview_name(document)
    if storage.exists(name):
        return name
    if storage.exists(_failure_name(document)):
        return None
    try:
        size = document.file_size or storage.size(document.file.name)
        if size > MAX_PDF_BYTES:
            raise ValueError(f"PDF of {size} bytes is too large to preview here")
        try:  # a local file: PDFium reads only the parts it needs
            image = render_first_page(storage.path(document.file.name))
        except NotImplementedError:  # remote storage
            with storage.open(document.file.name, "rb") as fh:
                image = render_first_page(fh.read())
    except (ValueError, OSError) as exc:
        logger.info("No preview for document %s: %s", document.pk, exc)
        _save(storage, _failure_name(document), b"")
        return None
    _save(storage, name, image)
    return name


def _save(storage, name, content):
    if storage.exists(name):
        return
    saved = storage.save(name, ContentFile(content))
    if saved != name:  # drawn by another request at the same moment
        storage.delete(saved)


def preview_dimensions(document, storage=None):
    """(width, height) of a stored thumbnail, for the img's width and height attributes."""
    from PIL import Image

    storage = storage or default_storage
    with storage.open(preview_name(document), "rb") as fh:
        with Image.open(fh) as image:
            return image.size
