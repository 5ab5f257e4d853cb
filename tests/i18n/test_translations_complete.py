"""Every interface string is translated into the six languages besides English, and no page
shows an English interface string to a visitor who chose another language."""

import re

import polib
import pytest
from bs4 import BeautifulSoup

from tests import factories
from tests.helpers import PROJECT_ROOT

LOCALE_DIR = PROJECT_ROOT / "locale"
# Catalogue folder per language (Django's locale names: zh_Hans for zh-hans).
CATALOGUES = {
    "zh-hans": "zh_Hans",
    "th": "th",
    "vi": "vi",
    "lo": "lo",
    "km": "km",
    "my": "my",
}
# Visible text and the attributes a screen reader or a tooltip reads out.
READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")


def catalogue(lang):
    return polib.pofile(str(LOCALE_DIR / CATALOGUES[lang] / "LC_MESSAGES" / "django.po"))


def label(entry):
    where = ", ".join(f"{path}:{line}" for path, line in entry.occurrences[:2])
    context = f" (context {entry.msgctxt!r})" if entry.msgctxt else ""
    return f"{entry.msgid!r}{context} [{where}]"


@pytest.mark.parametrize("lang", list(CATALOGUES))
def test_every_string_in_the_catalogue_is_translated(lang):
    # Every string, not only the templates': editors use the admin in these languages too, and
    # model labels (framework names, block titles) also reach the public pages.
    entries = catalogue(lang)
    missing = [label(e) for e in entries.untranslated_entries() if not e.obsolete]
    fuzzy = [label(e) for e in entries.fuzzy_entries()]
    assert not missing and not fuzzy, (
        f"locale/{CATALOGUES[lang]}: {len(missing)} untranslated, {len(fuzzy)} fuzzy:\n"
        + "\n".join([*(f"untranslated {m}" for m in missing), *(f"fuzzy {f}" for f in fuzzy)])
    )


def english_interface_strings(lang):
    """The English source strings of the templates that ``lang`` translates differently, as
    patterns matching them as whole words (strings with placeholders left out)."""
    patterns = {}
    for entry in catalogue(lang).translated_entries():
        from_templates = any(path.startswith("templates/") for path, _ in entry.occurrences)
        if not from_templates or re.search(r"%\(|\{", entry.msgid):
            continue
        if entry.msgstr.strip() == entry.msgid.strip():
            continue
        patterns[entry.msgid] = re.compile(rf"(?<!\w){re.escape(entry.msgid)}(?!\w)")
    return patterns


def read_out_text(html):
    """What a visitor reads or hears: the text and the labelling attributes, without what the
    page marks as English on purpose (the site name is shown in Chinese and English)."""
    page = BeautifulSoup(html, "html.parser")
    for element in page.find_all(["script", "style", "code"]):
        element.decompose()
    for element in page.find_all(lang=re.compile(r"^en\b", re.IGNORECASE)):
        if element.name != "html":
            element.decompose()
    texts = [" ".join(page.get_text(" ").split())]
    for attribute in READ_ATTRIBUTES:
        texts += [element[attribute] for element in page.find_all(attrs={attribute: True})]
    return "\n".join(texts)


@pytest.fixture
def pages_in_every_language(site_tree):
    """{language: {page name: URL}}: the home page, a listing, one resource of each type and
    the search page, in every language but English."""
    section = site_tree["section"]
    resources = {
        "course": factories.CoursePageFactory,
        "standard": factories.VocationalStandardPageFactory,
        "material": factories.TeachingMaterialPageFactory,
        "certification": factories.CertificationPageFactory,
    }
    # Content in Chinese (the factories' defaults are English): only the interface is checked.
    content = {
        "summary": "澜湄职业教育联盟的电动汽车维修资源。",
        "level": factories.QualificationLevelFactory(name="三级 熟练工"),
    }
    sources = {
        name: factories.published_resource(
            section, factory=factory, title=f"电动汽车 {name}", **content
        )
        for name, factory in resources.items()
    }
    sources["standard"].issuing_body = "澜湄职业教育联盟"
    factories.publish(sources["standard"])
    urls = {}
    for lang in CATALOGUES:
        translated = {
            name: page if lang == "zh-hans" else factories.translate(page, lang)
            for name, page in sources.items()
        }
        listing = translated["course"].get_parent()
        urls[lang] = {
            "home": f"/{lang}/",
            "listing": listing.url,
            **{name: page.url for name, page in translated.items()},
            "search": f"/{lang}/search/?q=电动汽车&type=course",
        }
    return urls


@pytest.mark.parametrize("lang", list(CATALOGUES))
def test_pages_show_no_english_interface_strings(client, pages_in_every_language, lang):
    english = english_interface_strings(lang)
    assert "Skip to main content" in english
    found = {}
    for name, url in pages_in_every_language[lang].items():
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        text = read_out_text(response.content.decode())
        leaked = sorted(msgid for msgid, pattern in english.items() if pattern.search(text))
        if leaked:
            found[f"{name} ({url})"] = leaked
    assert not found, f"English interface strings on {lang} pages: {found}"
