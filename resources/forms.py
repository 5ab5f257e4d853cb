"""The admin forms of resource pages and sections: a page belongs to the institution whose
section holds it, so its review goes to that institution's reviewers."""

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry


def institution_above(page):
    """The institution whose section holds ``page`` (or is it), if any."""
    if page is None:
        return None
    # By name: the page models import these forms.
    return apps.get_model("resources", "ResourceIndexPage").institution_above(page)


class SectionPageForm(WagtailAdminPageForm):
    """A section inside an institution's section belongs to that institution (whatever is
    posted); elsewhere only those who maintain the institutions choose one, so an editor cannot
    hand a section, its permissions and its review queue to another institution."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("institution")
        if field is None:
            return
        above = institution_above(self.parent_page)
        if above is not None:
            self.initial["institution"] = above.pk
            field.disabled = True
        elif not (self.for_user and self.for_user.has_perm("resources.change_institution")):
            field.disabled = True


def limit_document_choices(form, user):
    """Let the document fields of ``form`` and its formsets accept only documents the document
    chooser offers ``user`` (collections they may "choose" from), and the one a row already
    links: a posted id of another institution's document is a form error, never a link (and
    never shown in the preview)."""
    document_model = get_document_model()
    policy = policy_registry.get_by_type(document_model)
    collections = policy.collections_user_has_any_permission_for(user, ["choose"])
    forms = [form, *(child for formset in form.formsets.values() for child in formset)]
    for each in forms:
        for name, field in each.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and queryset.model is document_model:
                linked = Q(pk=each.initial[name]) if each.initial.get(name) else Q()
                field.queryset = queryset.filter(Q(collection__in=collections) | linked)


class ResourcePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None:
            limit_document_choices(self, self.for_user)
        section = self.section_institution()
        if (
            section is not None
            and "institution" in self.fields
            and not self.initial.get("institution")
        ):
            self.initial["institution"] = section.pk

    def section_institution(self):
        """The institution whose section holds the page, if any."""
        return institution_above(self.parent_page)

    def clean(self):
        cleaned = super().clean()
        institution = cleaned.get("institution")
        expected = self.section_institution()
        if institution and expected and institution.translation_key != expected.translation_key:
            self.add_error(
                "institution",
                _("This section belongs to %(name)s; resources here must be published by it.")
                % {"name": expected.name},
            )
        return cleaned
