"""Template tags for the public site: languages, localized snippets and navigation."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import formats, translation
from django.utils.translation import ngettext
from wagtail.models import Locale, Site

from digital_lm.languages import DEFAULT_LANGUAGE, LANGUAGES, bcp47, language_name
from resources.localization import localize_all
from resources.models import ResourceIndexPage

register = template.Library()

register.filter("bcp47", bcp47)
register.filter("language_name", language_name)  # in its own script: 'lo' -> 'ລາວ'


@register.filter
def page_language(page):
    """The BCP 47 tag of the language a page is written in."""
    if page is None:
        return ""
    return bcp47(page.locale.language_code)


@register.filter
def file_size(num_bytes):
    """A human-readable file size: '850 bytes', '1.2 MB'.

    Like Django's filesizeformat, but its one translatable phrase lives in our catalogue:
    Django has no Lao catalogue, so filesizeformat would fall back to Chinese on Lao pages.
    Unit symbols (KB, MB, GB) are written the same way in all seven languages.
    """
    try:
        size = int(num_bytes)
    except (TypeError, ValueError):
        return ""
    if size < 1024:
        return ngettext("%(size)d byte", "%(size)d bytes", size) % {"size": size}
    value = float(size)
    for unit in ("KB", "MB", "GB", "TB"):
        value /= 1024
        if value < 1024 or unit == "TB":
            return f"{formats.number_format(value, 1)}\xa0{unit}"
    return ""


@register.filter
def elided_page_range(page_obj):
    """Page numbers around the current one, with Paginator.ELLIPSIS for the gaps."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.filter
def localized(obj):
    """A translatable snippet in the active language (one query; use on detail pages only)."""
    if obj is None:
        return None
    return obj.localized


@register.simple_tag
def localized_all(objects):
    """Translatable snippets in the active language, one query per model: ``{% localized_all
    page.sectors.all as sectors %}``."""
    objects = list(objects)
    local = localize_all(objects)
    return [local[obj] for obj in objects if obj is not None]


@register.simple_tag
def language_home_url(language_code):
    """The URL of a language's home page: /lo/, /zh-hans/..."""
    with translation.override(language_code):
        try:
            return reverse("wagtail_serve", args=[""])
        except NoReverseMatch:
            return f"/{language_code}/"


def _live_translations(page):
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

    translations = _live_translations(page)
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


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context, page=None):
    """Links to this page in each language, or to that language's home page where the page
    has no live translation. Works without a page (then every entry goes to a home page)."""
    request = context.get("request")
    page = page or None  # a missing template variable arrives as ""
    return {"languages": language_versions(request, page), "page": page, "request": request}


@register.inclusion_tag("includes/hreflang_links.html", takes_context=True)
def hreflang_links(context, page=None):
    """``<link rel="alternate" hreflang>`` for every live translation of the page."""
    if not page:
        return {"alternates": [], "default": None}
    entries = [e for e in language_versions(context.get("request"), page) if e["available"]]
    default = next((e for e in entries if e["code"] == DEFAULT_LANGUAGE), None)
    return {"alternates": entries, "default": default}


def _language_home(request):
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


@register.inclusion_tag("includes/primary_nav.html", takes_context=True)
def primary_nav(context, page=None):
    """The site's main sections in the active language: home, workshops and the catalogue."""
    request = context.get("request")
    page = page or None
    home = _language_home(request)
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
        "request": request,
    }
