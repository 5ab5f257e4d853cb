"""The page tree above the resources: one HomePage per language, the site, the catalogue,
the six workshops and a section per institution."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site

from digital_lm.languages import LANGUAGE_CODES
from home.models import HomePage
from resources.models import ResourceIndexPage, WorkshopPage

from . import data, media, phrases
from .files import get_collection, upsert_image
from .sync import sync_page, upsert_row
from .texts import SOURCE_LANGUAGE, body, pick, rich

SITE_NAME = "数字澜湄 Digital Lancang-Mekong"


def find_or_new(model, locale, lookup, parent=None, **new_attrs):
    """The page of ``model`` in ``locale`` matching ``lookup`` (under ``parent`` if given),
    or a new unsaved one."""
    qs = model.objects.filter(locale=locale, **lookup)
    if parent is not None:
        qs = qs.child_of(parent)
    return qs.first() or model(locale=locale, **lookup, **new_attrs)


def translated(model, source, locale, slug):
    """``source``'s translation into ``locale`` (a new page sharing its translation_key if
    there is none yet; ``slug`` is only used then)."""
    if locale.language_code == SOURCE_LANGUAGE:
        return source
    return find_or_new(model, locale, {"translation_key": source.translation_key}, slug=slug)


def local(by_lang, lang):
    """A snippet in ``lang``, or its zh-hans source where it has no translation."""
    return by_lang.get(lang) or by_lang[SOURCE_LANGUAGE]


def remove_welcome_page():
    """Wagtail's first migration leaves a bare "Welcome to your new Wagtail site!" page (and
    a Site on it, deleted with it). Remove it only while it is that untouched placeholder."""
    bare_page = ContentType.objects.get_for_model(Page)
    for page in Page.objects.filter(depth=2, content_type=bare_page):
        if page.is_leaf():
            page.delete()


def load_homes(locales, tally):
    root = Page.get_first_root_node()
    homes = {}
    source = find_or_new(HomePage, locales[SOURCE_LANGUAGE], {"slug": "home"}, parent=root)
    for lang in LANGUAGE_CODES:
        text = phrases.HOME[lang]
        page = source if lang == SOURCE_LANGUAGE else translated(
            HomePage, source, locales[lang], slug=f"home-{lang}"
        )  # fmt: skip
        fields = {"title": text["title"], "tagline": text["tagline"], "intro": rich(text["intro"])}
        homes[lang] = sync_page(page, root, fields, tally)
    upsert_row(
        Site,
        {"is_default_site": True},
        {
            "hostname": "localhost",
            "port": 80,
            "root_page": homes[SOURCE_LANGUAGE],
            "site_name": SITE_NAME,
        },
        tally,
    )
    return homes


def load_catalogues(homes, locales, tally):
    catalogues = {}
    source = None
    for lang in LANGUAGE_CODES:
        title, intro = phrases.CATALOGUE[lang]
        page = (
            find_or_new(ResourceIndexPage, locales[lang], {"slug": "resources"}, parent=homes[lang])
            if source is None
            else translated(ResourceIndexPage, source, locales[lang], slug="resources")
        )
        catalogues[lang] = sync_page(
            page, homes[lang], {"title": title, "intro": rich(intro)}, tally
        )
        source = source or catalogues[lang]
    return catalogues


def load_workshops(homes, locales, countries, institutions, tally):
    collection = get_collection("Lancang-Mekong Workshops", tally)
    workshops = {}
    for item in data.WORKSHOPS:
        country_en = data.COUNTRY_NAMES[item["country"]]["en"]
        banner = upsert_image(
            f"Lancang-Mekong Workshop — {country_en}",
            collection,
            f"{item['slug']}.png",
            media.banner_png(item["slug"], country_en, item["speciality"]["en"]),
            tally,
        )
        source = None
        for lang in LANGUAGE_CODES:
            page = (
                find_or_new(WorkshopPage, locales[lang], {"slug": item["slug"]}, parent=homes[lang])
                if source is None
                else translated(WorkshopPage, source, locales[lang], slug=item["slug"])
            )
            fields = workshop_fields(item, lang, countries, institutions, banner)
            workshops[(item["slug"], lang)] = sync_page(page, homes[lang], fields, tally)
            source = source or page
    return workshops


def workshop_fields(item, lang, countries, institutions, banner):
    words = phrases.WORKSHOP[lang]
    lead = local(institutions[item["lead"]], lang)
    speciality = item["speciality"][lang]
    summary = words["summary"].format(lead=lead.name, speciality=speciality)
    paragraphs = [summary] + ([words["more"]] if "more" in words else [])
    return {
        "title": words["title"].format(country=data.COUNTRY_NAMES[item["country"]][lang]),
        "country": countries[item["country"]][lang],
        "speciality": speciality,
        "city": pick(item["city"], lang),
        "summary": summary,
        "lead_institution": lead,
        "partners": [local(institutions[slug], lang) for slug in item["partners"]],
        "image": banner,
        "body": body(words["heading"], *paragraphs),
    }


def load_sections(catalogues, locales, institutions, languages_by_slug, tally):
    """One ResourceIndexPage per institution, in each language it publishes in."""
    sections = {}
    for item in data.INSTITUTIONS:
        source = None
        for lang in languages_by_slug.get(item["slug"], []):
            parent = catalogues[lang]
            page = (
                find_or_new(ResourceIndexPage, locales[lang], {"slug": item["slug"]}, parent=parent)
                if source is None
                else translated(ResourceIndexPage, source, locales[lang], slug=item["slug"])
            )
            fields = {
                "title": pick(item["name"], lang),
                "intro": rich(pick(item["description"], lang)),
                "institution": local(institutions[item["slug"]], lang),
            }
            sections[(item["slug"], lang)] = sync_page(page, parent, fields, tally)
            source = source or page
    return sections
