"""A signed-in editor reading a resource page in Lao or Khmer gets Wagtail's user bar, whose
accessibility checks run on the page in the browser (under the site's security policy) and
list what they found.

Screenshots: test-artifacts/test_the_user_bar_checks_a_resource_page_in_<lang>/.
"""

import re

import pytest

from resources.models import Institution, InstitutionEditorial
from tests.browser.accounts import log_in, make_user
from tests.browser.fonts import course_titled

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture fails with the reason and the remedy
    expect = None

pytestmark = pytest.mark.browser

TITLES = {"lo": "ການສ້ອມແປງລົດໄຟຟ້າ", "km": "ការថែទាំរថយន្តអគ្គិសនី"}


@pytest.fixture
def course_and_editor(django_db_serialized_rollback, live_server):
    """A course in Lao and Khmer, and its institution's editor: ({language: URL}, editor)."""
    urls = course_titled(live_server, TITLES)
    institution = Institution.objects.filter(slug="vientiane-tc").first()  # the site tree's
    editorial = InstitutionEditorial.for_institution(institution)
    return urls, make_user("somsak.editor", editorial.editors)


@pytest.mark.parametrize("lang", list(TITLES))
def test_the_user_bar_checks_a_resource_page_in(
    page, screenshot, live_server, course_and_editor, lang
):
    urls, editor = course_and_editor
    log_in(page, live_server.url, editor.username)
    page.goto(urls[lang])
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLES[lang])

    # The checks run as the page loads: the user bar's count says how many issues they found.
    userbar = page.locator("wagtail-userbar")
    count = userbar.locator("#checker-trigger [data-content-checker-count]")
    expect(count).to_have_text(re.compile(r"^\d+$"))
    userbar.locator("#wagtail-userbar-trigger").click()
    expect(userbar.get_by_role("menuitem", name=re.compile("Edit this page"))).to_be_visible()
    userbar.locator("#checker-trigger").click()
    results = userbar.locator("#checker-results")
    expect(results).to_be_visible()
    screenshot(f"checks on the {lang} page")
