"""The shapes the extraction hands out: a segment of text, the limits one file may cost, and
the failure with its code. Declared here, apart from the readers, so that every reader and the
package itself import them without going round in a circle (``__init__`` re-exports them)."""

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
