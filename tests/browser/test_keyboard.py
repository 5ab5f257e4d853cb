"""A visitor who uses only the keyboard: the skip link, the header's navigation and language
switcher, the search box, a result — each focused element showing where the focus is.

Screenshots: test-artifacts/test_keyboard_only_visitor_searches_and_opens_a_result/.
"""

import re

import pytest

from tests import factories

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture fails with the reason and the remedy
    expect = None

pytestmark = pytest.mark.browser

# What the focused element looks like: its tag, text, and whether an outline or a box shadow
# marks it (the browser's default ring counts too: it is an outline).
FOCUSED = """() => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const style = getComputedStyle(element);
    const box = element.getBoundingClientRect();
    return {
        tag: element.tagName.toLowerCase(),
        id: element.id,
        text: (element.innerText || element.value || "").trim().slice(0, 80),
        href: element.getAttribute("href"),
        classes: element.className,
        inHeader: !!element.closest("header"),
        inNav: !!element.closest(".primary-nav"),
        inLanguages: !!element.closest(".language-switcher"),
        isResult: !!element.closest(".result__title"),
        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
        shadow: style.boxShadow !== "none",
        visible: box.width > 1 && box.height > 1 && box.bottom > 0 && box.right > 0
            && box.top < window.innerHeight + window.scrollY && box.left < window.innerWidth,
    };
}"""


@pytest.fixture
def site_with_a_course(django_db_serialized_rollback, live_server):
    tree = factories.build_site_tree()
    factories.published_resource(
        tree["section"],
        title="电动汽车维修",
        translations={"en": {"title": "Electric vehicle maintenance", "summary": "A course."}},
    )
    return live_server.url


def focused(page):
    return page.evaluate(FOCUSED)


def tab(page, key="Tab"):
    """Press Tab (or Shift+Tab) and return the newly focused element, checking its focus shows."""
    page.keyboard.press(key)
    element = focused(page)
    assert element is not None, f"{key} left the focus on the page itself"
    assert element["outline"] or element["shadow"], f"no visible focus indicator on {element}"
    assert element["visible"], f"the focused element is not visible: {element}"
    return element


def test_keyboard_only_visitor_searches_and_opens_a_result(page, screenshot, site_with_a_course):
    page.goto(f"{site_with_a_course}/en/")

    skip = tab(page)
    assert "skip-link" in skip["classes"] and skip["href"] == "#main", skip
    screenshot("skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    # From the top again: every stop in the header, in order, shows its focus.
    page.goto(f"{site_with_a_course}/en/")
    tab(page)  # the skip link
    stops = []
    for _ in range(40):
        element = tab(page)
        if not element["inHeader"]:
            break
        stops.append(element)
        if element["id"] == "site-search-q":
            screenshot("search-box")
    assert any(stop["inNav"] for stop in stops), stops
    languages = [stop for stop in stops if stop["inLanguages"]]
    assert len(languages) == 7, languages
    assert any(stop["id"] == "site-search-q" for stop in stops), stops

    # Back to the search box, type, and search.
    for _ in range(20):
        if tab(page, "Shift+Tab")["id"] == "site-search-q":
            break
    else:
        pytest.fail("Shift+Tab never came back to the search box")
    page.keyboard.type("vehicle")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/search/\?q=vehicle"))
    expect(page.locator(".discovery__results")).to_contain_text("Electric vehicle maintenance")

    for _ in range(80):
        element = tab(page)
        if element["isResult"]:
            break
    else:
        pytest.fail("Tab never reached a search result")
    screenshot("result")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/resources/.+/"))
    expect(page.locator("h1")).to_have_text("Electric vehicle maintenance")
    screenshot("resource")
