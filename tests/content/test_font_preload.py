"""A page preloads its own language's web fonts, the very files its stylesheet draws that
script with, so that a slow link brings them with the stylesheet; pages whose language the
visitor's system fonts draw preload none. The language switcher's names come from small
files of their own, holding every name's letters."""

import re

import pytest
from django.contrib.staticfiles import finders

from digital_lm.languages import LANGUAGE_CODES, LANGUAGES
from tests.helpers import soup

SCRIPT_FILES = {"th": "thai", "lo": "lao", "km": "khmer", "my": "myanmar"}


def stylesheet():
    return open(finders.find("css/site.css"), encoding="utf-8").read()


def font_faces(family):
    """{file name: unicode-range} of the stylesheet's @font-face rules for ``family``."""
    faces = {}
    for rule in re.findall(r"@font-face\s*{([^}]*)}", stylesheet()):
        if f'font-family: "{family}";' in rule:
            name = re.search(r'url\("\.\./fonts/([^"]+)"\)', rule).group(1)
            faces[name] = re.search(r"unicode-range:\s*([^;]+);", rule).group(1)
    return faces


def preloaded(client, url):
    page = soup(client.get(url))
    links = page.find_all("link", rel="preload")
    for link in links:
        assert (link["as"], link["type"], link.has_attr("crossorigin")) == (
            "font",
            "font/woff2",
            True,
        )
    return [link["href"] for link in links]


@pytest.mark.parametrize("lang", LANGUAGE_CODES)
def test_a_page_preloads_the_fonts_its_language_is_drawn_with(client, site_tree, lang):
    script = SCRIPT_FILES.get(lang)
    # Regular and bold (body text and headings); none where the system's fonts draw it.
    drawn_with = font_faces(f"DLM Noto Sans {script.title()}") if script else {}
    assert len(drawn_with) == (2 if script else 0)

    assert preloaded(client, f"/{lang}/") == [f"/static/fonts/{name}" for name in drawn_with]


def test_the_switchers_names_have_small_fonts_of_their_own():
    faces = font_faces("DLM Language Names")

    assert sorted(faces) == sorted(f"language-names-{s}-400.woff2" for s in SCRIPT_FILES.values())
    for name in faces:
        path = finders.find(f"fonts/{name}")
        assert path, name
        with open(path, "rb") as font:
            assert len(font.read()) < 4096, f"{name} is not a few glyphs"

    # Every letter of a name in one of the self-hosted scripts is in one of those files' ranges.
    def ranges(faces):
        return [
            (int(low, 16), int(high or low, 16))
            for value in faces.values()
            for low, high in re.findall(r"U\+([0-9A-F]+)(?:-([0-9A-F]+))?", value)
        ]

    scripts = [
        r for s in SCRIPT_FILES.values() for r in ranges(font_faces(f"DLM Noto Sans {s.title()}"))
    ]
    names = ranges(faces)
    letters = {char for _code, name in LANGUAGES for char in name}
    for char in letters:
        if any(low <= ord(char) <= high for low, high in scripts):
            assert any(low <= ord(char) <= high for low, high in names), char
