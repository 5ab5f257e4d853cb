"""The headers every file response carries, whoever sends the bytes (Django, nginx or storage)."""

from resources.documents.names import content_disposition

# Nothing a file contains may run on the site's origin: no inline display, no type guessing,
# no script, no plugins, no forms, even if a browser ignores the other two.
FILE_CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox"


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
