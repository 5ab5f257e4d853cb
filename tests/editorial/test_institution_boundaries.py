"""What keeps one member institution's editors inside their institution: the sections they
create, the documents they attach, the drafts and files choosers and reports show them."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowPage
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from resources.models import InstitutionEditorial, MaterialFile, ResourceIndexPage
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


# ---------------------------------------------------------------------------------------------
# 2. A material's files come only from collections the editor may choose from.


@pytest.fixture
def material(alliance):
    """A draft teaching material in the editor's section, without files yet."""
    return factories.TeachingMaterialPageFactory(
        parent=alliance["section"], institution=alliance["own"], live=False, external_id="MAT-1"
    )


@pytest.fixture
def foreign_document(alliance):
    """A document of the other institution's collection."""
    collection = InstitutionEditorial.for_institution(alliance["other"]).collection
    return factories.ResourceDocumentFactory(
        title="Pakse final exam answers", collection=collection
    )


def material_form(material, document):
    return nested_form_data(
        {
            "title": material.title,
            "slug": material.slug,
            "summary": material.summary,
            "body": streamfield([]),
            "kind": "textbook",
            "files": inline_formset([{"document": document.pk}]),
            "external_id": material.external_id,
            "institution": material.institution_id,
            "licence": "CC-BY-4.0",
            "tags": "",
            "comments": inline_formset([]),
        }
    )


def test_a_posted_id_of_another_institutions_document_is_a_form_error(
    client, material, foreign_document, alliance
):
    client.force_login(alliance["editor"])
    url = reverse("wagtailadmin_pages:edit", args=(material.pk,))
    response = client.post(url, material_form(material, foreign_document))
    assert response.status_code == 200
    files = response.context["form"].formsets["files"]
    assert files.errors[0]["document"]
    material.refresh_from_db()
    assert not material.get_latest_revision_as_object().files.exists()
    assert not MaterialFile.objects.filter(document=foreign_document).exists()


def test_an_editor_attaches_a_document_of_their_own_collection(client, material, alliance):
    collection = InstitutionEditorial.for_institution(alliance["own"]).collection
    own = factories.ResourceDocumentFactory(title="Wiring basics", collection=collection)
    client.force_login(alliance["editor"])
    url = reverse("wagtailadmin_pages:edit", args=(material.pk,))
    response = client.post(url, material_form(material, own))
    assert response.status_code == 302
    material.refresh_from_db()
    files = material.get_latest_revision_as_object().files.all()
    assert [link.document for link in files] == [own]


def test_the_preview_never_shows_a_document_the_editor_may_not_choose(
    client, material, foreign_document, alliance
):
    client.force_login(alliance["editor"])
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(material.pk,))
    assert client.post(url, material_form(material, foreign_document)).json()["is_valid"] is False
    html = client.get(url).content.decode()
    assert "Pakse final exam answers" not in html
    assert foreign_document.checksum_sha256 not in html


# ---------------------------------------------------------------------------------------------
# 5. Choosers and reports show other institutions' drafts and documents to no editor.

DRAFT = "Pakse unpublished draft"
DOCUMENT = "Pakse exam answer sheet"


@pytest.fixture
def other_work(alliance):
    """The other institution's draft (submitted for review and locked) and a document."""
    editor = make_user("editor.b", *role_groups("editor", alliance["other"]))
    draft = factories.CoursePageFactory(
        parent=alliance["other_section"], institution=alliance["other"], title=DRAFT, live=False
    )
    draft.save_revision(user=editor)
    draft.get_workflow().start(draft, editor)
    draft.locked, draft.locked_by = True, editor
    draft.save(update_fields=["locked", "locked_by"])
    collection = InstitutionEditorial.for_institution(alliance["other"]).collection
    document = factories.ResourceDocumentFactory(title=DOCUMENT, collection=collection)
    return {"draft": draft, "document": document}


def chooser_and_report_urls(alliance, other_work):
    draft, document = other_work["draft"], other_work["document"]
    return [
        reverse("wagtailadmin_choose_page_search") + "?q=Pakse",
        reverse("wagtailadmin_choose_page_child", args=(alliance["other_section"].pk,)),
        reverse("wagtailadmin_choose_page_chosen_multiple") + f"?id={draft.pk}",
        reverse("wagtaildocs_chooser:choose") + "?q=Pakse",
        reverse("wagtaildocs_chooser:chosen", args=(document.pk,)),
        reverse("wagtailadmin_api:documents:listing"),
        reverse("wagtailadmin_api:documents:detail", args=(document.pk,)),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtail_localize:translations_report"),
        reverse("download_statistics"),
    ]


def test_choosers_and_reports_show_editors_no_other_institutions_drafts_or_documents(
    client, alliance, other_work
):
    client.force_login(alliance["editor"])
    leaks = []
    for url in chooser_and_report_urls(alliance, other_work):
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), url
        html = response.content.decode()
        leaks += [f"{url}: {title}" for title in (DRAFT, DOCUMENT) if title in html]
    assert not leaks


def test_the_alliance_still_chooses_every_page_and_document(client, alliance, other_work):
    client.force_login(make_user("secretariat", *role_groups("alliance")))
    for url in (
        reverse("wagtailadmin_choose_page_search") + "?q=Pakse",
        reverse("wagtaildocs_chooser:choose") + "?q=Pakse",
        reverse("wagtailadmin_api:documents:listing"),
    ):
        html = client.get(url).content.decode()
        assert DRAFT in html or DOCUMENT in html, url
