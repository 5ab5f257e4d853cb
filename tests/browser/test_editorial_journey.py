"""An institution's editorial journey in a real browser: the editor drafts a course and submits
it, the reviewer approves it from the dashboard, and the public site shows it.

Screenshots of every step: test-artifacts/test_editor_submits_reviewer_approves_public_sees/.
"""

import re

import pytest

from resources.models import CoursePage, InstitutionEditorial
from tests import factories
from tests.browser.accounts import log_in, make_user

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture fails with the reason and the remedy
    expect = None

pytestmark = pytest.mark.browser

TITLE = "新能源汽车电池维护 · ການບຳລຸງຮັກສາແບັດເຕີຣີລົດໄຟຟ້າ"
SUMMARY = "电动汽车动力电池的检测与维护，中老双语授课。 ການກວດ ແລະ ບຳລຸງຮັກສາແບັດເຕີຣີ."
EXTERNAL_ID = "VTC-NEV-201"


@pytest.fixture
def alliance(django_db_serialized_rollback, live_server):
    """The site tree and one institution's editor and reviewer, in the live server's database.

    The live server needs a transactional database, which is flushed after the test; the
    serialized rollback restores the locales and root page the migrations made for the tests
    that come later.
    """
    tree = factories.build_site_tree()
    editorial = InstitutionEditorial.for_institution(tree["institution"])
    return {
        **tree,
        "url": live_server.url,
        "editor": make_user("somsak.editor", editorial.editors),
        "reviewer": make_user("vanh.reviewer", editorial.reviewers),
    }


def log_out(page, base_url):
    """Through the account menu at the foot of the sidebar, as a user would."""
    page.locator("#wagtail-sidebar").get_by_role("button", name=re.compile("Somsak|Vanh")).click()
    page.get_by_text("Log out", exact=True).click()
    page.wait_for_url(f"{base_url}/admin/login/")
    expect(page.locator(".messages")).to_contain_text("successfully logged out")


def test_editor_submits_reviewer_approves_public_sees(page, screenshot, alliance):
    base = alliance["url"]
    section = alliance["section"]

    # 1. The editor logs in.
    log_in(page, base, alliance["editor"].username)
    expect(page.locator("main")).to_contain_text(alliance["editor"].get_full_name())
    screenshot("editor-dashboard")

    # 2. The editor drafts a course in the institution's section.
    page.goto(f"{base}/admin/pages/add/resources/coursepage/{section.pk}/")
    page.wait_for_load_state("networkidle")  # the editor's controllers (slug sync) are up
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", SUMMARY)
    screenshot("editor-course-title")
    page.fill("#id_external_id", EXTERNAL_ID)
    # The section's institution is already chosen: its reviewers will get the course.
    expect(page.locator("#id_institution")).to_have_value(str(alliance["institution"].pk))

    # Editors never publish: the action menu offers submission to the institution's review.
    footer = page.get_by_role("navigation", name="Actions (footer)")
    footer.get_by_role("button", name="More actions").click()
    submit = page.locator("button[name=action-submit]")
    expect(submit).to_be_visible()
    expect(submit).to_contain_text("Submit to Review · 万象技术学院")
    expect(page.locator("button[name=action-publish]")).to_have_count(0)
    screenshot("editor-metadata-and-action-menu")
    submit.click()

    # 3. Wagtail confirms the submission and the page is in moderation.
    expect(page.locator(".messages")).to_contain_text("submitted for moderation")
    expect(page.locator("tr", has_text=TITLE)).to_contain_text(re.compile("in moderation", re.I))
    course = CoursePage.objects.get(external_id=EXTERNAL_ID)
    assert not course.live
    public_url = f"{base}{course.url}"
    assert course.url.startswith(f"/zh-hans/resources/{section.slug}/")
    screenshot("editor-submitted")

    # 4. The editor logs out; the public page does not exist until it is approved.
    log_out(page, base)
    response = page.goto(public_url)
    assert response.status == 404
    screenshot("public-404-before-approval")

    # 5. The reviewer logs in and finds the course awaiting their review.
    log_in(page, base, alliance["reviewer"].username)
    awaiting = page.get_by_role("region", name="Awaiting your review")
    row = awaiting.locator("tr", has_text=TITLE)
    expect(row).to_be_visible()
    screenshot("reviewer-awaiting-review")

    # 6. The reviewer approves it with a comment.
    row.get_by_role("button", name="Actions").click()
    row.get_by_role("button", name="Approve with comment").click()
    modal = page.locator(".modal-dialog")
    expect(modal).to_be_visible()
    modal.locator("textarea[name=comment]").fill("Checked with the workshop: ready to publish.")
    screenshot("reviewer-approve-modal")
    modal.locator("button[type=submit]").click()
    # The dashboard reloads with nothing left to review; the section lists the course as live.
    expect(awaiting, "the approval did not go through: see the server log").to_be_hidden()
    page.goto(f"{base}/admin/pages/{section.pk}/")
    expect(page.locator("tr", has_text=TITLE)).to_contain_text(re.compile("live", re.I))
    screenshot("reviewer-section-course-live")

    # 7. The public site shows the course, in Chinese.
    response = page.goto(public_url)
    assert response.status == 200
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(page.locator("h1")).to_contain_text(TITLE)
    expect(page.locator("main")).to_contain_text(EXTERNAL_ID)
    screenshot("public-course-live")
    course.refresh_from_db()
    assert course.live
