"""The editorial machinery each member institution gets: its collection, groups and workflows,
the review steps they use, who holds a review and the reminders sent about it."""

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import (
    AbstractGroupApprovalTask,
    Collection,
    GroupApprovalTask,
    TaskState,
    Workflow,
)


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


class ReviewStepMixin(models.Model):
    """A step with a service level, which one member may claim: while it is claimed nobody else
    acts on it (Wagtail offers, and accepts, only the actions ``get_actions`` lists)."""

    service_days = models.PositiveSmallIntegerField(
        _("service level (working days)"),
        default=5,
        help_text=_("Working days (Monday to Friday) a page may wait at this step."),
    )

    class Meta:
        abstract = True

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and ReviewClaim.held_by_another(obj, user):
            return []
        return actions


class FourEyesApprovalTask(ReviewStepMixin, GroupApprovalTask):
    """A group approval that nobody approves alone: whoever submitted the page, or wrote the
    revision under review, may reject it but another member of the groups must approve it."""

    admin_form_fields = [*GroupApprovalTask.admin_form_fields, "service_days"]

    class Meta:
        verbose_name = _("group approval by a second person")
        verbose_name_plural = _("group approvals by a second person")

    def __str__(self):
        return self.name

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


class ExpertOpinionForm(TaskStateCommentForm):
    comment = forms.CharField(label=_("Opinion"), widget=forms.Textarea({"rows": 4}))


class ExpertOpinionTask(ReviewStepMixin, AbstractGroupApprovalTask):
    """A step where experts only comment: their opinion moves the page on to the next step and
    stays in its history. It never rejects nor publishes: a workflow ending with it leaves the
    page a draft (resources.editorial.workflow)."""

    OPINION = "opinion"
    approves = False  # so a workflow ending here publishes nothing
    admin_form_fields = [*AbstractGroupApprovalTask.admin_form_fields, "service_days"]

    class Meta:
        verbose_name = _("expert opinion")
        verbose_name_plural = _("expert opinions")

    def __str__(self):
        return self.name

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        return [(self.OPINION, _("Give opinion"), True)] if actions else []

    def get_form_for_action(self, action):
        return ExpertOpinionForm

    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name == self.OPINION:
            task_state.approve(user=user, comment=kwargs.get("comment", ""))

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups give an opinion, and the page moves on")


class ReviewClaim(models.Model):
    """Who holds a review step in progress: claimed by a member, or assigned to one by the
    alliance or an administrator. A finished step keeps its claim as a record."""

    task_state = models.OneToOneField(
        TaskState, on_delete=models.CASCADE, related_name="review_claim"
    )
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_claims"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    claimed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("review claim")

    def __str__(self):
        return f"{self.task_state_id} held by {self.holder_id}"

    @classmethod
    def held_by_another(cls, obj, user):
        """Whether the step ``obj`` is at is claimed by someone other than ``user``."""
        state = obj.current_workflow_task_state
        if state is None:
            return False
        return cls.objects.filter(task_state=state).exclude(holder_id=user.pk).exists()


class ReviewReminder(models.Model):
    """A reminder e-mail sent, so that nobody gets more than one of each kind a day."""

    TASKS = "tasks"
    DIGEST = "digest"
    KIND_CHOICES = [(TASKS, _("Reviews due")), (DIGEST, _("Overdue reviews per institution"))]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_reminders"
    )
    kind = models.CharField(max_length=10, choices=KIND_CHOICES)
    sent_on = models.DateField()
    tasks = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("review reminder")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "sent_on"], name="one_review_reminder_a_day"
            )
        ]

    def __str__(self):
        return f"{self.kind} to {self.user_id} on {self.sent_on}"
