"""The download URLs. ``wagtaildocs_serve`` keeps Wagtail's name, so ``document.url`` (and every
link Wagtail builds, e.g. in rich text) reaches the download view."""

from django.urls import path, re_path
from wagtail.documents.views.serve import authenticate_with_password

from .views import serve_document

urlpatterns = [
    re_path(r"^(\d+)/(.*)$", serve_document, name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]
