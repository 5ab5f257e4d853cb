"""The admin form of resource pages: a resource belongs to the institution whose section
holds it, so its review goes to that institution's reviewers."""

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class ResourcePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        section = self.section_institution()
        if (
            section is not None
            and "institution" in self.fields
            and not self.initial.get("institution")
        ):
            self.initial["institution"] = section.pk

    def section_institution(self):
        """The institution of the nearest section above the page, if any."""
        parent = self.parent_page
        if parent is None:
            return None
        # By name: the page models import this form.
        sections = (
            apps.get_model("resources", "ResourceIndexPage")
            .objects.ancestor_of(parent, inclusive=True)
            .filter(institution__isnull=False)
            .select_related("institution")
            .order_by("-depth")
        )
        section = sections.first()
        return section.institution if section else None

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
