"""Lao, Khmer and Myanmar text is drawn with the site's own web fonts, not with whatever the
visitor's system has (or with missing-glyph boxes).

The browser reports which fonts it used for a node's text (Chrome DevTools Protocol,
CSS.getPlatformFontsForNode): every glyph of the heading must come from the self-hosted Noto
font of its script, loaded through @font-face from digital_lm/static/fonts/. If a font file
went missing, the text would fall back to a system font (or to boxes) and the test fails.

Screenshots: test-artifacts/fonts/<lang>.png.
"""

import pytest

from tests.browser.fonts import course_titled, platform_fonts
from tests.helpers import ARTIFACTS

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture fails with the reason and the remedy
    expect = None

pytestmark = pytest.mark.browser

# language: (CSS family of our @font-face rules, family name inside the font file, heading)
SCRIPTS = {
    "lo": ("DLM Noto Sans Lao", "Noto Sans Lao", "ການສ້ອມແປງລົດໄຟຟ້າ"),
    "km": ("DLM Noto Sans Khmer", "Noto Sans Khmer", "ការថែទាំរថយន្តអគ្គិសនី"),
    "my": ("DLM Noto Sans Myanmar", "Noto Sans Myanmar", "လျှပ်စစ်ကား ပြုပြင်ထိန်းသိမ်းခြင်း"),
}


@pytest.fixture
def translated_course(django_db_serialized_rollback, live_server):
    """A course with its title in Lao, Khmer and Myanmar; {language: URL}."""
    return course_titled(live_server, {lang: title for lang, (_, _, title) in SCRIPTS.items()})


@pytest.mark.parametrize("lang", list(SCRIPTS))
def test_headings_use_the_sites_own_font_for_their_script(page, translated_course, lang):
    css_family, font_family, title = SCRIPTS[lang]
    page.goto(translated_course[lang])
    heading = page.locator("h1")
    expect(heading).to_have_text(title)
    page.evaluate("document.fonts.ready.then(() => true)")
    assert page.evaluate(
        '([family, text]) => document.fonts.check(`700 32px "${family}"`, text)',
        [css_family, title],
    ), f"{css_family} is not loaded for {title!r}"

    fonts = platform_fonts(page, "h1")
    script_glyphs = [f for f in fonts if f["familyName"] == font_family and f["isCustomFont"]]
    assert script_glyphs and script_glyphs[0]["glyphCount"] > 0, (
        f"the {lang} heading is not drawn with the self-hosted {font_family}: {fonts}"
    )
    # Everything else in the heading is spaces (the Myanmar title has one); anything drawn by
    # another font would be a fallback for letters the web font did not cover.
    others = [f for f in fonts if f not in script_glyphs]
    spaces = title.count(" ")
    assert sum(f["glyphCount"] for f in others) <= spaces, (
        f"part of the {lang} heading fell back to another font: {fonts}"
    )

    folder = ARTIFACTS / "fonts"
    folder.mkdir(parents=True, exist_ok=True)
    heading.screenshot(path=str(folder / f"{lang}.png"), animations="disabled")
