"""On a slow link, a Khmer or Burmese page's first painted text is drawn with the site's web
font: never boxes while the font is on its way.

A browser on a machine without Khmer and Myanmar system fonts (fontconfig told to refuse every
font for those languages) opens the page over an emulated slow 3G link and screenshots it
again and again while it loads. The first screenshot in which the heading shows any ink must
already look as it does once the page's fonts have loaded. With "font-display: swap" and no
preload, the heading was first painted as boxes, then redrawn when the font came.

Screenshots: test-artifacts/slow-link-fonts/<lang>-first.png and <lang>-loaded.png.
"""

import base64
import io
import time
from urllib.parse import urljoin

import pytest
from PIL import Image, ImageChops

from tests.browser.fonts import course_titled
from tests.helpers import ARTIFACTS

try:
    from playwright.sync_api import Error as BrowserError
except ImportError:  # the `browser` fixture fails with the reason and the remedy
    BrowserError = RuntimeError

pytestmark = pytest.mark.browser

TITLES = {"km": "ការថែទាំរថយន្តអគ្គិសនី", "my": "လျှပ်စစ်ကား ပြုပြင်ထိန်းသိမ်းခြင်း"}
# Chrome DevTools' "Slow 3G": 400 ms round trips, 400 kbit/s each way.
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400 * 1000 / 8,
    "uploadThroughput": 400 * 1000 / 8,
}
NO_KHMER_OR_MYANMAR_FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <selectfont>
    <rejectfont>
      <pattern><patelt name="lang"><string>km</string></patelt></pattern>
      <pattern><patelt name="lang"><string>my</string></patelt></pattern>
    </rejectfont>
  </selectfont>
</fontconfig>
"""
HEADING_BOX = """() => {
    const heading = document.querySelector("h1");
    if (!heading) return null;
    const box = heading.getBoundingClientRect();
    return {x: box.x, y: box.y, width: box.width, height: box.height};
}"""


@pytest.fixture(scope="module")
def browser_without_the_scripts_fonts(launch_browser, tmp_path_factory):
    """Chromium on a machine with no Khmer or Myanmar font of its own."""
    folder = tmp_path_factory.mktemp("fontconfig")
    (folder / "fonts.conf").write_text(NO_KHMER_OR_MYANMAR_FONTS)
    bare = launch_browser(FONTCONFIG_FILE=str(folder / "fonts.conf"))
    yield bare
    bare.close()


@pytest.fixture
def khmer_and_burmese_pages(django_db_serialized_rollback, live_server):
    """A course with its title in Khmer and in Burmese; {language: URL}."""
    return course_titled(live_server, TITLES)


def crop(png, box):
    image = Image.open(io.BytesIO(png)).convert("L")
    return image.crop(
        (
            round(box["x"]),
            round(box["y"]),
            round(box["x"] + box["width"]),
            round(box["y"] + box["height"]),
        )
    )


def has_ink(image):
    """Whether anything is drawn on the heading's background."""
    low, high = image.getextrema()
    return high - low > 64


def screenshot(cdp):
    """The page as painted now (base64 PNG), or None while it has no frame to show yet."""
    try:
        return cdp.send("Page.captureScreenshot", {"format": "png"})["data"]
    except BrowserError as error:
        if "Unable to capture screenshot" not in str(error):
            raise
        time.sleep(0.05)
        return None


DETACHED = "Not attached to an active page"
ATTEMPTS = 3


def load_slowly(browser, url):
    """Screenshots of the page, with the heading's box in each, from the first answer until
    its fonts have loaded: [(png, box)]. Loaded again in a new tab if Chromium moved the tab
    to another renderer on the way, detaching the DevTools session that throttles it and
    takes the screenshots (seen on a busy machine): the page is not at fault then."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return load_slowly_once(browser, url)
        except BrowserError as error:
            if DETACHED not in str(error) or attempt == ATTEMPTS:
                raise
    return None


def load_slowly_once(browser, url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    # A page of the same site first: going there from about:blank may move the tab to another
    # renderer, which would detach the DevTools session that throttles and screenshots.
    page.goto(urljoin(url, "/robots.txt"))
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    try:
        page.goto(url, wait_until="commit", timeout=60_000)
        shots = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            png = screenshot(cdp)
            if png is None:
                continue
            shots.append((png, page.evaluate(HEADING_BOX)))
            done = page.evaluate(
                "document.readyState === 'complete' && document.fonts.status === 'loaded'"
            )
            if done and len(shots) > 1:
                break
        page.evaluate("document.fonts.ready.then(() => true)")
        png = cdp.send("Page.captureScreenshot", {"format": "png"})["data"]
        shots.append((png, page.evaluate(HEADING_BOX)))
        return [(base64.b64decode(png), box) for png, box in shots]
    finally:
        context.close()


@pytest.mark.parametrize("lang", list(TITLES))
def test_first_painted_heading_is_in_the_web_font_on_a_slow_link(
    browser_without_the_scripts_fonts, khmer_and_burmese_pages, lang
):
    shots = load_slowly(browser_without_the_scripts_fonts, khmer_and_burmese_pages[lang])

    final_png, final_box = shots[-1]
    loaded = crop(final_png, final_box)
    assert has_ink(loaded), "the heading never showed"
    first = next(
        (crop(png, box) for png, box in shots if box and box["width"] and has_ink(crop(png, box))),
        None,
    )
    folder = ARTIFACTS / "slow-link-fonts"
    folder.mkdir(parents=True, exist_ok=True)
    loaded.save(folder / f"{lang}-loaded.png")
    first.save(folder / f"{lang}-first.png")

    # The same picture, give or take anti-aliasing: not boxes, not another font.
    same_size = first.size == loaded.size
    differing = sum(ImageChops.difference(first, loaded).histogram()[65:]) if same_size else None
    assert same_size and differing <= first.width * first.height // 100, (
        f"the {lang} heading was first painted differently from its web font "
        f"({len(shots)} screenshots; first {first.size}, loaded {loaded.size}, "
        f"{differing} pixels differ): see {folder}"
    )
