"""A visitor searches in a real browser, against the real OpenSearch: autocomplete suggests
titles as a Lao word is typed and the keyboard opens one; the facets filter the results, with
JavaScript and without it.

Screenshots: test-artifacts/test_visitor_types_in_lao_and_filters_by_type/ and
test-artifacts/test_facets_work_without_javascript/.
"""

import re

import pytest

from tests import factories

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture fails with the reason and the remedy
    expect = None

pytestmark = [pytest.mark.browser, pytest.mark.engine]


@pytest.fixture
def indexed_site(django_db_serialized_rollback, live_server, discovery_engine):
    tree = factories.build_site_tree()
    section = tree["section"]
    factories.published_resource(
        section,
        title="电动汽车维修",
        translations={"lo": {"title": "ການສ້ອມແປງລົດໄຟຟ້າ", "summary": "ຫຼັກສູດ"}},
    )
    factories.published_resource(
        section,
        factory=factories.CertificationPageFactory,
        title="电动汽车维修证书",
        translations={"lo": {"title": "ໃບຢັ້ງຢືນການສ້ອມແປງລົດໄຟຟ້າ", "summary": "ໃບຢັ້ງຢືນ"}},
    )
    discovery_engine.sync()
    return live_server.url


def test_visitor_types_in_lao_and_filters_by_type(page, screenshot, indexed_site):
    page.goto(f"{indexed_site}/lo/search/")
    box = page.locator("#discovery-q")
    box.press_sequentially("ການສ້ອມ", delay=40)
    options = page.get_by_role("listbox").get_by_role("option")
    expect(options).to_have_count(2)
    # The title that starts with what was typed comes first.
    expect(options.first).to_contain_text("ການສ້ອມແປງລົດໄຟຟ້າ")
    expect(options.first).not_to_contain_text("ໃບຢັ້ງຢືນ")
    screenshot("suggestions")
    box.press("ArrowDown")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/lo/resources/.+/"))
    expect(page.locator("h1")).to_have_text("ການສ້ອມແປງລົດໄຟຟ້າ")

    page.goto(f"{indexed_site}/lo/search/?q=ລົດໄຟຟ້າ")
    expect(page.locator(".discovery__results")).to_contain_text("ໃບຢັ້ງຢືນການສ້ອມແປງລົດໄຟຟ້າ")
    expect(page.locator(".discovery__results")).to_contain_text("ການສ້ອມແປງລົດໄຟຟ້າ")
    page.locator("input[name=type][value=certification]").check()
    page.locator(".facets button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"type=certification"))
    expect(page.locator(".discovery__results")).not_to_contain_text("ຫຼັກສູດ")
    screenshot("filtered")


def test_facets_work_without_javascript(browser, screenshot, indexed_site):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    try:
        tab = context.new_page()
        tab.goto(f"{indexed_site}/en/search/?q=电动汽车")
        tab.locator("input[name=type][value=course]").check()
        tab.locator(".facets button[type=submit]").click()
        expect(tab).to_have_url(re.compile(r"type=course"))
        expect(tab.locator(".discovery__results")).to_contain_text("电动汽车维修")
        expect(tab.locator(".discovery__results")).not_to_contain_text("证书")
        expect(tab.locator("input[name=type][value=course]")).to_be_checked()
        expect(tab.get_by_role("listbox")).to_have_count(0)
    finally:
        context.close()


def test_a_developer_reads_the_api_docs_in_a_browser(
    page, screenshot, django_db_serialized_rollback, live_server
):
    page.goto(f"{live_server.url}/api/discovery/docs/")

    expect(page.get_by_text("Digital Lancang-Mekong discovery API").first).to_be_visible()
    expect(page.get_by_text("/api/discovery/suggest/").first).to_be_visible()
    screenshot("api-docs")
