"""What keeps one member institution's editors inside their institution: the sections they
create, the documents they attach, the drafts and files choosers and reports show them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from resources.models import InstitutionEditorial, ResourceIndexPage
from tests import factories
from tests.helpers import make_user, role_groups


@pytest.fixture
def alliance(site_tree):
    """Two member institutions, each with its section, and an editor of the first."""
    other = factories.InstitutionFactory(slug="pakse-tc", name="Pakse Technical College")
    own = site_tree["institution"]
    return {
        **site_tree,
        "own": own,
        "other": other,
        "other_section": ResourceIndexPage.objects.get(institution=other),
        "editor": make_user("editor.a", *role_groups("editor", own)),
    }


def section_form(**fields):
    data = {"title": "Electrical workshop", "slug": "electrical", "intro": rich_text("")}
    data.update(fields, comments=inline_formset([]))
    return nested_form_data(data)


def groups_with_permissions_on(page):
    return set(GroupPagePermission.objects.filter(page=page).values_list("group__name", flat=True))


# ---------------------------------------------------------------------------------------------
# 1. A section's institution follows the section above it.


def test_an_editors_sub_section_belongs_to_their_institution_whatever_they_post(client, alliance):
    client.force_login(alliance["editor"])
    url = reverse(
        "wagtailadmin_pages:add", args=("resources", "resourceindexpage", alliance["section"].pk)
    )
    response = client.post(url, section_form(institution=alliance["other"].pk))
    assert response.status_code == 302
    sub_section = ResourceIndexPage.objects.get(slug="electrical")
    assert sub_section.institution == alliance["own"]
    # The other institution's groups get nothing there, and its review queue nothing from it.
    other = InstitutionEditorial.for_institution(alliance["other"])
    assert not {other.editors.name, other.reviewers.name} & groups_with_permissions_on(sub_section)
    own = InstitutionEditorial.for_institution(alliance["own"])
    assert WorkflowPage.objects.get(page=sub_section).workflow == own.review_workflow


def test_an_editor_cannot_give_their_institutions_section_away(client, alliance):
    section = alliance["section"]
    client.force_login(alliance["editor"])
    client.post(
        reverse("wagtailadmin_pages:edit", args=(section.pk,)),
        section_form(title=section.title, slug=section.slug, institution=alliance["other"].pk),
    )
    section.refresh_from_db()
    assert section.get_latest_revision_as_object().institution == alliance["own"]
    assert section.institution == alliance["own"]


def test_a_section_saved_inside_another_institutions_section_is_refused(alliance):
    with pytest.raises(ValidationError) as refused:
        alliance["section"].add_child(
            instance=ResourceIndexPage(title="Hijack", slug="hijack", institution=alliance["other"])
        )
    assert "institution" in refused.value.message_dict
    assert not ResourceIndexPage.objects.filter(slug="hijack").exists()


def test_a_section_without_an_institution_takes_the_one_above(alliance):
    sub_section = alliance["section"].add_child(
        instance=ResourceIndexPage(title="Welding", slug="welding")
    )
    assert sub_section.institution == alliance["own"]
    own = InstitutionEditorial.for_institution(alliance["own"])
    assert own.editors.name in groups_with_permissions_on(sub_section)
