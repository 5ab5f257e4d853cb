"""A reviewer claims a review, misses its deadline, is reminded, and approves, in a real
browser: the dashboard's "Your reviews" shows who holds each review and when it is due.

Screenshots of every step: test-artifacts/test_reviewer_claims_is_reminded_and_approves/.
"""

import datetime
import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, TaskState

from resources.models import InstitutionEditorial, ReviewClaim, ReviewReminder
from tests import factories
from tests.browser.accounts import log_in, make_user

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture fails with the reason and the remedy
    expect = None

pytestmark = pytest.mark.browser

TITLE = "ການເຊື່ອມໂລຫະ · 金属焊接安全"
FRESH_TITLE = "Solar inverter maintenance"


@pytest.fixture
def alliance(django_db_serialized_rollback, live_server):
    """The site tree, an editor and a reviewer, and two courses submitted to the review."""
    tree = factories.build_site_tree()
    editorial = InstitutionEditorial.for_institution(tree["institution"])
    editor = make_user("somsak.editor", editorial.editors)
    pages = {}
    for title in (TITLE, FRESH_TITLE):
        page = factories.CoursePageFactory(
            parent=tree["section"], institution=tree["institution"], title=title, live=False
        )
        page.save_revision(user=editor)
        page.get_workflow().start(page, editor)
        pages[title] = page
    return {
        **tree,
        "url": live_server.url,
        "reviewer": make_user("vanh.reviewer", editorial.reviewers),
        "pages": pages,
    }


def step_of(page):
    return Page.objects.get(pk=page.pk).current_workflow_task_state


def test_reviewer_claims_is_reminded_and_approves(page, screenshot, alliance, mailoutbox):
    base, reviewer = alliance["url"], alliance["reviewer"]
    course = alliance["pages"][TITLE]

    # 1. The reviewer signs in; both courses wait in "Your reviews", nobody holds them.
    log_in(page, base, reviewer.username)
    reviews = page.get_by_role("region", name="Your reviews")
    row = reviews.locator("tr", has_text=TITLE)
    expect(row).to_contain_text("Nobody yet")
    screenshot("your-reviews-unclaimed")

    # 2. They claim the welding course: their colleagues see who holds it.
    row.get_by_role("button", name="Claim").click()
    expect(page.locator(".messages")).to_contain_text("You hold this review now.")
    row = reviews.locator("tr", has_text=TITLE)
    expect(row.locator("[data-dlm-holder]")).to_contain_text("Vanh")
    expect(row.get_by_role("button", name="Release")).to_be_visible()
    assert ReviewClaim.objects.get(task_state=step_of(course)).holder == reviewer
    screenshot("your-reviews-claimed")

    # 3. Eight days pass (six working days or more): the review is past its five days.
    TaskState.objects.filter(pk=step_of(course).pk).update(
        started_at=timezone.now() - datetime.timedelta(days=8)
    )
    mailoutbox.clear()  # Wagtail's notices of the submissions
    call_command("send_review_reminders")
    [reminder] = [m for m in mailoutbox if m.to == [reviewer.email]]
    assert "1 overdue" in reminder.subject
    assert TITLE in reminder.body and "Overdue since" in reminder.body
    assert FRESH_TITLE not in reminder.body  # not due yet
    assert ReviewReminder.objects.filter(user=reviewer).count() == 1

    # 4. Back on the dashboard, the overdue review comes first, marked overdue.
    page.goto(f"{base}/admin/")
    first = reviews.locator("tbody tr").first
    expect(first).to_contain_text(TITLE)
    expect(first).to_contain_text("Overdue")
    expect(reviews.locator("tbody tr").nth(1)).to_contain_text(FRESH_TITLE)
    screenshot("your-reviews-overdue-first")

    # 5. The page editor says who holds it; the reviewer approves it there.
    first.get_by_role("link", name=TITLE).click()
    expect(page.locator(".messages")).to_contain_text("Vanh Phommachanh holds this review.")
    screenshot("editor-says-who-holds-it")
    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("has been updated")
    expect(page.locator("tr", has_text=TITLE)).to_contain_text(re.compile("live", re.I))
    screenshot("approved")
    assert Page.objects.get(pk=course.pk).live
    # The approved review is gone from "Your reviews"; the other still waits.
    page.goto(f"{base}/admin/")
    expect(reviews.locator("tbody tr")).to_have_count(1)
    expect(reviews).to_contain_text(FRESH_TITLE)
