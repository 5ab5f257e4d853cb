"""Media files in development (DEBUG): images and renditions, nothing else.

Documents are only ever served by the download view, which checks their collection's privacy,
and the course-bundle and preview caches by their own views, which check it too. So only
Wagtail's image folders are answered here, as the front server does in production (see
docs/downloads.md).
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

# Where Wagtail keeps uploaded images and their renditions.
IMAGE_FOLDERS = ("original_images", "images")


def serve_media(request, path):
    # Normalised first, as django.views.static.serve does: "images/../documents/x" is refused.
    normalised = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    if normalised.split("/", 1)[0] not in IMAGE_FOLDERS:
        raise Http404("Only images are served from the media folder.")
    return serve(request, normalised, document_root=settings.MEDIA_ROOT)
