"""A member institution added in the admin gets its whole editorial setup at once."""

from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission

from resources.models import Institution, InstitutionEditorial, ResourceIndexPage
from tests import factories


def test_adding_an_institution_creates_its_section_groups_collection_and_workflows(
    admin_client, site_tree
):
    laos = factories.CountryFactory(code="LA", name="老挝")
    response = admin_client.post(
        reverse("wagtailsnippets_resources_institution:add"),
        {
            "name": "琅勃拉邦职业技术学院",
            "slug": "luang-prabang-tvc",
            "kind": "college",
            "country": laos.pk,
            "website": "",
            "description": "",
            "locale": site_tree["home"].locale_id,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    institution = Institution.objects.get(slug="luang-prabang-tvc")

    section = ResourceIndexPage.objects.get(institution=institution)
    assert section.get_parent().pk == site_tree["library"].pk and section.live
    editorial = InstitutionEditorial.for_institution(institution)
    assert editorial.collection.name == "琅勃拉邦职业技术学院"
    assert editorial.editors.name == "Editors · 琅勃拉邦职业技术学院"
    assert editorial.reviewers.name == "Reviewers · 琅勃拉邦职业技术学院"
    assert [t.name for t in editorial.review_workflow.tasks] == ["Review · 琅勃拉邦职业技术学院"]
    assert [t.name for t in editorial.alliance_workflow.tasks] == [
        "Review · 琅勃拉邦职业技术学院",
        "Alliance secretariat approval",
    ]
    granted = set(
        GroupPagePermission.objects.filter(page=section, group=editorial.editors).values_list(
            "permission__codename", flat=True
        )
    )
    assert granted == {"add_page", "change_page", "lock_page"}  # never publish_page

    # Its resources are reviewed by its own reviewers: one step for a course, two for a standard.
    course = factories.CoursePageFactory(parent=section, institution=institution)
    standard = factories.VocationalStandardPageFactory(parent=section, institution=institution)
    assert course.get_workflow() == editorial.review_workflow
    assert standard.get_workflow() == editorial.alliance_workflow


def test_a_translated_section_gets_its_institutions_permissions(site_tree):
    editorial = InstitutionEditorial.for_institution(site_tree["institution"])
    lao_section = factories.translate(site_tree["section"], "lo", title="ວິທະຍາໄລເຕັກນິກວຽງຈັນ")
    codenames = set(
        GroupPagePermission.objects.filter(page=lao_section, group=editorial.editors).values_list(
            "permission__codename", flat=True
        )
    )
    assert codenames == {"add_page", "change_page", "lock_page"}


def test_the_setup_command_is_idempotent(site_tree):
    from django.core.management import call_command

    call_command("setup_editorial", verbosity=0)
    before = (Group.objects.count(), GroupPagePermission.objects.count())
    call_command("setup_editorial", verbosity=0)
    assert (Group.objects.count(), GroupPagePermission.objects.count()) == before
