"""Text out of teaching-material files, page by page. No Django here: a child process runs
this with hard limits on memory and time (``isolated``), so that a hostile file can only
ever fail its own extraction.

The contract the rest of the site relies on:

- ``extract(path, content_type, language, start=1, limits=Limits())`` yields ``Segment``s in
  the file's own order, from segment number ``start`` on (a resumed extraction skips what it
  already has), and raises ``ExtractionFailed`` with a code and a reason an editor can read.
- ``extract_isolated(...)`` does the same in a child process and yields each segment as soon
  as the child has it (so the caller can store it, and resume after a crash).
- ``LOCATIONS`` says what a segment number means for a content type ("page", "slide",
  "sheet", "chapter"), or None where the format has no such unit (its parts are then only
  ways to cut a long text into passages).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    number: int  # 1-based
    text: str
    label: str = ""  # a sheet's or a chapter's name
    ocr: bool = False  # read from an image of the page


@dataclass(frozen=True)
class Limits:
    """What one file may cost. Defaults are the production settings' defaults."""

    timeout_seconds: float = 600  # per file and attempt, OCR included
    max_segments: int = 2000  # pages, slides, sheets or chapters read
    max_ocr_pages: int = 300
    ocr_page_seconds: float = 60
    memory_bytes: int = 1 << 30  # the child process's address space
    max_pixels: int = 12_000_000  # an image of a page for OCR is scaled down beyond this
    max_inflated_bytes: int = 256 << 20  # ZIP-based formats: their members' total size


class ExtractionFailed(Exception):
    """The file's text cannot be read; ``code`` is one of FAILURE_CODES."""

    def __init__(self, code, reason):
        self.code = code
        self.reason = reason
        super().__init__(f"{code}: {reason}")


FAILURE_CODES = (
    "encrypted",  # a password protects it
    "corrupt",  # not readable as its format
    "too_large",  # beyond a limit before reading (inflates too far, too many pages)
    "timeout",
    "memory",
    "crashed",  # the reader died
    "ocr_unavailable",  # a scanned page, and no OCR for the file's language here
)


# What a segment's number counts, per content type (None: parts without a name of their own).
LOCATIONS = {
    "application/pdf": "page",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "slide",
    "application/vnd.oasis.opendocument.presentation": "slide",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "sheet",
    "application/vnd.oasis.opendocument.spreadsheet": "sheet",
    "application/epub+zip": "chapter",
}
