"""Who may have a file's bytes: the one check every download path (file, bundle, preview) asks."""


def may_download(request, document):
    """False when the document's collection (or one above it) is private and the request does
    not satisfy its restriction (login, group or password), as Wagtail's own privacy rules say."""
    return all(
        restriction.accept_request(request)
        for restriction in document.collection.get_view_restrictions()
    )
