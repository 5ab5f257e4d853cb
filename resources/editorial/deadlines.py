"""When each review step is due, and which steps wait for whom.

A step's due date is the moment it started plus its service level in working days (Monday to
Friday, in the site's time zone). Lists put the overdue first, then the soonest due; steps
without a service level (Wagtail's plain group approvals) come last.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, CharField, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from wagtail.models import GroupApprovalTask, Page, Task, TaskState, WorkflowState

from digital_lm.languages import DEFAULT_LANGUAGE
from resources.models import ExpertOpinionTask, Institution, InstitutionEditorial

from . import roles

WORKING_DAYS = range(5)  # Monday to Friday, as datetime.weekday() counts them
SOON_WORKING_DAYS = 1  # due within this many working days: "due soon"

# Where the steps that have groups keep them, and those with a service level keep it, as seen
# from a task state: Wagtail's group approvals (ours, the four-eyes ones, among them) and the
# expert opinions.
GROUP_LOOKUPS = ("groupapprovaltask__groups", "expertopiniontask__groups")
SERVICE_DAYS = Coalesce(
    F("task__groupapprovaltask__foureyesapprovaltask__service_days"),
    F("task__expertopiniontask__service_days"),
)
MANAGING_GROUPS = (roles.ALLIANCE_REVIEWERS, roles.SITE_ADMINISTRATORS)


def page_in_review():
    """Whether a page has a review under way, as an annotation of a page queryset (one
    subquery, whatever the number of pages)."""
    return Exists(
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id=Cast(OuterRef("pk"), CharField()),
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
    )


def add_working_days(moment: datetime, days: int) -> datetime:
    """``moment`` moved on by ``days`` working days, at the same time of day (a step started
    on a Saturday with one working day is due on Monday)."""
    moment = timezone.localtime(moment)
    while days > 0:
        moment += timedelta(days=1)
        if moment.weekday() in WORKING_DAYS:
            days -= 1
    return moment


def due_at(started_at, service_days):
    return None if service_days is None else add_working_days(started_at, service_days)


def may_manage(user):
    """Alliance reviewers and site administrators assign reviews and read the digest."""
    if not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name__in=MANAGING_GROUPS).exists()


@dataclass
class Review:
    """A step in progress as the lists show it."""

    task_state: TaskState
    page: Page
    due_at: datetime | None
    holder: object  # the user who claimed it, or None
    now: datetime

    @property
    def is_overdue(self):
        return self.due_at is not None and self.due_at < self.now

    @property
    def is_due_soon(self):
        soon = add_working_days(self.now, SOON_WORKING_DAYS)
        return self.due_at is not None and not self.is_overdue and self.due_at <= soon

    @property
    def sort_key(self):
        return (self.due_at is None, self.due_at or self.now, self.task_state.pk)


def in_progress_states():
    """Every step in progress on a page, with what the lists show of it."""
    return (
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            task__active=True,
            workflow_state__base_content_type__app_label="wagtailcore",
            workflow_state__base_content_type__model="page",
        )
        .annotate(service_days=SERVICE_DAYS)
        .select_related(
            "task", "workflow_state__workflow", "workflow_state__requested_by", "revision"
        )
        .select_related("review_claim__holder")
    )


def tasks_of_groups(group_ids):
    lookup = Q()
    for path in GROUP_LOOKUPS:
        lookup |= Q(**{f"{path}__in": group_ids})
    return Task.objects.filter(lookup).values("pk")


def reviewable_states(user):
    """Steps in progress that ``user`` may decide: a member of the step's groups (or a
    superuser), who neither submitted the page nor wrote the revision under review."""
    states = in_progress_states()
    if not user.is_active:
        return states.none()
    if not user.is_superuser:
        states = states.filter(task__in=tasks_of_groups(user.groups.values("pk")))
    return states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)


def claimed_by_another(user):
    return Q(review_claim__isnull=False) & ~Q(review_claim__holder=user)


def reviews(states, now=None):
    """The rows of ``states``, overdue first: one query for the steps, one for their pages."""
    now = now or timezone.now()
    states = list(states)
    pages = Page.objects.in_bulk([int(state.workflow_state.object_id) for state in states])
    rows = []
    for state in states:
        page = pages.get(int(state.workflow_state.object_id))
        if page is None:
            continue
        claim = getattr(state, "review_claim", None)
        rows.append(
            Review(
                task_state=state,
                page=page,
                due_at=due_at(state.started_at, state.service_days),
                holder=claim.holder if claim else None,
                now=now,
            )
        )
    return sorted(rows, key=lambda row: row.sort_key)


def tasks_waiting_for(user, now=None):
    """The steps ``user`` may decide now and nobody else holds, overdue first, as ``Review``
    rows (each with its ``task_state``, ``page``, ``due_at``, ``holder``, ``is_overdue``).
    Two queries, however many steps wait."""
    return reviews(reviewable_states(user).exclude(claimed_by_another(user)), now)


def reviews_for_panel(user, now=None):
    """What the dashboard shows: the steps ``user`` may decide, including those another member
    holds (to see who); the alliance and administrators see every open step, to assign them."""
    if may_manage(user):
        states = in_progress_states().annotate(
            may_decide=Exists(reviewable_states(user).filter(pk=OuterRef("pk")))
        )
    else:
        states = reviewable_states(user).annotate(may_decide=Value(True, BooleanField()))
    return reviews(states, now)


def members_by_task(task_ids):
    """{task id: [active users of its groups]}, in three queries, for the assign choices."""
    group_ids = {}
    for through, task_field in (
        (GroupApprovalTask.groups.through, "groupapprovaltask_id"),
        (ExpertOpinionTask.groups.through, "expertopiniontask_id"),
    ):
        for task_id, group_id in through.objects.filter(
            **{f"{task_field}__in": task_ids}
        ).values_list(task_field, "group_id"):
            group_ids.setdefault(task_id, set()).add(group_id)
    wanted = set().union(*group_ids.values()) if group_ids else set()
    memberships = (
        get_user_model()
        .groups.through.objects.filter(group_id__in=wanted, user__is_active=True)
        .select_related("user")
    )
    users_by_group = {}
    for membership in memberships.order_by("user__username"):
        users_by_group.setdefault(membership.group_id, {})[membership.user_id] = membership.user
    members = {}
    for task_id, groups in group_ids.items():
        users = {}
        for group_id in groups:
            users.update(users_by_group.get(group_id, {}))
        members[task_id] = sorted(users.values(), key=lambda user: user.get_username())
    return members


def institution_names_by_workflow():
    """{workflow id: institution name (in the default language)}: two queries."""
    editorials = InstitutionEditorial.objects.values_list(
        "institution_key", "review_workflow_id", "alliance_workflow_id"
    )
    names = dict(
        Institution.objects.filter(locale__language_code=DEFAULT_LANGUAGE).values_list(
            "translation_key", "name"
        )
    )
    by_workflow = {}
    for key, review, alliance in editorials:
        name = names.get(key)
        if name:
            by_workflow[review] = by_workflow[alliance] = name
    return by_workflow
