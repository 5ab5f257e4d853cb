"""Which reader reads each content type, what its segments are, and whether it is a ZIP to
check first. Content types are the upload formats' (resources.documents.formats); a type not
here (audio, video, archives, the old binary Office formats) has no text to read."""

from dataclasses import dataclass

import filetext.extraction.epub as epub
import filetext.extraction.images as images
import filetext.extraction.office as office
import filetext.extraction.opendocument as opendocument
import filetext.extraction.pdf as pdf
import filetext.extraction.plain as plain
import filetext.extraction.subtitles as subtitles
from resources.documents.formats import UPLOAD_FORMATS, format_of


@dataclass(frozen=True)
class Kind:
    read: object  # read(path, language, start, limits) -> iterator of raw Segments
    location: str | None  # what a segment number means; None: parts of a long text
    label: str  # the format's name in a reason: "Word"
    zipped: bool = False


def _type(extension):
    return UPLOAD_FORMATS[extension].content_type


KINDS = {
    _type("pdf"): Kind(pdf.read, "page", "PDF"),
    _type("docx"): Kind(office.read_docx, None, "Word", zipped=True),
    _type("pptx"): Kind(office.read_pptx, "slide", "PowerPoint", zipped=True),
    _type("xlsx"): Kind(office.read_xlsx, "sheet", "Excel", zipped=True),
    _type("odt"): Kind(opendocument.read_text, None, "OpenDocument", zipped=True),
    _type("odp"): Kind(opendocument.read_presentation, "slide", "OpenDocument", zipped=True),
    _type("ods"): Kind(opendocument.read_spreadsheet, "sheet", "OpenDocument", zipped=True),
    _type("epub"): Kind(epub.read, "chapter", "EPUB", zipped=True),
    _type("txt"): Kind(plain.read_text, None, "text"),
    _type("csv"): Kind(plain.read_csv, None, "CSV"),
    _type("srt"): Kind(subtitles.read_srt, None, "subtitles"),
    _type("vtt"): Kind(subtitles.read_vtt, None, "subtitles"),
    _type("jpg"): Kind(images.read, "page", "JPEG"),
    _type("png"): Kind(images.read, "page", "PNG"),
    _type("tif"): Kind(images.read, "page", "TIFF"),
}
LOCATIONS = {content_type: kind.location for content_type, kind in KINDS.items()}


def kind_of(content_type):
    """The Kind of a content type ("text/plain; charset=utf-8" included), or None."""
    file_format = format_of(content_type)
    return KINDS.get(file_format.content_type) if file_format is not None else None


def has_text(content_type):
    """False where there is no text to read (audio, video, ZIP...): no child is started."""
    return kind_of(content_type) is not None
