"""Editorial workflows end to end through the admin: submit, review, approve or reject, the
e-mails each person gets (in their own admin language), the page's history, scheduled
publishing, locking, revision comparison and the dashboard.

The alliance (one institution with two editors and two reviewers, the alliance secretariat and
a second institution) is built once per module; every test runs in a savepoint rolled back
after it.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from resources.models import CoursePage
from tests import factories
from tests.helpers import course_form, edit_form, make_user, role_groups

SUBMIT = {"action-submit": "Submit for review"}


def build_world():
    tree = factories.build_site_tree()
    institution = tree["institution"]
    other = factories.InstitutionFactory(slug="pakse-tc", name="Pakse Technical College")
    editors, reviewers = role_groups("editor", institution), role_groups("reviewer", institution)
    users = {
        "editor": make_user("editor", *editors),
        "editor2": make_user("editor2", *editors),
        # The reviewer chose Chinese as admin language; a colleague chose English.
        "reviewer": make_user("reviewer", *reviewers, language="zh-hans"),
        "reviewer_en": make_user("reviewer.en", *reviewers, language="en"),
        "alliance": make_user("secretariat", *role_groups("alliance")),
        "other_reviewer": make_user("other.reviewer", *role_groups("reviewer", other)),
    }
    return {**tree, "users": users}


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run what Wagtail defers to the end of the transaction (notifications may be)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def draft_course(world, title="Battery maintenance", external_id="WF-1", **kwargs):
    page = factories.CoursePageFactory(
        parent=world["section"],
        institution=world["institution"],
        title=title,
        external_id=external_id,
        live=False,
        owner=world["users"]["editor"],
        **kwargs,
    )
    page.save_revision(user=world["users"]["editor"])
    return page


def draft_standard(world):
    """A vocational standard (reviewed by the institution, then the alliance), not live yet."""
    editor = world["users"]["editor"]
    page = factories.VocationalStandardPageFactory(
        parent=world["section"], institution=world["institution"], live=False, owner=editor
    )
    page.save_revision(user=editor)
    return page


def standard_form(page, **overrides):
    data = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "body": streamfield([]),
        "competencies": streamfield([]),
        "external_id": page.external_id,
        "institution": page.institution_id,
        "licence": page.licence,
        "code": page.code,
        "version": page.version,
        "issuing_body": page.issuing_body,
        "tags": "",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def act(client, page, action, comment=""):
    """Approve or reject the page's current task, as the workflow action modal does."""
    task_state = Page.objects.get(pk=page.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})


def mails_to(outbox, user):
    return [message for message in outbox if user.email in message.to]


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


# ---------------------------------------------------------------------------------------------


def test_a_course_goes_live_after_one_review(client, world, users, mailoutbox, on_commit):
    editor, reviewer = users["editor"], users["reviewer"]
    client.force_login(editor)
    add_url = reverse(
        "wagtailadmin_pages:add", args=("resources", "coursepage", world["section"].pk)
    )
    with on_commit():
        response = client.post(add_url, course_form(world["institution"], title="EV batteries"))
    assert response.status_code == 302
    page = CoursePage.objects.get(external_id="VTC-EV-100")
    assert not page.live

    with on_commit():
        response = client.post(edit_url(page), edit_form(page, **SUBMIT))
    assert response.status_code == 302
    page = fresh(page)
    assert page.workflow_in_progress and not page.live
    assert page.current_workflow_task.name == f"Review · {world['institution'].name}"
    # The institution's reviewers are told, nobody else.
    assert len(mails_to(mailoutbox, reviewer)) == 1
    assert "EV batteries" in mails_to(mailoutbox, reviewer)[0].subject
    for bystander in ("alliance", "other_reviewer", "editor2"):
        assert not mails_to(mailoutbox, users[bystander]), bystander
    mailoutbox.clear()

    client.force_login(reviewer)
    with on_commit():
        response = act(client, page, "approve")
    assert response.status_code == 302
    page = fresh(page)
    assert page.live and not page.workflow_in_progress
    approved = mails_to(mailoutbox, editor)
    assert len(approved) == 1 and "approved" in approved[0].subject
    assert "EV batteries" in approved[0].subject
    client.logout()
    assert client.get(page.url).status_code == 200  # on the public site


