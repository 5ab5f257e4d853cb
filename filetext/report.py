"""Reports → Text of files: whether each file's text was read, how much of it, and why not.

An institution's editors see their own collections' files (the documents they may change);
the alliance sees every file. A failed file says why, in words an editor can act on
("protected by a password", "no OCR for Lao on this server"), and stays failed until the
file is replaced.
"""

import django_filters
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

from digital_lm.languages import LANGUAGES
from filetext.models import DocumentText
from resources.reports import TranslatedExportReportView


def _documents_policy():
    return policy_registry.get_by_type(get_document_model())


def visible_texts(user):
    permission_policy = _documents_policy()
    documents = permission_policy.instances_user_has_any_permission_for(user, ["change"])
    return DocumentText.objects.filter(document__in=documents.values("pk"))


def may_see_report(user):
    return bool(user.is_authenticated and user.is_active) and (
        _documents_policy().user_has_any_permission(user, ["change"])
    )


class FileTextFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DocumentText.Status.choices)
    document__language = django_filters.ChoiceFilter(label=_("Language"), choices=LANGUAGES)

    class Meta:
        model = DocumentText
        fields = ["status", "document__language"]


class FileTextView(TranslatedExportReportView):
    page_title = _("Text of files")
    header_icon = "doc-full"
    template_name = "filetext/reports/file_text.html"
    results_template_name = "filetext/reports/file_text_results.html"
    index_url_name = "file_text_report"
    index_results_url_name = "file_text_report_results"
    filterset_class = FileTextFilterSet
    model = DocumentText
    export_filename = "text-of-files"
    list_export = [
        "document.title",
        "document.language",
        "status",
        "segments",
        "ocr_segments",
        "characters",
        "truncated",
        "seconds",
        "failure_reason",
    ]
    export_headings = {
        "document.title": _("File"),
        "document.language": _("Language"),
        "status": _("Status"),
        "segments": _("Pages"),
        "ocr_segments": _("Pages read by OCR"),
        "characters": _("Characters"),
        "truncated": _("Only partly read"),
        "seconds": _("Seconds"),
        "failure_reason": _("Reason"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not may_see_report(request.user):
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        # Failed files first: they are what an editor has to act on.
        return (
            visible_texts(self.request.user)
            .select_related("document")
            .order_by("status", "-requested_at")
        )


class FileTextMenuItem(MenuItem):
    def is_shown(self, request):
        return may_see_report(request.user)


def menu_item():
    return FileTextMenuItem(
        _("Text of files"), reverse("file_text_report"), icon_name="doc-full", order=1120
    )
