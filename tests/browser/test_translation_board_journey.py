"""A Lao translator clears their board in a real browser: the board shows what is missing and
out of date in Lao, the translator creates the missing translations from the column header,
syncs the out-of-date one and submits it, and the board shows all of them in review.

Screenshots of every step: test-artifacts/test_lao_translator_clears_their_board/.
"""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Locale
from wagtail_localize.operations import TranslationCreator

from resources.editorial import roles
from tests import factories
from tests.browser.accounts import log_in, make_user

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture fails with the reason and the remedy
    expect = None

pytestmark = pytest.mark.browser

MISSING_TITLES = ("新能源汽车维修", "焊接实训")
CHANGED_TITLE = "电工基础"


@pytest.fixture
def board(django_db_serialized_rollback, live_server):
    """Two courses not yet in Lao, and one whose Lao translation the source has outgrown."""
    tree = factories.build_site_tree()
    common = {"institution": tree["institution"]}
    for title in MISSING_TITLES:
        factories.published_resource(tree["section"], title=title, **common)
    changed = factories.published_resource(tree["section"], title=CHANGED_TITLE, **common)
    lao = Locale.objects.get(language_code="lo")
    TranslationCreator(None, [lao]).create_translations(changed)
    factories.publish(changed.get_translation(lao).specific)
    changed.summary = "电工基础课程（修订版）。"
    factories.publish(changed)
    translator = make_user(
        "khamla.translator", Group.objects.get(name=roles.translators_group_name("lo"))
    )
    return {"url": live_server.url, "translator": translator, "changed": changed}


def lao_cell(page, title):
    return page.locator("tr[data-row]", has_text=title).locator('td[data-language="lo"]')


def test_lao_translator_clears_their_board(page, screenshot, board):
    base = board["url"]

    # 1. The translator signs in and opens the board from the Reports menu: Lao only.
    log_in(page, base, board["translator"].username)
    page.goto(f"{base}/admin/reports/translation-board/")
    expect(page.locator("thead th[data-language]")).to_have_count(1)
    for title in MISSING_TITLES:
        expect(lao_cell(page, title)).to_have_attribute("data-state", "missing")
    expect(lao_cell(page, CHANGED_TITLE)).to_have_attribute("data-state", "out_of_date")
    header = page.locator('thead th[data-language="lo"]')
    expect(header.locator('[data-count="missing"] data')).to_have_text("2")
    screenshot("lao-board-missing-and-out-of-date")

    # 2. From the column header, every missing translation at once: drafts, in review.
    header.get_by_role("button", name="Create the 2 missing translations").click()
    expect(page.locator(".messages")).to_contain_text("2 translations into ລາວ created")
    for title in MISSING_TITLES:
        expect(lao_cell(page, title)).to_have_attribute("data-state", "in_review")
    screenshot("lao-board-missing-created")

    # 3. The out-of-date one: wagtail-localize's sync, back to the board, then to review.
    lao_cell(page, CHANGED_TITLE).get_by_role("link", name="Sync").click()
    screenshot("lao-sync-form")
    page.locator("form input[type=submit]").click()
    page.wait_for_url(f"{base}/admin/reports/translation-board/**")
    lao_cell(page, CHANGED_TITLE).get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messages")).to_contain_text("was submitted for review")
    screenshot("lao-translation-submitted")

    # 4. The board: nothing is missing or out of date in Lao any more.
    page.goto(f"{base}/admin/reports/translation-board/")
    for title in (*MISSING_TITLES, CHANGED_TITLE):
        expect(lao_cell(page, title)).to_have_attribute("data-state", "in_review")
    expect(header.locator('[data-count="missing"] data')).to_have_text("0")
    expect(header.locator('[data-count="out_of_date"] data')).to_have_text("0")
    expect(header.locator('[data-count="in_review"] data')).to_have_text("3")
    screenshot("lao-board-all-in-review")