def test_a_standard_needs_the_institution_and_then_the_alliance(
    client, world, users, mailoutbox, on_commit
):
    editor, reviewer, alliance = users["editor"], users["reviewer"], users["alliance"]
    standard = draft_standard(world)
    client.force_login(editor)
    with on_commit():
        response = client.post(edit_url(standard), standard_form(standard, **SUBMIT))
    assert response.status_code == 302
    assert not mails_to(mailoutbox, alliance)  # not the secretariat's turn yet

    client.force_login(reviewer)
    with on_commit():
        act(client, standard, "approve")
    standard = fresh(standard)
    assert not standard.live
    assert standard.current_workflow_task.name == "Alliance secretariat approval"
    [notice] = mails_to(mailoutbox, alliance)
    assert standard.title in notice.subject
    assert not mails_to(mailoutbox, editor)  # approval comes when the workflow is complete

    client.force_login(alliance)
    with on_commit():
        response = act(client, standard, "approve")
    assert response.status_code == 302
    standard = fresh(standard)
    assert standard.live and not standard.workflow_in_progress
    assert any("approved" in m.subject for m in mails_to(mailoutbox, editor))


def test_when_the_alliance_sends_a_standard_back_the_institutions_reviewer_is_told_too(
    client, world, users, mailoutbox, on_commit
):
    editor, reviewer, alliance = users["editor"], users["reviewer"], users["alliance"]
    standard = draft_standard(world)
    client.force_login(editor)
    client.post(edit_url(standard), standard_form(standard, **SUBMIT))
    client.force_login(reviewer)
    act(client, standard, "approve")
    mailoutbox.clear()

    comment = "The AQRF level does not match the Lao framework level."
    client.force_login(alliance)
    with on_commit():
        act(client, standard, "reject", comment)

    [to_editor] = mails_to(mailoutbox, editor)  # Wagtail's own notice
    [to_reviewer] = mails_to(mailoutbox, reviewer)
    for notice in (to_editor, to_reviewer):
        assert comment in notice.body
    # In the reviewer's admin language, Chinese.
    assert f"页面“{standard.title}”" in to_reviewer.subject
    assert not mails_to(mailoutbox, alliance)  # who rejected it knows
    assert not mails_to(mailoutbox, users["reviewer_en"])  # did not approve this round


def test_a_rejection_returns_to_the_editor_with_the_reviewers_comment(
    client, world, users, mailoutbox, on_commit
):
    editor, reviewer = users["editor"], users["reviewer_en"]
    page = draft_course(world)
    client.force_login(editor)
    client.post(edit_url(page), edit_form(page, **SUBMIT))
    mailoutbox.clear()

    comment = "Please add the learning outcomes of module 2."
    client.force_login(reviewer)
    with on_commit():
        response = act(client, page, "reject", comment)
    assert response.status_code == 302
    page = fresh(page)
    assert not page.live
    assert page.current_workflow_state.status == "needs_changes"

    [notice] = mails_to(mailoutbox, editor)
    assert "rejected" in notice.subject
    assert comment in notice.body

    client.force_login(editor)
    state = page.workflow_states.get()
    detail = client.get(
        reverse("wagtailadmin_pages:workflow_history_detail", args=(page.pk, state.pk))
    )
    assert detail.status_code == 200
    assert comment in detail.content.decode()
    # The editor can work on it again: the page is not locked for them any more.
    response = client.post(edit_url(page), edit_form(page, title="With learning outcomes"))
    assert response.status_code == 302
    assert fresh(page).get_latest_revision_as_object().title == "With learning outcomes"


def test_every_step_is_in_the_pages_history(client, world, users):
    editor, reviewer = users["editor"], users["reviewer_en"]
    page = draft_course(world)
    client.force_login(editor)
    client.post(edit_url(page), edit_form(page, **SUBMIT))
    client.force_login(reviewer)
    act(client, page, "reject", "Needs a licence note.")
    client.force_login(editor)
    client.post(edit_url(page), edit_form(page, title="Licence noted", **SUBMIT))
    client.force_login(reviewer)
    act(client, page, "approve", "Good now.")

    entries = PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk")
    steps = [(e.action, e.user) for e in entries if e.action.startswith("wagtail.workflow")]
    assert steps == [
        ("wagtail.workflow.start", editor),
        ("wagtail.workflow.reject", reviewer),
        ("wagtail.workflow.resume", editor),
        ("wagtail.workflow.approve", reviewer),
    ]
    publish = entries.get(action="wagtail.publish")
    assert publish.user == reviewer  # the last approval published it
    reject = entries.get(action="wagtail.workflow.reject")
    assert reject.data["comment"] == "Needs a licence note."
    assert fresh(page).live

    # The editor reads the same story in the page's history.
    client.force_login(editor)
    history = client.get(reverse("wagtailadmin_pages:history", args=(page.pk,)))
    assert history.status_code == 200
    html = history.content.decode()
    assert "reviewer.en" in html and "Needs a licence note." in html


