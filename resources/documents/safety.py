"""Safe uploads: a file must be one of the formats teaching materials come in (``formats``), and
its bytes must be what its name says.

Every allowed extension names one format, recognised by its own bytes (magic numbers, and for
the ZIP-based office, ODF and EPUB formats the container's inner marker). Programs, web pages
and SVG images are refused with a message that says so, whatever the file is called.
"""

import os
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from resources.documents.formats import UPLOAD_FORMATS

# How much of the start of a file the format checks read.
HEAD_BYTES = 8192

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
MIMETYPE_MAX_BYTES = 100
# ZIP-based formats that name their content type in a "mimetype" member.
ZIP_MIMETYPES = {
    extension: UPLOAD_FORMATS[extension].content_type for extension in ("odt", "ods", "odp", "epub")
}
PROGRAM_MAGICS = (
    b"\x7fELF",  # Linux
    b"MZ",  # Windows
    b"\xfe\xed\xfa\xce",  # macOS (Mach-O, both byte orders, 32 and 64 bits)
    b"\xce\xfa\xed\xfe",
    b"\xfe\xed\xfa\xcf",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",  # macOS universal binary
    b"#!",  # scripts
)
# Markup a browser would run as a page or an image with script, wherever it starts.
MARKUP_MARKERS = (b"<!doctype html", b"<html", b"<script", b"<svg", b"<?xml", b"<body", b"<head")


def allowed_extensions():
    """The allow-list: extensions the site's settings accept that this module can recognise."""
    configured = getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or UPLOAD_FORMATS
    return sorted(ext.lower() for ext in configured if ext.lower() in UPLOAD_FORMATS)


def _is_program(head):
    return head.startswith(PROGRAM_MAGICS)


def _is_markup(head):
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n\x00").lower().replace(b"\x00", b"")
    return text.startswith(b"<") and any(marker in text[:1024] for marker in MARKUP_MARKERS)


def _short_member(archive, name):
    """The member ``name`` if it is no longer than a content type can be, else b"". Never
    inflates more than that: a 300 KB upload's member may inflate to gigabytes."""
    if archive.getinfo(name).file_size > MIMETYPE_MAX_BYTES:
        return b""
    with archive.open(name) as member:
        data = member.read(MIMETYPE_MAX_BYTES + 1)  # the declared size may lie
    return data.strip() if len(data) <= MIMETYPE_MAX_BYTES else b""


def _zip_members(fileobj):
    try:
        fileobj.seek(0)
        with zipfile.ZipFile(fileobj) as archive:
            names = archive.namelist()
            mimetype = b""
            if "mimetype" in names:
                mimetype = _short_member(archive, "mimetype")
            return names, mimetype
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None, b""
    finally:
        fileobj.seek(0)


def _is_mp3(head):
    return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)


def _is_iso_media(head, audio):
    if head[4:8] != b"ftyp":
        return False
    brand = head[8:12]
    return not audio or brand in (b"M4A ", b"M4B ", b"mp42", b"isom", b"dash", b"iso5", b"iso6")


def _is_text(data):
    if b"\x00" in data:
        return False
    try:
        # A multi-byte character may be cut at the end of the sample.
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(data) - 3
    return True


def _matches(extension, head, fileobj):
    """True when the bytes are a file of the format ``extension`` names."""
    if extension == "pdf":
        return head.startswith(b"%PDF-")
    if extension in ("doc", "xls", "ppt"):
        return head.startswith(OLE2_MAGIC)
    if extension in ("docx", "xlsx", "pptx", "odt", "ods", "odp", "epub", "zip"):
        if not head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
            return False
        names, mimetype = _zip_members(fileobj)
        if names is None:
            return False
        if extension in OOXML_PARTS:
            prefix = OOXML_PARTS[extension]
            return "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names)
        if extension in ZIP_MIMETYPES:
            return mimetype == ZIP_MIMETYPES[extension].encode()
        return True
    if extension == "mp3":
        return _is_mp3(head)
    if extension == "m4a":
        return _is_iso_media(head, audio=True)
    if extension == "mp4":
        return _is_iso_media(head, audio=False)
    if extension == "ogg":
        return head.startswith(b"OggS")
    if extension == "wav":
        return head.startswith(b"RIFF") and head[8:12] == b"WAVE"
    if extension == "webm":
        return head.startswith(b"\x1a\x45\xdf\xa3")
    if extension == "jpg":
        return head.startswith(b"\xff\xd8\xff")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension == "tif":
        return head.startswith((b"II*\x00", b"MM\x00*"))
    if extension in ("txt", "csv", "srt"):
        return _is_text(head)
    if extension == "vtt":
        return _is_text(head) and head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT")
    return False


def _read_head(fileobj):
    fileobj.seek(0)
    head = fileobj.read(HEAD_BYTES)
    fileobj.seek(0)
    return head if isinstance(head, bytes) else head.encode()


def _file_object(value):
    """A seekable binary file object behind a model FieldFile or an uploaded file."""
    inner = getattr(value, "file", value)
    if getattr(inner, "closed", False):
        value.open("rb")
        inner = getattr(value, "file", value)
    return inner


def inspect_file(value, name=None):
    """The FileFormat of an uploaded or stored file, or ValidationError saying why it is refused.

    ``value`` is a Django File, UploadedFile or FieldFile; ``name`` defaults to its name.
    """
    name = os.path.basename(name or value.name or "")
    extension = os.path.splitext(name)[1][1:].lower()
    allowed = allowed_extensions()
    if extension not in allowed:
        raise ValidationError(
            _("Files of type “.%(extension)s” cannot be uploaded. Allowed types: %(allowed)s."),
            code="file_type_not_allowed",
            params={"extension": extension or "?", "allowed": ", ".join(allowed)},
        )

    limit = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
    size = value.size
    if limit is not None and size is not None and size > limit:
        raise ValidationError(
            _("This file is too big (%(size)s). The largest file you can upload is %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit)},
        )
    if not size:
        raise ValidationError(_("This file is empty."), code="file_empty")

    fileobj = _file_object(value)
    head = _read_head(fileobj)
    if _is_program(head):
        raise ValidationError(
            _(
                "“%(name)s” is a program or script, not a teaching material, and cannot be "
                "uploaded. Programs could harm the computers of teachers who download them."
            ),
            code="file_is_program",
            params={"name": name},
        )
    if _is_markup(head):
        raise ValidationError(
            _(
                "“%(name)s” is a web page or SVG image. These can run scripts in a browser, so "
                "they cannot be uploaded; save it as PDF instead."
            ),
            code="file_is_markup",
            params={"name": name},
        )
    file_format = UPLOAD_FORMATS[extension]
    if not _matches(extension, head, fileobj):
        raise ValidationError(
            _(
                "“%(name)s” is not really a %(kind)s file: its contents do not match its "
                "name. Save it again as %(kind)s, or give it the right extension."
            ),
            code="file_content_mismatch",
            params={"name": name, "kind": file_format.full_label},
        )
    return file_format


def validate_teaching_file(value):
    """Model field validator: allowed type, size limit and contents that match the name."""
    inspect_file(value)


def sniff_content_type(fileobj, name):
    """The content type for a stored file, from its recognised format; None if unrecognised."""
    extension = os.path.splitext(name)[1][1:].lower()
    if extension in UPLOAD_FORMATS:
        head = _read_head(fileobj)
        if _matches(extension, head, fileobj) and not _is_markup(head):
            return UPLOAD_FORMATS[extension].content_type
    return None
