"""What every answer carrying a file's bytes says, whoever sends them (Django, nginx or object
storage) and whatever they are (a document, a course bundle, a preview): the validators a
browser revalidates with, the byte range it resumes with (RFC 9110), who may cache it, and the
safety headers of an attachment. The views decide what to send; this module says it."""

import re

from django.db import connections
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from resources.documents.names import content_disposition

# Nothing a file contains may run on the site's origin: no inline display, no type guessing,
# no script, no plugins, no forms, even if a browser ignores the other two.
FILE_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox"
# A PDF shown in the browser (downloads.opening): the browser's own viewer draws it (Chromium's
# opens at #page=N under this policy), and the document may load, run, submit and be framed
# by nothing.
INLINE_PDF_CONTENT_SECURITY_POLICY = (
    "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; sandbox"
)

# ----------------------------------------------------------------------------------------------
# Validators and conditional requests


def validator_headers(etag, last_modified=None):
    """ETag and Last-Modified (``last_modified`` in seconds since the epoch), those there are."""
    headers = {}
    if etag:
        headers["ETag"] = etag
    if last_modified is not None:
        headers["Last-Modified"] = http_date(last_modified)
    return headers


def not_modified(request, etag, last_modified=None):
    """304 (or 412) when the client's copy is current by If-None-Match / If-Modified-Since;
    None when the bytes must be sent."""
    return get_conditional_response(request, etag=etag, last_modified=last_modified)


# ----------------------------------------------------------------------------------------------
# Byte ranges: a resumed download asks for the bytes it lacks

RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
UNSATISFIABLE = "unsatisfiable"
# Byte positions longer than this are past the end of any file; reading them as integers
# would cost time (and, past 4,300 digits, fail) for nothing.
MAX_POSITION_DIGITS = 18


def _position(digits):
    return int(digits) if len(digits) <= MAX_POSITION_DIGITS else 10**MAX_POSITION_DIGITS


def parse_range(header, size):
    """(start, end) inclusive of a single satisfiable range, UNSATISFIABLE, or None for the
    whole file (no header, several ranges, or one we cannot read: ignored, as RFC 9110 says)."""
    match = RANGE_RE.match((header or "").replace(" ", ""))
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first, last = match.groups()
    if first == "":  # the last n bytes
        suffix = _position(last)
        if suffix == 0 or size == 0:
            return UNSATISFIABLE
        return max(size - suffix, 0), size - 1
    start = _position(first)
    if last and _position(last) < start:
        return None
    if start >= size:
        return UNSATISFIABLE
    return start, min(_position(last), size - 1) if last else size - 1


def if_range_holds(request, etag, last_modified=None):
    """A range applies only to the version the client already has part of: If-Range names it
    by its ETag or its date."""
    if_range = request.headers.get("If-Range", "").strip()
    if not if_range:
        return True
    if if_range.startswith(('"', "W/")):
        return etag is not None and if_range == etag
    return last_modified is not None and parse_http_date_safe(if_range) == last_modified


def requested_range(request, size, etag, last_modified=None):
    """(start, end) of a single satisfiable range, UNSATISFIABLE, or None for the whole file
    (no Range, a stale If-Range, several ranges or a header we cannot read)."""
    if not if_range_holds(request, etag, last_modified):
        return None
    return parse_range(request.headers.get("Range"), size)


def range_not_satisfiable(size):
    return HttpResponse(status=416, headers={"Content-Range": f"bytes */{size}"})


def send_range(response, byte_range, size):
    """Length, and for a range the 206 status and Content-Range, of an answer with
    ``byte_range`` (None: the whole) of ``size`` bytes."""
    start, end = byte_range or (0, size - 1)
    response["Content-Length"] = str(max(end - start + 1, 0))
    if byte_range is not None:
        response.status_code = 206
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    return response


def streaming_response(chunks):
    """An answer that sends ``chunks`` as the client reads them, without holding a database
    connection: a slow download lasts minutes, and a hundred of them would otherwise keep a
    hundred PostgreSQL connections (Django closes a request's connection only at its end)."""
    return StreamingHttpResponse(_without_database(chunks))


def _without_database(chunks):
    # Runs when the server starts sending, after the view and the middleware are done.
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:  # a test's transaction is not ours to end
            connection.close()
    yield from chunks


def read_range(storage, name, start, end, chunk_size=64 * 1024):
    """Bytes ``start``..``end`` (inclusive) of a stored file, in chunks."""
    with storage.open(name, "rb") as handle:
        if start:
            handle.seek(start)
        remaining = end - start + 1
        while remaining > 0:
            chunk = handle.read(min(chunk_size, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk


# ----------------------------------------------------------------------------------------------
# Who may cache an answer

# Any cache, shared ones too.
PUBLIC = "public"
# Only the visitor's browser, because who asks changes the answer (Vary: Cookie).
PER_USER = "per-user"
# Only the visitor's browser: every download is counted, so no shared cache answers for us.
BROWSER = "browser"
# Nothing: a refusal, or a signed address that must not outlive its expiry.
NOBODY = "nobody"


def cache_policy(response, audience, max_age=None):
    """Cache-Control (and Vary) for ``audience``; without ``max_age`` a cache must revalidate
    (with the validators) before every reuse."""
    if audience == NOBODY:
        patch_cache_control(response, private=True, no_store=True)
        return response
    directives = {"public": True} if audience == PUBLIC else {"private": True}
    if max_age is None:
        directives["no_cache"] = True
    else:
        directives["max_age"] = max_age
    patch_cache_control(response, **directives)
    if audience == PER_USER:
        patch_vary_headers(response, ("Cookie",))
    return response


# ----------------------------------------------------------------------------------------------
# Attachments


def document_content_type(document):
    content_type = document.content_type or "application/octet-stream"
    if content_type.startswith("text/") and "charset" not in content_type:
        content_type += "; charset=utf-8"  # uploads of text are checked to be UTF-8
    return content_type


def attachment_headers(filename, content_type, inline=False):
    """The headers of bytes saved as ``filename``, never run on the site's origin; ``inline``
    (a checked PDF only, see downloads.opening): shown by the browser's PDF viewer."""
    return {
        "Content-Type": content_type,
        "Content-Disposition": content_disposition(filename, "inline" if inline else "attachment"),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": (
            INLINE_PDF_CONTENT_SECURITY_POLICY if inline else FILE_CONTENT_SECURITY_POLICY
        ),
        "Accept-Ranges": "bytes",
    }


def attachment_response(
    response, *, filename, content_type, audience, etag, last_modified=None, inline=False
):
    """Every answer about an attachment (200, 206, 304, 416, a hand-off to the front server)
    carries its validators, its safety headers and its cache policy; a 304 no type."""
    headers = {
        **validator_headers(etag, last_modified),
        **attachment_headers(filename, content_type, inline),
    }
    for name, value in headers.items():
        response[name] = value
    if response.status_code == 304:
        del response["Content-Type"]
    return cache_policy(response, audience)
