"""The editorial machinery each member institution gets: its collection, groups and workflows."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, Workflow


class InstitutionEditorial(models.Model):
    """Created automatically with an institution (see resources.editorial); not edited by hand.

    Keyed by the institution's translation key, so all its translations share one setup.
    """

    institution_key = models.UUIDField(unique=True, editable=False)
    collection = models.ForeignKey(Collection, on_delete=models.PROTECT, related_name="+")
    editors = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="+")
    reviewers = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="+")
    review_workflow = models.ForeignKey(
        Workflow,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("One step: the institution's reviewers. Courses and teaching materials."),
    )
    alliance_workflow = models.ForeignKey(
        Workflow,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "Two steps: the institution's reviewers, then the alliance secretariat. "
            "Vocational standards and certifications, which carry the alliance's name."
        ),
    )

    class Meta:
        verbose_name = _("institution editorial setup")

    def __str__(self):
        return f"Editorial setup {self.institution_key}"

    @classmethod
    def for_institution(cls, institution):
        if institution is None:
            return None
        return (
            cls.objects.select_related("review_workflow", "alliance_workflow")
            .filter(institution_key=institution.translation_key)
            .first()
        )