def test_review_requests_arrive_in_each_reviewers_chosen_language(
    client, world, users, mailoutbox, on_commit
):
    page = draft_course(world, title="EV batteries")
    client.force_login(users["editor"])
    with on_commit():
        client.post(edit_url(page), edit_form(page, **SUBMIT))
    [chinese] = mails_to(mailoutbox, users["reviewer"])
    [english] = mails_to(mailoutbox, users["reviewer_en"])
    assert "审核阶段" in chinese.subject and "EV batteries" in chinese.subject
    assert "审核阶段" in chinese.body  # "moderation stage"
    assert "has been submitted for approval" in english.subject
    assert "submitted for approval" in english.body and "提交" not in english.body


def test_an_approved_page_goes_live_and_expires_when_scheduled(client, world, users):
    page = draft_course(world)
    now = timezone.localtime()
    client.force_login(users["editor"])
    response = client.post(
        edit_url(page),
        edit_form(
            page,
            go_live_at=(now + timedelta(days=2)).strftime("%Y-%m-%d %H:%M"),
            expire_at=(now + timedelta(days=5)).strftime("%Y-%m-%d %H:%M"),
            **SUBMIT,
        ),
    )
    assert response.status_code == 302
    client.force_login(users["reviewer"])
    act(client, page, "approve")
    page = fresh(page)
    assert not page.live and not page.workflow_in_progress  # approved, but not due yet
    assert Revision.page_revisions.filter(
        object_id=str(page.pk), approved_go_live_at__isnull=False
    ).exists()

    def publish_scheduled(days_later):
        with mock.patch("django.utils.timezone.now", return_value=now + timedelta(days=days_later)):
            call_command("publish_scheduled", verbosity=0)
        return fresh(page)

    assert not publish_scheduled(1).live  # the cron job runs before the date: nothing yet
    page = publish_scheduled(3)
    assert page.live and page.expire_at is not None
    client.logout()
    assert client.get(page.url).status_code == 200

    page = publish_scheduled(6)
    assert not page.live and page.expired
    assert client.get(page.url).status_code == 404
    actions = set(PageLogEntry.objects.filter(page=page).values_list("action", flat=True))
    assert {"wagtail.publish.scheduled", "wagtail.unpublish.scheduled"} <= actions


def test_a_locked_page_cannot_be_edited_by_another_editor(client, world, users):
    page = draft_course(world)
    client.force_login(users["editor"])
    response = client.post(reverse("wagtailadmin_pages:lock", args=(page.pk,)))
    assert response.status_code == 302
    assert fresh(page).locked_by == users["editor"]

    client.force_login(users["editor2"])
    response = client.post(edit_url(page), edit_form(page, title="Overwritten"))
    assert "locked" in response.content.decode().lower()
    page = fresh(page)
    assert page.get_latest_revision_as_object().title == "Battery maintenance"
    assert page.locked_by == users["editor"]


def test_editors_compare_revisions(client, world, users):
    page = draft_course(world)
    first = page.get_latest_revision()
    client.force_login(users["editor"])
    client.post(edit_url(page), edit_form(page, title="Battery maintenance, 2nd edition"))
    second = fresh(page).get_latest_revision()
    assert second.pk != first.pk
    url = reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, first.pk, second.pk))
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Battery maintenance" in html and "2nd edition" in html


def test_the_dashboard_shows_reviews_awaiting_and_the_editors_submissions(client, world, users):
    page = draft_course(world, title="EV batteries for the dashboard")
    client.force_login(users["editor"])
    client.post(edit_url(page), edit_form(page, **SUBMIT))
    home = reverse("wagtailadmin_home")

    client.force_login(users["reviewer_en"])
    html = client.get(home).content.decode()
    assert "Awaiting your review" in html and "EV batteries for the dashboard" in html

    client.force_login(users["other_reviewer"])
    assert "EV batteries for the dashboard" not in client.get(home).content.decode()

    client.force_login(users["editor"])
    html = client.get(home).content.decode()
    assert "EV batteries for the dashboard" in html
    assert f"Review · {world['institution'].name}" in html  # the stage it is waiting in
