"""Who holds a review: a member of the step's groups claims it (the others see who, and cannot
decide it meanwhile) and releases it; the alliance or an administrator assigns it to any
member who may decide it. Each change is written to the page's history."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_user_display_name, get_valid_next_url_from_request
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter, log
from wagtail.models import Page, TaskState

from resources.models import ReviewClaim

from .deadlines import SERVICE_DAYS, due_at, may_manage, reviewable_states

CLAIMED = "dlm.review_claim"
RELEASED = "dlm.review_release"
ASSIGNED = "dlm.review_assign"


class ClaimRefused(Exception):
    """The step cannot be claimed by this user now; the message says why."""


def may_decide(task_state, user):
    return reviewable_states(user).filter(pk=task_state.pk).exists()


def page_of(task_state):
    return Page.objects.get(pk=task_state.workflow_state.object_id)


def record(task_state, action, user, holder=None):
    log(
        instance=page_of(task_state),
        action=action,
        user=user,
        data={
            "task": {"id": task_state.task_id, "title": task_state.task.name},
            "holder": holder.get_username() if holder else None,
        },
    )


@transaction.atomic
def claim(task_state, user):
    if not may_decide(task_state, user):
        raise PermissionDenied
    held, created = ReviewClaim.objects.select_for_update().get_or_create(
        task_state=task_state, defaults={"holder": user}
    )
    if held.holder_id != user.pk:
        raise ClaimRefused(
            _("%(holder)s holds this review already.")
            % {"holder": get_user_display_name(held.holder)}
        )
    if created:
        record(task_state, CLAIMED, user, user)
    return held


@transaction.atomic
def release(task_state, user):
    held = ReviewClaim.objects.select_for_update().filter(task_state=task_state).first()
    if held is None:
        return
    if held.holder_id != user.pk and not may_manage(user):
        raise PermissionDenied
    held.delete()
    record(task_state, RELEASED, user, held.holder)


@transaction.atomic
def assign(task_state, assignee, user):
    if not may_manage(user):
        raise PermissionDenied
    if not may_decide(task_state, assignee):
        raise ClaimRefused(
            _("%(user)s may not decide this review.") % {"user": get_user_display_name(assignee)}
        )
    ReviewClaim.objects.update_or_create(
        task_state=task_state, defaults={"holder": assignee, "assigned_by": user}
    )
    record(task_state, ASSIGNED, user, assignee)


def status_in_editor(page):
    """What the editor says of the step ``page`` waits at: who holds it and when it is due."""
    current = page.current_workflow_task_state
    if current is None:
        return ""
    state = (
        TaskState.objects.filter(pk=current.pk)
        .annotate(service_days=SERVICE_DAYS)
        .select_related("review_claim__holder")
        .get()
    )
    claim = getattr(state, "review_claim", None)
    held = (
        _("%(holder)s holds this review.") % {"holder": get_user_display_name(claim.holder)}
        if claim
        else _("Nobody holds this review yet.")
    )
    due = due_at(state.started_at, state.service_days)
    if due is None:
        return held
    return " ".join(
        [held, _("Due on %(date)s.") % {"date": formats.date_format(due, "DATE_FORMAT")}]
    )


def editor_buttons(page, user):
    """The page editor's "Claim review" (for a member who may decide the step nobody holds)
    or "Release review" (for its holder, the alliance and administrators), as Wagtail header
    buttons that POST (Wagtail's action controller adds the CSRF token and the way back)."""
    state = page.current_workflow_task_state
    if state is None:
        return []
    held = ReviewClaim.objects.filter(task_state=state).first()
    if held is None and may_decide(state, user):
        label, view, icon = _("Claim review"), "dlm_review_claim", "user"
    elif held is not None and (held.holder_id == user.pk or may_manage(user)):
        label, view, icon = _("Release review"), "dlm_review_release", "undo"
    else:
        return []
    url = reverse(view, args=[state.pk])
    attrs = {
        "data-controller": "w-action",
        "data-action": "w-action#post",
        "data-w-action-url-value": url,
    }
    return [Button(label, url, icon_name=icon, attrs=attrs, priority=6)]


# ---------------------------------------------------------------------------------------------
# The views: POST only, answering with a message and a redirect to where the user came from.


def open_step(task_state_id):
    return get_object_or_404(
        TaskState.objects.select_related("task", "workflow_state"),
        pk=task_state_id,
        status=TaskState.STATUS_IN_PROGRESS,
    )


def back(request):
    return redirect(get_valid_next_url_from_request(request) or reverse("wagtailadmin_home"))


def act(request, change, success):
    try:
        change()
    except ClaimRefused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, success)
    return back(request)


@require_POST
def claim_view(request, task_state_id):
    step = open_step(task_state_id)
    return act(request, lambda: claim(step, request.user), _("You hold this review now."))


@require_POST
def release_view(request, task_state_id):
    step = open_step(task_state_id)
    return act(request, lambda: release(step, request.user), _("The review is free again."))


@require_POST
def assign_view(request, task_state_id):
    step = open_step(task_state_id)
    if not may_manage(request.user):
        raise PermissionDenied
    assignee = get_object_or_404(
        get_user_model(), pk=request.POST.get("holder") or 0, is_active=True
    )
    return act(
        request,
        lambda: assign(step, assignee, request.user),
        _("The review is assigned to %(user)s.") % {"user": get_user_display_name(assignee)},
    )


# ---------------------------------------------------------------------------------------------
# The page's history.


class HolderFormatter(LogFormatter):
    def format_message(self, log_entry):
        return self.message % {
            "task": log_entry.data.get("task", {}).get("title", ""),
            "holder": log_entry.data.get("holder") or "",
        }


class ClaimedFormatter(HolderFormatter):
    label = gettext_lazy("Claim review")
    message = gettext_lazy("Claimed the review '%(task)s'")


class ReleasedFormatter(HolderFormatter):
    label = gettext_lazy("Release review")
    message = gettext_lazy("Released the review '%(task)s' held by %(holder)s")


class AssignedFormatter(HolderFormatter):
    label = gettext_lazy("Assign review")
    message = gettext_lazy("Assigned the review '%(task)s' to %(holder)s")


def register_log_actions(actions):
    actions.register_action(CLAIMED)(ClaimedFormatter)
    actions.register_action(RELEASED)(ReleasedFormatter)
    actions.register_action(ASSIGNED)(AssignedFormatter)
