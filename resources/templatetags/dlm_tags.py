"""Template tags for the public site: languages, localized snippets, navigation. The logic
lives in ``resources.localization`` and ``resources.navigation``; tags only hand it over."""

from django import template
from django.conf import settings
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

from digital_lm.fonts import font_urls
from digital_lm.languages import bcp47, language_name
from resources import caching, listing, navigation
from resources.localization import localize_all, localized_list
from resources.navigation import hreflang_alternates, language_home_url, language_versions
from resources.permalinks import permanent_url as _permanent_url

register = template.Library()

register.filter("bcp47", bcp47)
register.filter("language_name", language_name)  # in its own script: 'lo' -> 'ລາວ'


@register.simple_tag(takes_context=True)
def editor_userbar(context):
    """Wagtail's user bar (edit this page, its accessibility checks...) for a signed-in user
    who may use the admin. A request without a session cookie cannot be signed in: its page
    never reads the session, so it stays one page for every anonymous visitor (no "Vary:
    Cookie", no query)."""
    request = context.get("request")
    if request is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return ""
    return wagtailuserbar(context)


@register.inclusion_tag("includes/font_preload.html")
def font_preloads(language_code):
    """Preload links for the web fonts of a page's language (none where system fonts draw it)."""
    return {"fonts": font_urls(language_code)}


@register.simple_tag(takes_context=True)
def permanent_url(context, page):
    """The page's permanent link, absolute: ``{% permanent_url page as url %}``."""
    return _permanent_url(page, context.get("request"))


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
def ids(objects):
    """The ids of ``objects``, as a kept fragment's key: ``{% shared_fragment "files" files|ids %}``."""
    return [obj.pk for obj in objects]


@register.filter
def elided_page_range(page_obj):
    """Page numbers around the current one, with Paginator.ELLIPSIS for the gaps."""
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.filter
def localized(obj):
    """A translatable snippet in the active language (no query for a taxonomy)."""
    if obj is None:
        return None
    return localize_all([obj])[obj]


# What a page shows of its place and its links, kept between requests (resources.caching):
# {% with ancestors=page|ancestors parent=page|parent_page %}, page|related:"sectors".
register.filter("ancestors", caching.ancestors)
register.filter("parent_page", caching.parent)
register.filter("related", caching.related_objects)

# {% localized_all page|related:"sectors" as sectors %}: one query per model.
register.simple_tag(localized_list, name="localized_all")
register.simple_tag(language_home_url)


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
    alternates, default_url = hreflang_alternates(context.get("request"), page)
    return {"alternates": alternates, "default_url": default_url}


@register.inclusion_tag("includes/primary_nav.html", takes_context=True)
def primary_nav(context, page=None):
    """The site's main sections in the active language: home, workshops and the catalogue."""
    request = context.get("request")
    return {**navigation.primary_nav(request, page or None), "request": request}


@register.simple_tag(takes_context=True)
def resource_cards(context, cards):
    """``{% resource_cards resources as cards %}``: the HTML of each card of a list
    (includes/resource_card.html), kept as ``resources.listing.card_html`` says."""
    card_template = context.template.engine.get_template("includes/resource_card.html")
    request = context.get("request")
    tag_base_url = context.get("tag_base_url") or ""
    active_type = context.get("active_type") or ""

    def render(resource):
        with context.push(resource=resource, heading_level=3):
            return card_template.render(context)

    site = request.get_host() if request is not None else ""
    return [
        mark_safe(html)  # noqa: S308 — rendered by the template engine, escaped there
        for html in listing.card_html(cards, render, site, tag_base_url, active_type)
    ]


class SharedFragmentNode(template.Node):
    def __init__(self, name, parts, nodelist):
        self.name, self.parts, self.nodelist = name, parts, nodelist

    def render(self, context):
        parts = [part.resolve(context) for part in self.parts]
        html = caching.fragment(
            context.get("request"),
            context.get("page"),
            self.name,
            lambda: self.nodelist.render(context),
            *parts,
        )
        return mark_safe(html)  # noqa: S308 — rendered by the template engine, escaped there


@register.tag
def shared_fragment(parser, token):
    """``{% shared_fragment "header" [value ...] %}...{% endshared_fragment %}``: what is
    inside, rendered once per generation for every visitor of the page in a language (and
    each of the values), as ``resources.caching.fragment`` says. Nothing inside may show
    anything of the visitor, and variables set inside are not seen after it."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes a quoted name, then values")
    nodelist = parser.parse(("endshared_fragment",))
    parser.delete_first_token()
    return SharedFragmentNode(bits[1][1:-1], [parser.compile_filter(b) for b in bits[2:]], nodelist)
