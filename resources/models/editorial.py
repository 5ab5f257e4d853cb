"""The editorial machinery each member institution gets: its collection, groups and workflows,
and the review step they use."""

from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Collection, GroupApprovalTask, Workflow


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


class FourEyesApprovalTask(GroupApprovalTask):
    """A group approval that nobody approves alone: whoever submitted the page, or wrote the
    revision under review, may reject it but another member of the groups must approve it
    (Wagtail offers, and accepts, only the actions ``get_actions`` lists)."""

    class Meta:
        verbose_name = _("group approval by a second person")
        verbose_name_plural = _("group approvals by a second person")

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if self.submitted_by(obj, user):
            return [action for action in actions if action[0] != "approve"]
        return actions

    @staticmethod
    def submitted_by(obj, user):
        """Whether ``user`` started the review of ``obj`` or wrote its revision under review."""
        state = obj.current_workflow_state
        if state is None or not user.is_authenticated:
            return False
        revision = obj.latest_revision
        return user.pk in (state.requested_by_id, revision.user_id if revision else None)
