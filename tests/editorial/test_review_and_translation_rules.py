"""Two rules of the editorial roles: nobody approves their own submission (four eyes), and
translators translate (in their languages) but never write original pages."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from resources.models import CoursePage, ResourceIndexPage
from tests import factories
from tests.helpers import course_form, make_user, role_groups


@pytest.fixture
def reviewers(site_tree):
    institution = site_tree["institution"]
    return [make_user(f"reviewer.{n}", *role_groups("reviewer", institution)) for n in (1, 2)]


def course_submitted_by(site_tree, user):
    course = factories.CoursePageFactory(
        parent=site_tree["section"], institution=site_tree["institution"], live=False
    )
    course.save_revision(user=user)
    course.get_workflow().start(course, user)
    return course


def approve(client, course):
    task_state = course.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(course.pk, "approve", task_state.pk))
    response = client.post(url, {"comment": ""})
    course.refresh_from_db()
    return response


def test_a_reviewer_cannot_approve_their_own_submission(client, site_tree, reviewers):
    author, colleague = reviewers
    course = course_submitted_by(site_tree, author)
    client.force_login(author)
    response = approve(client, course)
    assert response.status_code in (302, 403)
    assert not course.live
    assert course.workflow_in_progress
    # Nor through the editor's own action menu: "Approve" is not offered, "Reject" is.
    task = course.current_workflow_task.specific
    assert [name for name, _label, _data in task.get_actions(course, author)] == ["reject"]

    client.force_login(colleague)
    approve(client, course)
    assert course.live


def test_the_reviewer_who_submitted_is_told_why_approve_is_missing(client, site_tree, reviewers):
    course = course_submitted_by(site_tree, reviewers[0])
    client.force_login(reviewers[0])
    response = client.get(reverse("wagtailadmin_pages:edit", args=(course.pk,)))
    assert "another reviewer must approve it" in response.content.decode()


def test_translators_translate_but_never_add_original_pages(client, site_tree):
    translator = make_user("translator.lo", *role_groups("translator"))
    course = factories.published_resource(
        site_tree["section"], institution=site_tree["institution"]
    )
    lao = Locale.objects.get(language_code="lo")
    lao_section = factories.translate(site_tree["section"], "lo")
    client.force_login(translator)

    url = reverse("wagtailadmin_pages:add", args=("resources", "coursepage", lao_section.pk))
    client.post(url, course_form(site_tree["institution"], external_id="LAO-ORIGINAL"))
    assert not CoursePage.objects.filter(external_id="LAO-ORIGINAL").exists()
    home = lao_section.get_parent().get_parent()
    url = reverse("wagtailadmin_pages:add", args=("resources", "resourceindexpage", home.pk))
    section = {"title": "Lao only", "slug": "lao-only", "intro": rich_text("")}
    client.post(url, nested_form_data({**section, "comments": inline_formset([])}))
    assert not ResourceIndexPage.objects.filter(slug="lao-only").exists()

    # Translating, and editing the translation, is still theirs.
    url = reverse("wagtail_localize:submit_page_translation", args=(course.pk,))
    client.post(url, {"locales": [lao.pk]})
    translation = course.get_translation(lao)
    edit = client.get(reverse("wagtailadmin_pages:edit", args=(translation.pk,)))
    assert edit.status_code == 200
