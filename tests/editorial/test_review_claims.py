"""Claiming a review: one reviewer holds the step (the others see who, and cannot decide it
meanwhile), releases it; the alliance assigns it to a member who may decide it. Each change is
in the page's history."""

from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from wagtail.models import Page, PageLogEntry

from resources.models import ReviewClaim
from tests.editorial import review_world
from tests.editorial.review_world import (
    action_url,
    claim_url,
    current_step,
    submitted,
)
from tests.helpers import soup, text_of

build_world = review_world.build_world  # what conftest's `world` builds for this module

HOME = reverse("wagtailadmin_home")


def refused(response):
    """Refused as the admin refuses: 403, or back to the dashboard with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == HOME
    )


def in_thai(message, **values):
    """What the Thai reviewer reads (their admin is in Thai)."""
    with translation.override("th"):
        return escape(translation.gettext(message) % values)


def review_row(client, page):
    """The dashboard's "Your reviews" row of ``page``'s step, or None."""
    html = soup(client.get(HOME))
    return html.select_one(f"[data-dlm-review='{current_step(page).pk}']")


def test_a_reviewer_claims_and_a_colleague_sees_who_holds_it_and_cannot_decide(
    client, world, users
):

    page = submitted(world, "EV batteries")
    client.force_login(users["reviewer"])
    response = client.post(claim_url(page), {"next": HOME})
    assert response.status_code == 302 and response["Location"] == HOME
    assert ReviewClaim.objects.get(task_state=current_step(page)).holder == users["reviewer"]

    client.force_login(users["reviewer_th"])
    row = review_row(client, page)
    assert "reviewer" in text_of(row.select_one("[data-dlm-holder]"))
    assert not row.select("form[action$='/claim/']")  # held: nothing to claim
    assert refused(client.post(action_url(page, "approve")))
    assert not Page.objects.get(pk=page.pk).live
    # Nor does the page editor offer them a decision; it says who holds the review.
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert in_thai("%(holder)s holds this review.", holder="reviewer") in editor
    assert 'data-workflow-action-name="approve"' not in editor

    client.force_login(users["reviewer"])
    assert client.post(action_url(page, "approve")).status_code == 302
    assert Page.objects.get(pk=page.pk).live
    entry = PageLogEntry.objects.get(page=page, action="dlm.review_claim")
    assert entry.user == users["reviewer"]
    history = client.get(reverse("wagtailadmin_pages:history", args=[page.pk]))
    assert f"Claimed the review &#x27;{entry.data['task']['title']}&#x27;" in (
        history.content.decode()
    )


def test_the_holder_releases_and_a_colleague_may_claim_then(client, world, users):
    page = submitted(world, "Solar inverters")
    client.force_login(users["reviewer"])
    client.post(claim_url(page))

    client.force_login(users["reviewer_th"])
    assert refused(client.post(claim_url(page, "release")))  # not theirs
    client.post(claim_url(page), follow=True)
    assert ReviewClaim.objects.get(task_state=current_step(page)).holder == users["reviewer"]

    client.force_login(users["reviewer"])
    client.post(claim_url(page, "release"))
    assert not ReviewClaim.objects.filter(task_state=current_step(page)).exists()
    client.force_login(users["reviewer_th"])
    client.post(claim_url(page))
    assert ReviewClaim.objects.get(task_state=current_step(page)).holder == users["reviewer_th"]
    actions = [e.action for e in PageLogEntry.objects.filter(page=page).order_by("pk")]
    assert actions[-3:] == ["dlm.review_claim", "dlm.review_release", "dlm.review_claim"]


def test_who_may_not_decide_may_not_claim(client, world, users):
    page = submitted(world, "Welding safety")
    for outsider in ("editor", "other_reviewer", "other_editor", "alliance"):
        client.force_login(users[outsider])
        assert refused(client.post(claim_url(page))), outsider
    assert not ReviewClaim.objects.exists()
    # A review that another member holds is refused with the holder's name.
    client.force_login(users["reviewer"])
    client.post(claim_url(page))
    client.force_login(users["reviewer_th"])
    response = client.post(claim_url(page), follow=True)
    assert in_thai("%(holder)s holds this review already.", holder="reviewer") in (
        response.content.decode()
    )


def test_the_alliance_assigns_a_review_to_a_member_who_may_decide_it(client, world, users):
    page = submitted(world, "Electrical standards")
    client.force_login(users["alliance"])
    row = review_row(client, page)  # the alliance sees every open review, to assign it
    options = [option.text for option in row.select("select[name=holder] option")]
    assert options == ["reviewer", "reviewer.th"]  # not the editor who submitted it

    client.post(claim_url(page, "assign"), {"holder": users["reviewer_th"].pk})
    claim = ReviewClaim.objects.get(task_state=current_step(page))
    assert (claim.holder, claim.assigned_by) == (users["reviewer_th"], users["alliance"])
    entry = PageLogEntry.objects.get(page=page, action="dlm.review_assign")
    assert entry.data["holder"] == "reviewer.th"

    # Not to the submitter, nor to another institution's reviewer.
    for wrong in ("editor", "other_reviewer"):
        response = client.post(claim_url(page, "assign"), {"holder": users[wrong].pk}, follow=True)
        assert "may not decide this review" in response.content.decode(), wrong
    assert ReviewClaim.objects.get(task_state=current_step(page)).holder == users["reviewer_th"]

    # Reviewers do not assign.
    client.force_login(users["reviewer"])
    assert refused(client.post(claim_url(page, "assign"), {"holder": users["reviewer"].pk}))


def test_claims_answer_post_only_and_need_the_csrf_token(world, users):
    page = submitted(world, "Hydraulics")
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["reviewer"])
    assert client.get(claim_url(page)).status_code == 405
    assert client.post(claim_url(page)).status_code == 403
    assert not ReviewClaim.objects.exists()


def test_a_reviewer_claims_from_the_page_editor_and_comes_back_to_it(client, world, users):
    page = submitted(world, "Charging stations")
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.force_login(users["reviewer"])
    # The editor's header offers "Claim review", posting to the claim view.
    button = soup(client.get(edit)).select_one(f"[data-w-action-url-value='{claim_url(page)}']")
    assert button is not None and "Claim review" in text_of(button)

    response = client.post(claim_url(page), {"next": f"http://testserver{edit}"})

    assert response.status_code == 302 and response["Location"].endswith(edit)
    assert ReviewClaim.objects.get(task_state=current_step(page)).holder == users["reviewer"]
    release = claim_url(page, "release")
    assert soup(client.get(edit)).select_one(f"[data-w-action-url-value='{release}']")
    # A colleague reads who holds it, with nothing to claim; the submitter is offered nothing.
    client.force_login(users["reviewer_th"])
    html = soup(client.get(edit))
    assert not html.select("[data-w-action-url-value*='/reviews/']")
    client.force_login(users["editor"])
    assert not soup(client.get(edit)).select("[data-w-action-url-value*='/reviews/']")
