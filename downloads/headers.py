"""The headers every file response carries, whoever sends the bytes (Django, nginx or storage)."""

import re
import unicodedata
from urllib.parse import quote

# Nothing a file contains may run on the site's origin: no inline display, no type guessing,
# no script, no plugins, no forms, even if a browser ignores the other two.
FILE_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox"


def ascii_filename(filename):
    """A plain-ASCII stand-in for browsers that ignore ``filename*`` (accents dropped, other
    letters replaced), keeping the extension."""
    stem, dot, extension = filename.rpartition(".")
    if not dot:
        stem, extension = filename, ""
    decomposed = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    safe = re.sub(r"[^A-Za-z0-9 ._()-]+", "_", decomposed)
    safe = re.sub(r"_+", "_", safe).strip(" ._") or "download"
    return f"{safe}.{extension}" if extension else safe


def content_disposition(filename):
    """``attachment`` with an ASCII fallback and the real name per RFC 6266 / RFC 5987."""
    return "attachment; filename=\"{}\"; filename*=UTF-8''{}".format(
        ascii_filename(filename), quote(filename, safe="")
    )


def response_content_type(document):
    content_type = document.content_type or "application/octet-stream"
    if content_type.startswith("text/") and "charset" not in content_type:
        content_type += "; charset=utf-8"  # uploads of text are checked to be UTF-8
    return content_type


def file_response_headers(document):
    return {
        "Content-Type": response_content_type(document),
        "Content-Disposition": content_disposition(document.download_filename),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": FILE_CONTENT_SECURITY_POLICY,
        "Accept-Ranges": "bytes",
    }
