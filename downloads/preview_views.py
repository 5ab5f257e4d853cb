"""A PDF's first page as a small image: ``/downloads/previews/<document id>.webp``."""

from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from wagtail.documents import get_document_model

from downloads import responses
from downloads.access import may_download
from downloads.previews import PREVIEW_CONTENT_TYPE, ensure_preview, preview_etag

# The address stays the same when the file changes; the ETag does not.
PREVIEW_MAX_AGE = 3600


@require_safe
def document_preview(request, document_id):
    """The thumbnail of a document the visitor may download; 404 when it has none."""
    document = get_object_or_404(
        get_document_model().objects.select_related("collection"), pk=document_id
    )
    if not may_download(request, document):
        raise Http404("No preview")
    restricted = document.collection.get_view_restrictions().exists()
    etag = preview_etag(document)
    response = responses.not_modified(request, etag)
    if response is None:
        name = ensure_preview(document)
        if name is None:
            raise Http404("No preview")
        with default_storage.open(name, "rb") as fh:
            response = HttpResponse(fh.read(), content_type=PREVIEW_CONTENT_TYPE)
    response["ETag"] = etag
    audience = responses.PER_USER if restricted else responses.PUBLIC
    return responses.cache_policy(response, audience, max_age=PREVIEW_MAX_AGE)
