"""An editor works on several resources at once in the page explorer: selects three drafts, adds
a tag to all of them, submits them for review and reads the summary.

Screenshots of every step: test-artifacts/test_editor_tags_and_submits_three_pages_at_once/.
"""

import re

import pytest
from wagtail.models import Page

from resources.models import InstitutionEditorial
from tests import factories
from tests.browser.accounts import log_in, make_user

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture fails with the reason and the remedy
    expect = None

pytestmark = pytest.mark.browser

TITLES = ["Battery safety", "Motor repair", "Charging stations"]


@pytest.fixture
def drafts(django_db_serialized_rollback, live_server):
    """Three draft courses in the institution's section, and its editor."""
    tree = factories.build_site_tree()
    editor = make_user(
        "somsak.editor", InstitutionEditorial.for_institution(tree["institution"]).editors
    )
    pages = []
    for title in TITLES:
        page = factories.CoursePageFactory(
            parent=tree["section"], institution=tree["institution"], title=title, live=False
        )
        page.save_revision(user=editor)
        pages.append(page)
    return {**tree, "editor": editor, "pages": pages, "url": live_server.url}


def select_all_three(page):
    for title in TITLES:
        page.locator("tr", has_text=title).locator("input[data-bulk-action-checkbox]").check()


def test_editor_tags_and_submits_three_pages_at_once(page, screenshot, drafts):
    base = drafts["url"]
    log_in(page, base, drafts["editor"].username)
    explorer = f"{base}/admin/pages/{drafts['section'].pk}/"

    # 1. In the explorer, the editor selects the three drafts: the bulk actions appear.
    page.goto(explorer)
    select_all_three(page)
    footer = page.locator("[data-bulk-action-footer]")
    expect(footer).to_be_visible()
    screenshot("three-pages-selected")

    # 2. Add a tag to all three.
    footer.get_by_role("link", name="Add or remove tags of the selected resources").click()
    expect(page.locator("[data-dlm-bulk-pages] li")).to_have_count(3)
    tag_input = page.locator("#id_add").locator("xpath=..").locator("input:visible").first
    tag_input.fill("ev-safety")
    tag_input.press("Enter")
    screenshot("tags-form")
    page.get_by_role("button", name="Save drafts").click()
    expect(page.locator(".messages")).to_contain_text(
        "3 pages have a new draft with the tags changed"
    )
    for course in drafts["pages"]:
        draft = Page.objects.get(pk=course.pk).specific.get_latest_revision_as_object()
        assert "ev-safety" in draft.tags.names()
    screenshot("tags-summary")

    # 3. Submit them for review.
    page.goto(explorer)
    select_all_three(page)
    footer.get_by_role("link", name="Submit the selected resources for review").click()
    expect(page.locator("[data-dlm-bulk-pages] li")).to_have_count(3)
    screenshot("submit-confirmation")
    page.get_by_role("button", name="Submit for review").click()

    # 4. The summary says what was done; the explorer shows the pages in review.
    expect(page.locator(".messages")).to_contain_text("3 pages have been submitted for review")
    for title in TITLES:
        expect(page.locator("tr", has_text=title)).to_contain_text(
            re.compile("in moderation", re.I)
        )
    screenshot("submitted-summary")
    assert all(Page.objects.get(pk=p.pk).workflow_in_progress for p in drafts["pages"])
