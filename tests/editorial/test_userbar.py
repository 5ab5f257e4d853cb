"""Wagtail's user bar on the public pages: a signed-in editor gets "edit this page" and the
accessibility checks on every page; anonymous visitors get the same page as before, which
the front keeps for all of them."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from tests import factories

USERBAR = 'id="wagtail-userbar-template"'


@pytest.fixture
def lao_course(site_tree):
    course = factories.published_resource(
        site_tree["section"],
        title="电动汽车维修",
        translations={"lo": {"title": "ການສ້ອມແປງລົດໄຟຟ້າ"}},
    )
    return course.get_translation(Locale.objects.get(language_code="lo"))


def test_a_signed_in_editor_gets_the_user_bar_with_an_edit_link(client, site_tree, lao_course):
    client.force_login(factories.institution_member(site_tree["institution"], "somsak.editor"))
    response = client.get(lao_course.url)
    html = response.content.decode()
    assert USERBAR in html
    assert f"/admin/pages/{lao_course.pk}/edit/" in html


def test_anonymous_visitors_get_no_user_bar_and_one_page_for_all(client, lao_course):
    response = client.get(lao_course.url)
    assert response.status_code == 200
    assert USERBAR not in response.content.decode()
    assert "Cookie" not in response.get("Vary", "")


def test_a_signed_in_user_without_the_admin_gets_no_user_bar(client, lao_course):
    client.force_login(get_user_model().objects.create_user("learner", password="pw"))
    response = client.get(lao_course.url)
    assert response.status_code == 200
    assert USERBAR not in response.content.decode()
