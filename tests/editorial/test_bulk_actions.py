"""The resource bulk actions of the page explorer, through the admin's URLs: each page checked on
its own, what was done and what was left alone (and why) told in the summary, nothing
published.

The alliance (two institutions, their editors, a sub-section and a Lao section) is built once
per module; every test runs in a savepoint rolled back after it.
"""

from urllib.parse import urlencode

from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.operations import TranslationCreator

from resources.models import ResourceIndexPage
from tests import factories
from tests.helpers import make_user, role_groups, soup, text_of


def build_world():
    tree = factories.build_site_tree()
    institution, section = tree["institution"], tree["section"]
    other = factories.InstitutionFactory(slug="pakse-tc", name="Pakse Technical College")
    other_section = ResourceIndexPage.objects.get(institution=other)
    workshop = section.add_child(
        instance=ResourceIndexPage(title="Workshop", slug="workshop", institution=institution)
    )
    lao_section = factories.translate(section, "lo")
    users = {
        "editor": make_user("editor.a", *role_groups("editor", institution)),
        "other": make_user("editor.b", *role_groups("editor", other)),
        # An editor of both institutions: Wagtail lets them add in either section.
        "both": make_user(
            "editor.ab", *role_groups("editor", institution), *role_groups("editor", other)
        ),
    }
    return {
        **tree,
        "other_section": other_section,
        "workshop": workshop,
        "lao_section": lao_section,
        "users": users,
    }


def draft(world, title, section=None, **fields):
    editor = world["users"]["editor"]
    section = section or world["section"]
    page = factories.CoursePageFactory(
        parent=section,
        institution=section.institution,
        title=title,
        live=False,
        owner=editor,
        **fields,
    )
    page.save_revision(user=editor)
    return page


def live(world, title, tags=()):
    page = draft(world, title)
    page.tags.add(*tags)
    return factories.publish(page)


def bulk_url(world, action, pages):
    query = [("id", page.pk) for page in pages]
    query.append(("next", reverse("wagtailadmin_explore", args=(world["section"].pk,))))
    return (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
        + "?"
        + (urlencode(query))
    )


def messages_after(response):
    """The admin's messages on the page the action sent the user back to."""
    page = soup(response)
    return text_of(page.select_one(".messages"))


def draft_of(page):
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


# ---------------------------------------------------------------------------------------------
# Submit for review.


def test_editor_submits_drafts_and_learns_why_other_pages_were_left_alone(client, world, users):
    first, second = draft(world, "Battery safety"), draft(world, "Motor repair")
    in_review = draft(world, "Already submitted")
    in_review.get_workflow().start(in_review, users["editor"])
    unchanged = live(world, "Published as it is")
    theirs = draft(world, "Pakse course", section=world["other_section"])
    selected = [first, second, in_review, unchanged, theirs, world["workshop"]]
    client.force_login(users["editor"])
    url = bulk_url(world, "submit_for_review", selected)

    confirmation = soup(client.get(url))
    assert [text_of(li) for li in confirmation.select("[data-dlm-bulk-pages] li")] == [
        "Battery safety",
        "Motor repair",
    ]
    refused = text_of(confirmation.select_one("[data-dlm-bulk-refused]"))
    assert "“Already submitted”: it is already in review" in refused
    assert "“Pakse course”: you may not edit it" in refused
    assert "“Workshop”: not a resource" in refused
    assert "“Published as it is”: it is published as it is" in refused

    response = client.post(url, follow=True)
    summary = messages_after(response)
    assert "2 pages have been submitted for review" in summary
    assert "4 pages were left alone" in summary
    left_alone = [text_of(li) for li in soup(response).select(".messages li li")]
    assert len(left_alone) == 4 and "“Pakse course”: you may not edit it" in left_alone
    for page in (first, second):
        page = Page.objects.get(pk=page.pk).specific
        assert page.workflow_in_progress and not page.live
        assert page.current_workflow_state.requested_by == users["editor"]
    assert not Page.objects.get(pk=theirs.pk).workflow_in_progress


def test_a_synced_translation_goes_to_review_with_the_strings_translated_so_far(
    client, world, users
):
    course = live(world, "Battery safety")
    translator = make_user("translator.lo", *role_groups("translator"))
    lao_locale = Locale.objects.get(language_code="lo")
    TranslationCreator(translator, [lao_locale]).create_translations(course)
    lao = course.get_translation(lao_locale)
    translation = Translation.objects.get(
        source__object_id=course.translation_key, target_locale=lao_locale
    )
    # The translator's work in wagtail-localize's editor is kept apart from the page's draft.
    title = StringSegment.objects.get(source=translation.source, string__data="Battery safety")
    StringTranslation.objects.create(
        translation_of=title.string, locale=lao_locale, context=title.context,
        data="ຄວາມປອດໄພຂອງແບັດເຕີຣີ",
    )  # fmt: skip
    client.force_login(translator)

    response = client.post(bulk_url(world, "submit_for_review", [lao]), follow=True)

    assert "1 page has been submitted for review" in messages_after(response)
    lao = Page.objects.get(pk=lao.pk).specific
    assert lao.workflow_in_progress and not lao.live
    assert lao.get_latest_revision_as_object().title == "ຄວາມປອດໄພຂອງແບັດເຕີຣີ"


