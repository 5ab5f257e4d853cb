"""What an editor sees in the Wagtail admin when a page is invalid: a clear message and
nothing they typed lost."""

import pytest
from django.urls import reverse

from resources.models import CoursePage
from tests import factories
from tests.helpers import course_form


def add_course_url(section):
    return reverse("wagtailadmin_pages:add", args=("resources", "coursepage", section.pk))


def test_editor_creates_a_course_with_all_metadata(admin_client, site_tree):
    response = admin_client.post(
        add_course_url(site_tree["section"]), course_form(site_tree["institution"])
    )
    assert response.status_code == 302, response.context["form"].errors
    course = CoursePage.objects.get(external_id="VTC-EV-100")
    assert course.get_parent().pk == site_tree["section"].pk
    assert set(course.tags.names()) == {"ev", "battery"}


def test_duplicate_external_id_is_explained_and_the_typing_is_kept(admin_client, site_tree):
    factories.CertificationPageFactory(parent=site_tree["section"], external_id="VTC-EV-100")
    response = admin_client.post(
        add_course_url(site_tree["section"]), course_form(site_tree["institution"])
    )
    assert response.status_code == 200
    assert "VTC-EV-100" in str(response.context["form"].errors["external_id"])
    html = response.content.decode()
    assert "ລົດໄຟຟ້າ: ການບຳລຸງຮັກສາແບັດເຕີຣີ" in html  # the Lao title they typed is still there
    assert "Battery maintenance for electric vehicles" in html
    assert not CoursePage.objects.filter(slug="ev-battery-maintenance").exists()


def test_more_chinese_hours_than_course_hours_is_explained(admin_client, site_tree):
    response = admin_client.post(
        add_course_url(site_tree["section"]),
        course_form(site_tree["institution"], duration_hours="10", chinese_language_hours="40"),
    )
    assert response.status_code == 200
    assert "chinese_language_hours" in response.context["form"].errors


def test_a_course_cannot_be_added_directly_under_the_home_page(admin_client, site_tree):
    url = reverse("wagtailadmin_pages:add", args=("resources", "coursepage", site_tree["home"].pk))
    response = admin_client.post(url, course_form(site_tree["institution"]))
    # Wagtail turns the editor away (to the dashboard, with a message) and creates nothing.
    assert response.status_code in (302, 403)
    assert not CoursePage.objects.filter(external_id="VTC-EV-100").exists()


@pytest.mark.parametrize(
    "factory",
    [
        factories.CoursePageFactory,
        factories.VocationalStandardPageFactory,
        factories.TeachingMaterialPageFactory,
        factories.CertificationPageFactory,
    ],
)
def test_every_resource_type_opens_in_the_editor_with_its_metadata_panel(
    admin_client, site_tree, factory
):
    page = factory(parent=site_tree["section"], external_id="VTC-EDIT-1")
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "VTC-EDIT-1" in html
    assert "Stable public identifier" in html  # the help text editors rely on


@pytest.mark.parametrize("model_name", ["country", "institution", "sector", "qualificationlevel"])
def test_taxonomy_snippets_are_listed_in_the_admin(admin_client, site_tree, model_name):
    response = admin_client.get(reverse(f"wagtailsnippets_resources_{model_name}:list"))
    assert response.status_code == 200


def test_editors_translate_a_course_into_lao_with_wagtail_localize(admin_client, site_tree):
    from wagtail.models import Locale

    course = factories.publish(factories.CoursePageFactory(parent=site_tree["section"]))
    url = reverse("wagtail_localize:submit_page_translation", args=(course.pk,))
    form = admin_client.get(url)
    assert "ລາວ" in form.content.decode()  # locales offered by their own names

    lao = Locale.objects.get(language_code="lo")
    response = admin_client.post(url, {"locales": [lao.pk]})
    assert response.status_code == 302
    translation = course.get_translation(lao)
    assert translation.external_id == course.external_id
    # The editor lands in wagtail-localize's translation editor for the new Lao draft.
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=(translation.pk,)))
    assert editor.status_code == 200
    assert "wagtail-localize" in editor.content.decode().lower()
