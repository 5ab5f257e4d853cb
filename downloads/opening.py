"""Opening a PDF in the visitor's browser, at a page, rather than saving it: which files may be
shown there, and the one address every "found on page N" link uses.

Only a PDF whose bytes are a PDF's is ever shown inline (with a policy that lets nothing but
the browser's PDF viewer run); every other file, and any file asked for without the
parameter, is downloaded as before.
"""

from urllib.parse import urlencode

PDF = "application/pdf"
# ``?view=1`` on a file's download address asks for the PDF in the browser.
VIEW_PARAMETER = "view"
PDF_SIGNATURE = b"%PDF-"


def may_open_in_browser(document):
    """True for a PDF that passed the upload check (its type was recognised from its bytes)
    and still starts as a PDF does: read from the file itself, since a row alone could claim
    any type."""
    if (document.content_type or "").split(";")[0].strip() != PDF or not document.file:
        return False
    try:
        with document.file.storage.open(document.file.name, "rb") as handle:
            return handle.read(len(PDF_SIGNATURE)) == PDF_SIGNATURE
    except OSError:
        return False


def wants_browser_view(request):
    return request.GET.get(VIEW_PARAMETER) == "1"


def file_location_url(document, number=0):
    """The address of ``document`` opened where a search found its words: a PDF in the
    browser at page ``number`` (``#page=N``, which browsers' PDF viewers follow); any other
    file's download (a slide or a sheet has no address inside the file)."""
    if (document.content_type or "").split(";")[0].strip() != PDF:
        return document.url
    return pdf_page_url(document.url, number)


def pdf_page_url(download_url, number=0):
    """A PDF's download address (``document.url``) made to open in the browser at page
    ``number`` (from 1; 0: its first page)."""
    url = f"{download_url}?{urlencode({VIEW_PARAMETER: 1})}"
    return f"{url}#page={number}" if number else url