def test_another_institutions_editor_and_anonymous_visitors_change_nothing(client, world, users):
    page = draft(world, "Battery safety")
    url = bulk_url(world, "submit_for_review", [page])

    response = client.post(url)
    assert response.status_code == 302 and "login" in response["Location"]

    client.force_login(users["other"])
    confirmation = soup(client.get(url))
    assert not confirmation.select("[data-dlm-bulk-pages]")
    assert "you may not edit it" in text_of(confirmation.select_one("[data-dlm-bulk-refused]"))
    summary = messages_after(client.post(url, follow=True))
    assert "1 page was left alone" in summary and "submitted" not in summary
    assert not Page.objects.get(pk=page.pk).workflow_in_progress


# ---------------------------------------------------------------------------------------------
# Tags.


def test_tags_change_on_a_new_draft_while_the_published_page_stays_as_it_was(client, world, users):
    published = live(world, "Battery safety", tags=["ev", "battery"])
    plain = draft(world, "Motor repair")
    already = live(world, "Welding basics", tags=["welding", "safety"])
    client.force_login(users["editor"])
    url = bulk_url(world, "edit_tags", [published, plain, already])

    response = client.post(url, {"add": "welding, Safety", "remove": "Battery"}, follow=True)

    summary = messages_after(response)
    assert "2 pages have a new draft with the tags changed" in summary
    assert "“Welding basics”: nothing to change" in summary
    assert set(draft_of(published).tags.names()) == {"ev", "welding", "Safety"}
    assert set(draft_of(plain).tags.names()) == {"welding", "Safety"}
    row = Page.objects.get(pk=published.pk).specific
    assert row.live and row.has_unpublished_changes  # the draft waits for review
    assert set(row.tags.names()) == {"ev", "battery"}  # what visitors see is unchanged
    assert draft_of(published).get_latest_revision().user == users["editor"]


def test_the_tags_form_asks_for_a_tag(client, world, users):
    page = draft(world, "Battery safety")
    client.force_login(users["editor"])
    response = client.post(bulk_url(world, "edit_tags", [page]), {"add": "", "remove": ""})
    assert "Give at least one tag to add or to remove." in text_of(soup(response))


def test_a_page_in_review_keeps_its_tags_until_the_review_ends(client, world, users):
    page = draft(world, "Battery safety")
    page.get_workflow().start(page, users["editor"])
    client.force_login(users["editor"])
    response = client.post(bulk_url(world, "edit_tags", [page]), {"add": "ev"}, follow=True)
    assert "“Battery safety”: it is already in review" in messages_after(response)
    assert "ev" not in draft_of(page).tags.names()


# ---------------------------------------------------------------------------------------------
# Sectors, countries and level.


def test_sectors_are_added_or_replaced_and_the_level_set_on_drafts(client, world, users):
    automotive = factories.SectorFactory(code="automotive", name="Automotive")
    electrical = factories.SectorFactory(code="electrical", name="Electrical")
    welding = factories.SectorFactory(code="welding", name="Welding")
    level = factories.QualificationLevelFactory()
    page = draft(world, "Battery safety")
    page.sectors.add(automotive)
    factories.publish(page)
    client.force_login(users["editor"])
    url = bulk_url(world, "classify", [page])

    response = client.post(
        url, {"mode": "add", "sectors": [electrical.pk], "level": level.pk}, follow=True
    )
    assert "1 page has a new draft with its classification changed" in messages_after(response)
    assert set(draft_of(page).sectors.all()) == {automotive, electrical}
    assert draft_of(page).level == level

    client.post(url, {"mode": "replace", "sectors": [welding.pk]})
    assert list(draft_of(page).sectors.all()) == [welding]
    row = Page.objects.get(pk=page.pk).specific
    assert row.live and list(row.sectors.all()) == [automotive] and row.level is None

    response = client.post(url, {"mode": "add", "sectors": [welding.pk]}, follow=True)
    assert "nothing to change" in messages_after(response)


# ---------------------------------------------------------------------------------------------
# Moving between an institution's sections.


def test_editor_moves_drafts_into_a_section_of_their_institution(client, world, users):
    page = draft(world, "Battery safety")
    published = live(world, "Published course")
    client.force_login(users["editor"])
    url = bulk_url(world, "move_to_section", [page, published])

    response = client.post(url, {"destination": world["workshop"].pk}, follow=True)

    summary = messages_after(response)
    assert "1 page has been moved" in summary
    # Moving a live page would publish it in the new section: not for an editor.
    assert "“Published course”: your permissions do not allow moving it there" in summary
    assert Page.objects.get(pk=page.pk).get_parent().pk == world["workshop"].pk
    assert Page.objects.get(pk=published.pk).get_parent().pk == world["section"].pk


def test_moves_to_another_institution_or_language_are_refused(client, world, users):
    page = draft(world, "Battery safety")
    client.force_login(users["both"])
    url = bulk_url(world, "move_to_section", [page])

    response = client.post(url, {"destination": world["other_section"].pk}, follow=True)
    assert "the section belongs to another institution" in messages_after(response)

    response = client.post(url, {"destination": world["lao_section"].pk}, follow=True)
    assert "the section is in another language" in messages_after(response)
    assert Page.objects.get(pk=page.pk).get_parent().pk == world["section"].pk


def test_the_move_offers_only_sections_the_editor_may_add_to(client, world, users):
    page = draft(world, "Battery safety")
    client.force_login(users["editor"])
    url = bulk_url(world, "move_to_section", [page])
    offered = {
        int(option["value"])
        for option in soup(client.get(url)).select("select[name=destination] option")
        if option["value"]
    }
    assert world["workshop"].pk in offered and world["section"].pk in offered
    assert world["other_section"].pk not in offered
    response = client.post(url, {"destination": world["other_section"].pk})
    assert response.status_code == 200  # the form refuses the choice
    assert Page.objects.get(pk=page.pk).get_parent().pk == world["section"].pk
