"""When anything the sitemaps and feeds show last changed, read cheaply enough to answer every
conditional request with it (304 Not Modified, without building the document).

Wagtail logs every publish, unpublish, deletion, move, rename and view-restriction change of
a page (``PageLogEntry``) and every edit of a snippet in the admin (``ModelLogEntry``: an
institution's or a sector's name); the newest entries, the newest page (one added live
without a log) and the view restrictions make the marker. A few index lookups, however many
pages there are."""

import hashlib
from functools import wraps

from django.db.models import Count, Max
from django.http import Http404
from wagtail.models import ModelLogEntry, Page, PageLogEntry, PageViewRestriction

from downloads.responses import PUBLIC, cache_policy, not_modified, validator_headers

# Bumped when what a document shows for the same content changes (a new element, a new rule).
DOCUMENTS_VERSION = "1"


def content_marker():
    """(the time of the last logged change or None, a token that changes with any change)."""
    pages = PageLogEntry.objects.aggregate(at=Max("timestamp"), last=Max("pk"))
    snippets = ModelLogEntry.objects.aggregate(at=Max("timestamp"), last=Max("pk"))
    tree = Page.objects.aggregate(last=Max("pk"))
    restrictions = PageViewRestriction.objects.aggregate(count=Count("pk"), last=Max("pk"))
    times = [at for at in (pages["at"], snippets["at"]) if at is not None]
    token = "|".join(
        str(value)
        for value in (
            pages["at"],
            pages["last"],
            snippets["at"],
            snippets["last"],
            tree["last"],
            restrictions["count"],
            restrictions["last"],
        )
    )
    return (max(times) if times else None), token


def validators(request):
    """(ETag, Last-Modified in seconds since the epoch) of the document at this address."""
    changed_at, token = content_marker()
    digest = hashlib.sha256(
        f"{DOCUMENTS_VERSION}|{request.get_full_path()}|{token}".encode()
    ).hexdigest()
    last_modified = int(changed_at.timestamp()) if changed_at is not None else None
    return f'"{digest[:32]}"', last_modified


def conditional(view):
    """Answer a repeated request with 304 while nothing changed; otherwise the document with
    its validators, cacheable by shared caches that revalidate before each reuse (a page made
    private must leave every copy at once). A 404 is said at its own address (see
    ``found_here``)."""

    @found_here
    @wraps(view)
    def answer(request, *args, **kwargs):
        etag, last_modified = validators(request)
        response = not_modified(request, etag, last_modified)
        if response is None:
            response = view(request, *args, **kwargs)
        if response.status_code in (200, 304):
            for name, value in validator_headers(etag, last_modified).items():
                response[name] = value
            cache_policy(response, PUBLIC)
        return response

    return answer


def found_here(view):
    """A 404 of these addresses (none has a language prefix) is said here: without this the
    language middleware would redirect it to the same address under a language prefix, where
    Wagtail's catch-all route answers."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            request.urlconf = "interop.urls"
            raise
        if response.status_code == 404:
            request.urlconf = "interop.urls"
        return response

    return answer
