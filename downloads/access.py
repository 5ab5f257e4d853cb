"""Who may have a file's bytes: the one check every download path (file, bundle, preview) asks,
and every page or description that lists files."""

from resources.caching import collection_is_restricted


def may_download(request, document):
    """False when the document's collection (or one above it) is private and the request does
    not satisfy its restriction (login, group or password), as Wagtail's own privacy rules say.
    Without a request (a description built outside a visit) only public files pass."""
    if not collection_is_restricted(document.collection):
        return True
    return all(
        request is not None and restriction.accept_request(request)
        for restriction in document.collection.get_view_restrictions()
    )


def downloadable(request, documents):
    """The documents this request may download, in their order: a page lists only those, so a
    private collection's titles, sizes and checksums never reach other visitors."""
    return [document for document in documents if may_download(request, document)]
