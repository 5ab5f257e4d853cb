"""The expert opinion: a workflow step where experts only comment. Their opinion (a comment is
required) moves the page on to the next step and stays in its history; they never approve,
reject or publish."""

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageLogEntry, TaskState, Workflow, WorkflowTask

from resources.editorial.permissions import grant
from resources.models import ExpertOpinionTask, FourEyesApprovalTask
from tests import factories
from tests.editorial import review_world
from tests.editorial.review_world import action_url, current_step
from tests.helpers import make_user


def build_world():
    world = review_world.build_world()
    experts = Group.objects.create(name="Experts · battery technology")
    grant(experts, "wagtailadmin.access_admin")  # nothing else: no page permission at all
    expert = make_user("expert", experts)
    opinion = ExpertOpinionTask.objects.create(name="Battery expert opinion", service_days=3)
    opinion.groups.add(experts)
    review = FourEyesApprovalTask.objects.get(name=f"Review · {world['institution'].name}")
    workflow = Workflow.objects.create(name="Opinion, then review")
    for order, task in enumerate([opinion, review]):
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    world["users"]["expert"] = expert
    return {**world, "workflow": workflow, "opinion": opinion, "review": review}


def submitted_to_expert(world, workflow=None):
    editor = world["users"]["editor"]
    page = factories.CoursePageFactory(
        parent=world["section"], institution=world["institution"], title="Fast charging", live=False
    )
    page.save_revision(user=editor)
    (workflow or world["workflow"]).start(page, editor)
    return page


def test_the_experts_opinion_moves_the_page_on_to_the_review(client, world, users):
    page = submitted_to_expert(world)
    expert = users["expert"]
    assert current_step(page).task_id == world["opinion"].pk
    # The expert's one action: an opinion, in a form that asks for the comment.
    with translation.override("en"):
        assert world["opinion"].get_actions(page, expert) == [("opinion", "Give opinion", True)]
    client.force_login(expert)
    modal = client.get(action_url(page, "opinion"))
    assert modal.status_code == 200 and "Opinion" in modal.json()["html"]
    for refused in ("approve", "reject"):
        response = client.post(action_url(page, refused), {"comment": "x"})
        assert response.status_code in (302, 403)
        assert current_step(page).task_id == world["opinion"].pk, refused

    client.post(action_url(page, "opinion"), {"comment": ""})  # no opinion, no move
    assert current_step(page).task_id == world["opinion"].pk

    opinion = "The charging curve exceeds the cell maker's limit at 45 °C; check module 3."
    response = client.post(action_url(page, "opinion"), {"comment": opinion})
    assert response.status_code == 302
    given = TaskState.objects.get(task=world["opinion"], status=TaskState.STATUS_APPROVED)
    assert (given.finished_by, given.comment) == (expert, opinion)
    page = Page.objects.get(pk=page.pk)
    assert page.current_workflow_task_state.task_id == world["review"].pk
    assert not page.live  # the institution's reviewers decide

    # The opinion is in the page's history, which the editor reads.
    entry = PageLogEntry.objects.get(page=page, action="wagtail.workflow.approve")
    assert entry.user == expert and entry.data["comment"] == opinion
    client.force_login(users["editor"])
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert "check module 3" in history.content.decode()

    # The reviewer then approves and the page goes live.
    client.force_login(users["reviewer"])
    client.post(action_url(page, "approve"))
    assert Page.objects.get(pk=page.pk).live


def test_an_opinion_that_ends_a_workflow_publishes_nothing(client, world, users):
    opinion_only = Workflow.objects.create(name="Opinion only")
    WorkflowTask.objects.create(workflow=opinion_only, task=world["opinion"], sort_order=0)
    page = submitted_to_expert(world, opinion_only)
    client.force_login(users["expert"])

    client.post(action_url(page, "opinion"), {"comment": "Sound; add the 2024 cell data."})

    page = Page.objects.get(pk=page.pk)
    assert page.current_workflow_state is None  # the workflow is over
    assert not page.live and page.has_unpublished_changes
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


def test_the_expert_never_gets_publish_nor_a_decision(world, users):
    page = submitted_to_expert(world)
    expert = users["expert"]
    assert not page.permissions_for_user(expert).can_publish()
    assert world["review"].get_actions(page, expert) == []  # the review step is not theirs
    assert world["opinion"].get_actions(page, users["reviewer"]) == []


def test_an_administrator_adds_an_expert_opinion_step_in_the_workflow_editor(client, world, users):
    admin = make_user("siteadmin")
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    kinds = client.get(reverse("wagtailadmin_workflows:select_task_type"))
    assert "Expert opinion" in kinds.content.decode()
    experts = Group.objects.create(name="Experts · welding")
    url = reverse("wagtailadmin_workflows:add_task", args=["resources", "expertopiniontask"])
    response = client.post(
        url, {"name": "Welding expert", "groups": [experts.pk], "service_days": 2}
    )
    assert response.status_code == 302
    task = ExpertOpinionTask.objects.get(name="Welding expert")
    assert list(task.groups.all()) == [experts] and task.service_days == 2
