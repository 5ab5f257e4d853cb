"""What a cold load of the home page costs a visitor on a slow link: no whole font of a script
the page only names in its language switcher, and pictures in WebP or AVIF at about the size
they are shown.

The switcher names every language in its own script on every page; whole Lao, Khmer, Myanmar
and Thai fonts for those seven words weighed 90 KB. Its names are drawn with a few glyphs cut
from the same fonts (scripts/update-fonts.sh). Screenshot: test-artifacts/page-weight/home.png.
"""

import re

import pytest
from wagtail.images.tests.utils import get_test_image_file
from wagtail_factories import ImageFactory

from tests import factories
from tests.browser.fonts import platform_fonts
from tests.helpers import ARTIFACTS

pytestmark = pytest.mark.browser

WHOLE_FONT = re.compile(r"/static/fonts/noto-sans-[a-z]+-[a-z]+-\d+-normal\.[0-9a-f.]*woff2$")
NAMES_FONT = re.compile(r"/static/fonts/language-names-[a-z]+-\d+\.[0-9a-f.]*woff2$")
MODERN_IMAGES = {"image/webp", "image/avif"}


@pytest.fixture
def home_with_workshops(django_db_serialized_rollback, live_server):
    """The zh-hans home page with three workshops, each with a 1200×400 picture; its URL."""
    tree = factories.build_site_tree()
    for n in range(3):
        picture = ImageFactory(title=f"Workshop {n}", file=get_test_image_file(size=(1200, 400)))
        factories.publish(
            factories.WorkshopPageFactory(parent=tree["home"], title=f"工作坊 {n}", image=picture)
        )
    return live_server.url + tree["home"].url


def cold_load(page, url):
    """Open ``url`` with an empty cache, scroll to the end so that lazy pictures come, and
    wait for them; {url: content type} of every response."""
    responses = {}
    page.on("response", lambda r: responses.update({r.url: r.headers.get("content-type", "")}))
    page.goto(url)
    page.mouse.wheel(0, 10_000)
    page.wait_for_function(
        "() => [...document.images].every(image => image.complete && image.naturalWidth > 0)"
    )
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    return responses


def test_home_page_fetches_no_whole_font_of_a_script_it_only_names(page, home_with_workshops):
    responses = cold_load(page, home_with_workshops)

    fonts = [url for url in responses if url.endswith(".woff2")]
    assert not [url for url in fonts if WHOLE_FONT.search(url)], (
        f"the Chinese home page fetched whole fonts for its language switcher: {fonts}"
    )
    # The four scripts' names are still drawn with the site's own glyphs, not boxes.
    assert len([url for url in fonts if NAMES_FONT.search(url)]) == 4, fonts
    for lang in ("th", "lo", "km", "my"):
        fonts = platform_fonts(page, f'.language-switcher [lang="{lang}"]')
        assert [f["isCustomFont"] for f in fonts] == [True], (
            f"the {lang} name in the switcher is not drawn with the site's glyphs alone: {fonts}"
        )

    folder = ARTIFACTS / "page-weight"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / "home.png"), full_page=True, animations="disabled")


def test_home_page_pictures_are_webp_or_avif_at_the_size_shown(page, home_with_workshops):
    responses = cold_load(page, home_with_workshops)

    pictures = page.evaluate(
        """[...document.querySelectorAll("main img")].map(image => ({
            src: image.currentSrc,
            natural: image.naturalWidth,
            shown: image.getBoundingClientRect().width,
            width: image.getAttribute("width"),
            height: image.getAttribute("height"),
            loading: image.loading,
        }))"""
    )
    assert len(pictures) == 3
    for picture in pictures:
        assert responses[picture["src"]] in MODERN_IMAGES, picture
        # Device pixel ratio 1 here: twice the size shown is what a 2x screen would take.
        assert picture["natural"] <= 2 * picture["shown"], picture
        # The browser reserves the picture's place before it comes: no layout shift.
        assert picture["width"] and picture["height"], picture
        # Below the hero: fetched only when scrolled near.
        assert picture["loading"] == "lazy", picture
