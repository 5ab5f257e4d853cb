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

from filetext.extraction.contract import FAILURE_CODES, ExtractionFailed, Limits, Segment
from filetext.extraction.isolated import extract_isolated
from filetext.extraction.kinds import LOCATIONS, has_text
from filetext.extraction.reading import extract

__all__ = [
    "FAILURE_CODES",
    "LOCATIONS",
    "ExtractionFailed",
    "Limits",
    "Segment",
    "extract",
    "extract_isolated",
    "has_text",
]
