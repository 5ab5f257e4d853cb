"""The course bundle download: ``/downloads/courses/<course id>/<language>.zip``."""

from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_safe

from digital_lm.languages import LANGUAGE_CODES
from downloads.bundles import (
    CHUNK_SIZE,
    build_bundle,
    cached_bundle,
    stream_and_cache,
    window,
)
from downloads.ranges import UNSATISFIABLE, parse_range, read_range
from resources.documents.names import content_disposition
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

    etag = bundle.etag
    size = bundle.size
    headers = {
        "ETag": etag,
        "Accept-Ranges": "bytes",
        # The same address answers with a different ZIP for someone allowed the private
        # files: shared caches keep only bundles that hold none.
        "Cache-Control": "private, no-cache" if bundle.restricted else "public, no-cache",
    }
    if bundle.restricted:
        headers["Vary"] = "Cookie"
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        for name, value in headers.items():
            not_modified[name] = value
        return not_modified

    headers["Content-Type"] = "application/zip"
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Content-Disposition"] = content_disposition(bundle.filename)

    byte_range = parse_range(request.headers.get("Range"), size)
    if_range = request.headers.get("If-Range")
    if byte_range is not None and if_range and if_range.strip() != etag:
        byte_range = None  # the bundle changed since the first part: start again
    if byte_range == UNSATISFIABLE:
        headers["Content-Range"] = f"bytes */{size}"
        return HttpResponse(status=416, headers=headers)

    if request.method == "HEAD":
        response = HttpResponse(status=200, headers=headers)
        response["Content-Length"] = str(size)
        return response

    cached = cached_bundle(bundle)
    start, end = byte_range or (0, size - 1)
    if cached:
        chunks = read_range(default_storage, cached, start, end, CHUNK_SIZE)
    else:
        chunks = stream_and_cache(bundle)
        if byte_range:
            chunks = window(chunks, start, end)
    response = StreamingHttpResponse(chunks, headers=headers)
    response["Content-Length"] = str(end - start + 1)
    if byte_range:
        response.status_code = 206
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["X-Bundle-Cache"] = "hit" if cached else "miss"
    return response
