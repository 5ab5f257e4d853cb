"""Where the header leads: this page in each alliance language (or that language's home page),
and the site's main sections in the active language."""

from django.urls import NoReverseMatch, reverse
from django.utils import translation
from wagtail.models import Site

from digital_lm.languages import DEFAULT_LANGUAGE, LANGUAGES, bcp47
from resources.caching import active_locale, cached, public
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


def _translation_addresses(request, page):
    """{language code: (url, full url)} of the live translations of ``page``: the same for
    every visitor of the site, kept for the generation."""
    return {
        code: (match.get_url(request), match.get_full_url(request))
        for code, match in live_translations(page).items()
    }


def language_versions(request, page):
    """One entry per alliance language: where the visitor can read this page in it.

    Computed once per request and page.
    """
    cache = getattr(request, "_dlm_language_versions", None) if request else None
    key = getattr(page, "pk", None)
    if cache is not None and key in cache:
        return cache[key]

    if key is None:
        addresses = {}
    else:
        addresses = cached(
            "translations", lambda: _translation_addresses(request, page), key, _site_key(request)
        )
    current = translation.get_language() or DEFAULT_LANGUAGE
    entries = []
    for code, name in LANGUAGES:
        url, full_url = addresses.get(code, (None, None))
        entries.append(
            {
                "code": code,
                "lang": bcp47(code),
                "name": name,
                "url": url,
                "full_url": full_url,
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


def _site_key(request):
    """What a page's addresses depend on besides the page: the host the request came to."""
    return request.get_host() if request is not None else ""


def language_home(request):
    """The home page of the active language (the site's root page, localized)."""
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.select_related("root_page").filter(is_default_site=True).first()
    if site is None:
        return None
    root = site.root_page
    locale = active_locale()
    if root.locale_id == locale.id:
        return root.specific
    home = root.get_translations().filter(locale=locale).live().first()
    return home.specific if home is not None else root.specific


def _main_sections(request):
    """The addresses of the active language's home page and catalogue (and what tells
    whether a page is or is in them)."""
    home = language_home(request)
    catalogue = None
    if home is not None:
        catalogue = public(ResourceIndexPage.objects.child_of(home).live()).first()
    return {
        "home_pk": home.pk if home is not None else None,
        "home_url": home.get_url(request) if home is not None else None,
        "catalogue_pk": catalogue.pk if catalogue is not None else None,
        "catalogue_path": catalogue.path if catalogue is not None else None,
        "catalogue_url": catalogue.get_url(request) if catalogue is not None else None,
    }


def primary_nav(request, page=None):
    """The site's main sections in the active language: home, workshops and the catalogue,
    and which of them ``page`` is or is in. The same for every visitor of a language: kept
    for the generation."""
    sections = cached(
        "main-sections",
        lambda: _main_sections(request),
        translation.get_language(),
        _site_key(request),
    )
    pk = getattr(page, "pk", None)
    catalogue_path = sections["catalogue_path"]
    return {
        "home_url": sections["home_url"],
        "catalogue_url": sections["catalogue_url"],
        "is_home": page is not None and pk is not None and pk == sections["home_pk"],
        "in_catalogue": bool(
            page is not None
            and catalogue_path is not None
            and getattr(page, "path", "").startswith(catalogue_path)
        ),
        "is_catalogue": page is not None and pk is not None and pk == sections["catalogue_pk"],
    }
