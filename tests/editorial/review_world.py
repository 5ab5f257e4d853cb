"""What the tests of claims, deadlines, reminders and expert opinions share: an institution with
an editor and reviewers (one reading the admin in Thai), a second institution, the alliance
secretariat, and drafts submitted to their review."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, TaskState

from resources.models import ResourceIndexPage
from tests import factories
from tests.helpers import make_user, role_groups


def build_world():
    tree = factories.build_site_tree()
    institution = tree["institution"]
    other = factories.InstitutionFactory(slug="pakse-tc", name="Pakse Technical College")
    other_section = ResourceIndexPage.objects.get(institution=other)
    reviewers = role_groups("reviewer", institution)
    users = {
        "editor": make_user("editor", *role_groups("editor", institution)),
        "reviewer": make_user("reviewer", *reviewers),
        "reviewer_th": make_user("reviewer.th", *reviewers, language="th"),
        "alliance": make_user("secretariat", *role_groups("alliance")),
        "other_editor": make_user("other.editor", *role_groups("editor", other)),
        "other_reviewer": make_user("other.reviewer", *role_groups("reviewer", other)),
    }
    return {**tree, "other": other, "other_section": other_section, "users": users}


def submitted(world, title, *, factory=None, section=None, institution=None, editor=None):
    """A draft of ``title`` submitted by the editor to its institution's review."""
    editor = editor or world["users"]["editor"]
    page = (factory or factories.CoursePageFactory)(
        parent=section or world["section"],
        institution=institution or world["institution"],
        title=title,
        live=False,
        owner=editor,
    )
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return page


def current_step(page):
    return Page.objects.get(pk=page.pk).current_workflow_task_state


def started_ago(page, days, hours=0):
    """Backdate the step ``page`` waits at, as if it had started ``days`` days ago."""
    state = current_step(page)
    TaskState.objects.filter(pk=state.pk).update(
        started_at=timezone.now() - timedelta(days=days, hours=hours)
    )
    return TaskState.objects.get(pk=state.pk)


def started_on(page, moment):
    """The step ``page`` waits at started at ``moment``."""
    TaskState.objects.filter(pk=current_step(page).pk).update(started_at=moment)


def claim_url(page, view="claim"):
    return reverse(f"dlm_review_{view}", args=[current_step(page).pk])


def action_url(page, action):
    state = current_step(page)
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk))
