"""The course bundle download: ``/downloads/courses/<course id>/<language>.zip``."""

from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from digital_lm.languages import LANGUAGE_CODES
from downloads import responses
from downloads.bundles import (
    CHUNK_SIZE,
    build_bundle,
    cached_bundle,
    stream_and_cache,
    window,
)
from downloads.responses import UNSATISFIABLE
from downloads.stats import count_bundle_download
from resources.models import CoursePage


@require_safe
def course_bundle(request, course_id, language):
    """Every file of a course's materials in ``language`` as one ZIP, resumable, cached until a
    file changes."""
    if language not in LANGUAGE_CODES:
        raise Http404("Unknown language")
    course = get_object_or_404(CoursePage.objects.live().public(), pk=course_id)
    bundle = build_bundle(course, language, request)
    if not bundle.entries:
        raise Http404("No files in this language")

    response = responses.not_modified(request, bundle.etag)
    if response is None:
        response = _bundle_bytes(request, bundle)
    return responses.attachment_response(
        response,
        filename=bundle.filename,
        content_type="application/zip",
        # The same address answers with a different ZIP for someone allowed the private
        # files: shared caches keep only bundles that hold none.
        audience=responses.PER_USER if bundle.restricted else responses.PUBLIC,
        etag=bundle.etag,
    )


def _bundle_bytes(request, bundle):
    """The ZIP, or the part of it a resumed download asks for: from the cache when it has been
    built, else streamed while it is built and cached. Counted when it starts at byte 0."""
    size = bundle.size
    byte_range = responses.requested_range(request, size, bundle.etag)
    if byte_range == UNSATISFIABLE:
        return responses.range_not_satisfiable(size)
    if request.method == "HEAD":
        return responses.send_range(HttpResponse(), None, size)

    cached = cached_bundle(bundle)
    start, end = byte_range or (0, size - 1)
    if start == 0:  # a resumed download is the same download
        count_bundle_download(request, bundle.course, bundle.language)
    if cached:
        chunks = responses.read_range(default_storage, cached, start, end, CHUNK_SIZE)
    else:
        chunks = stream_and_cache(bundle)
        if byte_range:
            chunks = window(chunks, start, end)
    response = responses.send_range(responses.streaming_response(chunks), byte_range, size)
    response["X-Bundle-Cache"] = "hit" if cached else "miss"
    return response
