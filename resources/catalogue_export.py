"""Reports → Catalogue export: an institution's editors and reviewers, the alliance and the site
administrators download its catalogue in the import's columns (resources.importing.export)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from resources.importing.export import (
    FORMATS,
    catalogue_bytes,
    exportable_institutions,
    institution_pages,
    row_of,
)
from resources.models import Institution


class CatalogueExportForm(forms.Form):
    institution = forms.ModelChoiceField(
        queryset=Institution.objects.none(), label=_("Institution")
    )
    file_format = forms.ChoiceField(
        choices=[(suffix, f.label) for suffix, f in FORMATS.items()], label=_("File format")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = exportable_institutions(user)


class CatalogueExportView(WagtailAdminTemplateMixin, FormView):
    page_title = _("Catalogue export")
    header_icon = "download"
    template_name = "wagtailadmin/generic/form.html"
    form_class = CatalogueExportForm

    def dispatch(self, request, *args, **kwargs):
        if not exportable_institutions(request.user).exists():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_url": reverse("catalogue_export"),
            "submit_button_label": _("Download"),
        }

    def form_valid(self, form):
        institution, suffix = form.cleaned_data["institution"], form.cleaned_data["file_format"]
        rows = (row_of(page) for page in institution_pages(institution))
        response = HttpResponse(
            catalogue_bytes(rows, suffix), content_type=FORMATS[suffix].content_type
        )
        name = f"{institution.slug}-{timezone.localdate().isoformat()}{suffix}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class CatalogueExportMenuItem(MenuItem):
    def is_shown(self, request):
        return exportable_institutions(request.user).exists()


def menu_item():
    return CatalogueExportMenuItem(
        _("Catalogue export"), reverse("catalogue_export"), icon_name="download", order=900
    )
