"""The download URLs: files under ``documents/``, course bundles and previews under
``downloads/``. ``wagtaildocs_serve`` keeps Wagtail's name, so ``document.url`` (and every link
Wagtail builds, e.g. in rich text) reaches the download view."""

from django.urls import path, re_path
from wagtail.documents.views.serve import authenticate_with_password

from digital_lm.converters import RowId
from digital_lm.logins import counted_password_form

from .bundle_views import course_bundle
from .preview_views import document_preview
from .views import serve_document

urlpatterns = [
    re_path(rf"^documents/({RowId.regex})/(.*)$", serve_document, name="wagtaildocs_serve"),
    path(
        "documents/authenticate_with_password/<row_id:restriction_id>/",
        counted_password_form(authenticate_with_password, "restriction_id"),
        name="wagtaildocs_authenticate_with_password",
    ),
    # A course's materials in one language as one ZIP; a PDF's first page as a thumbnail.
    path(
        "downloads/courses/<row_id:course_id>/<slug:language>.zip",
        course_bundle,
        name="course_bundle",
    ),
    path("downloads/previews/<row_id:document_id>.webp", document_preview, name="document_preview"),
]
