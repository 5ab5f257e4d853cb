"""Real-browser fixtures: Debian's Chromium, driven headless by Playwright, against
pytest-django's live server.

Playwright cannot download its own browsers here; it launches the system Chromium
(`scripts/bootstrap.sh --dev` installs it; DLM_CHROMIUM points elsewhere). A run without
Chromium fails with the reason; outside CI, DLM_SKIP_BROWSER_TESTS=1 skips the browser tests
instead (and lists them).

Screenshots land in ``test-artifacts/<test name>/NN-step.png`` at the top of the repository
(ignored by git), replaced on every run.
"""

import os
import re
import shutil

import pytest

from tests.helpers import ARTIFACTS, IN_CI

CHROMIUM = os.environ.get("DLM_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
]
# Generous for a cold admin page, small enough that a broken step fails in seconds, not minutes.
TIMEOUT_MS = 15_000


def slug(text):
    return re.sub(r"[^\w.-]+", "-", text).strip("-")


def _unavailable_reason():
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -r requirements-dev.txt)"
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"Chromium is not installed at {CHROMIUM}"
    return None


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session."""
    reason = _unavailable_reason()
    if reason is not None:
        if os.environ.get("DLM_SKIP_BROWSER_TESTS") == "1" and not IN_CI:
            pytest.skip(f"browser test skipped (DLM_SKIP_BROWSER_TESTS=1): {reason}")
        pytest.fail(
            f"{reason}. Install it with `scripts/bootstrap.sh --dev` (Debian's `chromium` "
            "package), or set DLM_SKIP_BROWSER_TESTS=1 on a machine without one.",
            pytrace=False,
        )

    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)

    # Playwright's sync API keeps an asyncio loop marked as running in this thread, so Django's
    # async-safety check would refuse the tests' own ORM calls. They are synchronous; allow them.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def launch_browser(browser):
    """``launch_browser(NAME=value)``: another headless Chromium like ``browser``, its process
    given those environment variables (a machine without some fonts...); the caller closes it."""

    def launch(**environment):
        return browser.browser_type.launch(
            executable_path=CHROMIUM,
            args=CHROMIUM_ARGS,
            headless=True,
            env={**os.environ, **environment},
        )

    return launch


def open_tab(browser, refused, **options):
    """A tab in a fresh browser context (no cookies) that reaches only the live server (no
    avatars or fonts from the internet, nothing to wait for), noting in ``refused`` what the
    Content-Security-Policy refused."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="en-GB", **options
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    context.route(
        re.compile(r"^https?://(?!localhost[:/]|127\.0\.0\.1[:/])"), lambda route: route.abort()
    )
    tab = context.new_page()
    tab.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return tab


@pytest.fixture
def page(browser):
    """A fresh browser context and page per test; the test fails if the
    Content-Security-Policy refused anything on its pages."""
    refused = []
    tab = open_tab(browser, refused)
    yield tab
    tab.context.close()
    # Every journey also proves the pages' security policy lets them work.
    assert refused == [], f"the Content-Security-Policy refused: {refused}"


@pytest.fixture
def visitor(browser):
    """``visitor()``: a tab for someone else (their own context: no cookies, downloads
    accepted), watched like ``page``."""
    refused, tabs = [], []

    def new_visitor():
        tabs.append(open_tab(browser, refused, accept_downloads=True))
        return tabs[-1]

    yield new_visitor
    for tab in tabs:
        tab.context.close()
    assert refused == [], f"the Content-Security-Policy refused: {refused}"


@pytest.fixture
def screenshot(page, request):
    """``screenshot("login")`` saves ``test-artifacts/<test>/01-login.png``; returns the path.
    ``screenshot("verified", tab)`` shoots another tab (a second visitor's context) in the same
    series. A failing test also gets a last ``NN-failed.png`` of where it stopped."""
    folder = ARTIFACTS / slug(request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    count = 0

    def take(step, tab=None):
        nonlocal count
        count += 1
        path = folder / f"{count:02d}-{slug(step)}.png"
        (tab or page).screenshot(path=str(path), full_page=True, animations="disabled")
        return path

    yield take
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        take("failed")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can see whether it failed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def migrated_data(django_db_setup):
    """What the migrations put in the test database (locales, root page...), as serialized
    when it was created, for the tests that flush it to restore it."""
    from django.db import connections

    return getattr(connections["default"], "_test_serialized_contents", None)


@pytest.fixture(autouse=True)
def _serialized_rollback_in_the_browsers_context(migrated_data, browser):
    """Playwright's event loop gives this thread a new database connection object, which has
    lost the serialized data Django restores after a flush: hand it over again."""
    from django.db import connections

    connection = connections["default"]
    if migrated_data is not None and not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = migrated_data
