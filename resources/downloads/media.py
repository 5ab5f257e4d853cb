"""Media files in development (DEBUG): images and renditions, never documents.

Documents are only ever served by the download view, which checks their collection's privacy;
the folder Wagtail stores them in is answered with 404 here, as the front server does in
production (see docs/downloads.md).
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve

from resources.models import ResourceDocument

DOCUMENTS_FOLDER = ResourceDocument._meta.get_field("file").upload_to


def serve_media(request, path):
    # Normalised first, as django.views.static.serve does: "images/../documents/x" is refused.
    normalised = posixpath.normpath(path.replace("\\", "/")).lstrip("/")
    if normalised.split("/", 1)[0].lower() == DOCUMENTS_FOLDER.lower():
        raise Http404("Documents are served by the download view.")
    return serve(request, normalised, document_root=settings.MEDIA_ROOT)
