"""Where the header leads: this page in each alliance language (or that language's home page),
and the site's main sections in the active language."""

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Locale, Site

from digital_lm.languages import DEFAULT_LANGUAGE, LANGUAGES, bcp47
from resources.models import ResourceIndexPage


def language_home_url(language_code):
    """The URL of a language's home page: /lo/, /zh-hans/..."""
    with translation.override(language_code):
        try:
            return reverse("wagtail_serve", args=[""])
        except NoReverseMatch:
            return f"/{language_code}/"


def live_translations(page):
    """Live translations of ``page`` (itself included), by language code. One query."""
    if page is None or not getattr(page, "pk", None):
        return {}
    translations = page.get_translations(inclusive=True).live().select_related("locale")
    return {t.locale.language_code: t for t in translations}


def language_versions(request, page):
    """One entry per alliance language: where the visitor can read this page in it.

    Computed once per request and page.
    """
    cache = getattr(request, "_dlm_language_versions", None) if request else None
    key = getattr(page, "pk", None)
    if cache is not None and key in cache:
        return cache[key]

    translations = live_translations(page)
    current = translation.get_language() or DEFAULT_LANGUAGE
    entries = []
    for code, name in LANGUAGES:
        match = translations.get(code)
        url = match.get_url(request) if match is not None else None
        entries.append(
            {
                "code": code,
                "lang": bcp47(code),
                "name": name,
                "url": url,
                "full_url": match.get_full_url(request) if match is not None else None,
                "available": url is not None,
                "home_url": language_home_url(code),
                "is_current": code == current,
            }
        )
    if request is not None:
        if cache is None:
            cache = {}
            request._dlm_language_versions = cache
        cache[key] = entries
    return entries


def hreflang_alternates(request, page):
    """(the live translations of ``page`` as language entries, the ``x-default`` address or
    ""), for ``<link rel="alternate" hreflang>``, as the sitemaps say (interop.sitemaps): a
    resource's permanent link and a home page's site root, which lead each visitor to their
    language; else the default language's translation."""
    if not page:
        return [], ""
    entries = [e for e in language_versions(request, page) if e["available"]]
    if getattr(page, "external_id", "") and request is not None:
        return entries, request.build_absolute_uri(
            reverse("permanent_link", args=[page.external_id])
        )
    if page.depth == 2 and request is not None:  # a site's root page, in one of its languages
        return entries, request.build_absolute_uri("/")
    default = next((e for e in entries if e["code"] == DEFAULT_LANGUAGE), None)
    return entries, default["full_url"] if default else ""


def language_home(request):
    """The home page of the active language (the site's root page, localized)."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if site is None:
        return None
    root = site.root_page
    locale = Locale.get_active()
    if root.locale_id == locale.id:
        return root.specific
    home = root.get_translations().filter(locale=locale).live().first()
    return home.specific if home is not None else root.specific


def primary_nav(request, page=None):
    """The site's main sections in the active language: home, workshops and the catalogue,
    and which of them ``page`` is or is in."""
    home = language_home(request)
    catalogue = None
    if home is not None:
        catalogue = ResourceIndexPage.objects.child_of(home).live().public().first()
    in_catalogue = bool(
        page is not None
        and catalogue is not None
        and getattr(page, "path", "").startswith(catalogue.path)
    )
    return {
        "home": home,
        "catalogue": catalogue,
        "is_home": page is not None and home is not None and page.pk == home.pk,
        "in_catalogue": in_catalogue,
        "is_catalogue": page is not None and catalogue is not None and page.pk == catalogue.pk,
    }
