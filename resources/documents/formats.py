"""The file formats teaching materials come in, declared once.

Each row: the extension, the content type, the name teachers and editors know it by, and the
icon a listing draws for it. Uploads accept the uploadable rows' extensions (``safety``), the
material pages label and draw files by their content type (the ``download_tags``), previews
know a PDF by it and course bundles name their entries' extensions from it.
"""

from dataclasses import dataclass

# The icons ``includes/file_icon.html`` draws.
ICONS = ("document", "spreadsheet", "slides", "audio", "video", "archive", "ebook", "image")


@dataclass(frozen=True)
class FileFormat:
    extension: str
    content_type: str
    label: str  # as listed to teachers, e.g. "Word"
    icon: str  # one of ICONS
    # Told apart from a newer format of the same name where editors need to, e.g. "97–2003".
    version: str = ""
    # False for formats met only in files stored before uploads were checked: never accepted,
    # but still listed with their icon.
    uploadable: bool = True

    def __post_init__(self):
        if self.icon not in ICONS:
            raise ValueError(f"{self.extension}: no icon {self.icon!r} (one of {ICONS})")

    @property
    def full_label(self):
        """The name with its version: "Word 97–2003"."""
        return f"{self.label} {self.version}" if self.version else self.label


FORMATS = (
    FileFormat("pdf", "application/pdf", "PDF", "document"),
    FileFormat("doc", "application/msword", "Word", "document", version="97–2003"),
    FileFormat("xls", "application/vnd.ms-excel", "Excel", "spreadsheet", version="97–2003"),
    FileFormat("ppt", "application/vnd.ms-powerpoint", "PowerPoint", "slides", version="97–2003"),
    FileFormat(
        "docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "Word",
        "document",
    ),
    FileFormat(
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "Excel",
        "spreadsheet",
    ),
    FileFormat(
        "pptx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "PowerPoint",
        "slides",
    ),
    FileFormat("odt", "application/vnd.oasis.opendocument.text", "OpenDocument Text", "document"),
    FileFormat(
        "ods",
        "application/vnd.oasis.opendocument.spreadsheet",
        "OpenDocument Spreadsheet",
        "spreadsheet",
    ),
    FileFormat(
        "odp",
        "application/vnd.oasis.opendocument.presentation",
        "OpenDocument Presentation",
        "slides",
    ),
    FileFormat("epub", "application/epub+zip", "EPUB", "ebook"),
    FileFormat("zip", "application/zip", "ZIP", "archive"),
    FileFormat("mp3", "audio/mpeg", "MP3", "audio"),
    FileFormat("m4a", "audio/mp4", "M4A", "audio"),
    FileFormat("ogg", "audio/ogg", "Ogg", "audio"),
    FileFormat("wav", "audio/wav", "WAV", "audio"),
    FileFormat("mp4", "video/mp4", "MP4", "video"),
    FileFormat("webm", "video/webm", "WebM", "video"),
    # Plain text is accepted only as UTF-8 (and served so).
    FileFormat("txt", "text/plain", "Text", "document"),
    FileFormat("csv", "text/csv", "CSV", "spreadsheet"),
    # A video's subtitles, UTF-8 text like the above: what is said in it can be searched.
    FileFormat("srt", "application/x-subrip", "SubRip subtitles", "video"),
    FileFormat("vtt", "text/vtt", "WebVTT subtitles", "video"),
    # Scanned or photographed pages (a worksheet): their text is read by OCR.
    FileFormat("jpg", "image/jpeg", "JPEG", "image"),
    FileFormat("png", "image/png", "PNG", "image"),
    FileFormat("tif", "image/tiff", "TIFF", "image"),
    FileFormat("rtf", "application/rtf", "RTF", "document", uploadable=False),
    FileFormat("zip", "application/x-zip-compressed", "ZIP", "archive", uploadable=False),
    FileFormat("7z", "application/x-7z-compressed", "7-Zip", "archive", uploadable=False),
    FileFormat("tar", "application/x-tar", "TAR", "archive", uploadable=False),
    FileFormat("gz", "application/gzip", "gzip", "archive", uploadable=False),
)

# Extension -> the one format a file with that name must be.
UPLOAD_FORMATS = {f.extension: f for f in FORMATS if f.uploadable}
_BY_CONTENT_TYPE = {f.content_type: f for f in FORMATS}
PDF = UPLOAD_FORMATS["pdf"]


def _bare(content_type):
    return (content_type or "").split(";")[0].strip().lower()


def format_of(content_type):
    """The FileFormat of a content type ("text/plain; charset=utf-8" included), or None."""
    return _BY_CONTENT_TYPE.get(_bare(content_type))


def format_label(content_type):
    """'application/pdf' -> 'PDF'; unknown types by their subtype in capitals."""
    if not content_type:
        return ""
    file_format = format_of(content_type)
    if file_format is not None:
        return file_format.label
    return content_type.rsplit("/", 1)[-1].split("+")[0].upper()


def format_icon(content_type):
    """The icon of a content type (one of ICONS): any audio or video type has its kind's,
    anything unknown the document's."""
    kind = _bare(content_type).partition("/")[0]
    if kind in ("audio", "video"):
        return kind
    file_format = format_of(content_type)
    return file_format.icon if file_format is not None else "document"


def format_extension(content_type):
    """ ".pdf" for "application/pdf"; "" for a type not in the table."""
    file_format = format_of(content_type)
    return f".{file_format.extension}" if file_format is not None else ""


def is_pdf(content_type):
    return _bare(content_type) == PDF.content_type
