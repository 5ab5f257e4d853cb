"""The names files are saved under on a teacher's computer, and the header that carries them.

One sanitiser for every name the site hands out: a downloaded file (its title in its own
language), a course bundle and each file inside it. A safe name is one path segment that
Windows, macOS and Linux all accept, in the text's own script, at most 150 bytes of UTF-8 (file
systems allow 255, and a bundle adds a number and an extension).
"""

import re
import unicodedata
from urllib.parse import quote

MAX_NAME_BYTES = 150

# Path separators, quotes, controls, and what Windows reserves (";" ends a header parameter).
_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*;]+')
# Bidirectional controls reorder what a name shows ("report\u202efdp.exe" reads
# "reportexe.pdf"); the scripts of the alliance never need them in a file name.
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")
# Names Windows gives to devices, with or without an extension.
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)


def safe_filename(text, max_bytes=MAX_NAME_BYTES):
    """``text`` as a name safe as one path segment everywhere; "" when nothing is left."""
    text = unicodedata.normalize("NFC", str(text or ""))
    text = _BIDI_CONTROLS.sub("", text)
    text = _FORBIDDEN.sub(" ", text)
    text = _SPACES.sub(" ", text).strip(" .")
    if _RESERVED.match(text):
        text = f"_{text}"
    return truncate_utf8(text, max_bytes)


def truncate_utf8(text, max_bytes):
    """At most ``max_bytes`` of UTF-8, never cutting a character in two."""
    encoded = text.encode("utf-8")
    if len(encoded) <= max_bytes:
        return text
    return encoded[:max_bytes].decode("utf-8", "ignore").rstrip(" .")


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


def content_disposition(filename, disposition="attachment"):
    """``attachment`` (or ``inline``: shown by the browser, saved under this name) with an
    ASCII fallback and the real name per RFC 6266 / RFC 5987."""
    return "{}; filename=\"{}\"; filename*=UTF-8''{}".format(
        disposition, ascii_filename(filename), quote(filename, safe="")
    )
