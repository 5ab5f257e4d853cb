"""The discovery search page, /<lang>/search/: one GET form that works without JavaScript.

The text box, the sort order and every facet checkbox belong to the same form, so a search
is a plain link that can be shared, bookmarked and paged. The page's language is the one in
its URL; a ``lang`` parameter is ignored here (it is the API's).
"""

import html
import re
from dataclasses import replace
from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Paginator
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from digital_lm.languages import accepted_languages, bcp47, in_alliance_order, language_name
from discovery import service
from discovery.facets import FACETS, FACETS_BY_NAME
from discovery.params import (
    MAX_QUERY_LENGTH,
    MAX_RESULT_WINDOW,
    SORTS,
    InvalidQuery,
    parse_query,
)
from discovery.results import FacetValue
from resources.localization import language_links
from resources.models.base import resource_type, resource_types

TEMPLATE = "search/search_page.html"
SORT_LABELS = {
    "relevance": _("Best match"),
    "newest": _("Newest first"),
    "title": pgettext_lazy("sort order", "Title"),
}
# How many matching passages of a result to show, and how long its summary may be without them.
SNIPPET_FRAGMENTS = 2
# Query parameters that a link to the same search in another language leaves out.
NOT_CARRIED_ACROSS_LANGUAGES = ("page", "lang")


def search_page(request):
    lang = translation.get_language()
    params = request.GET.copy()
    params.setlist("lang", [lang])  # the URL's language, whatever the query string says
    context = {
        "is_search_page": True,
        "search_language_links": language_links(
            request, "discovery_search", not_carried=NOT_CARRIED_ACROSS_LANGUAGES
        ),
        "sort_options": [(value, SORT_LABELS.get(value, value)) for value in SORTS],
        "max_query_length": MAX_QUERY_LENGTH,
        "type_labels": {kind.name: kind.label for kind in resource_types()},
    }
    try:
        query = parse_query(params, lang=lang, preferred=accepted_languages(request))
    except InvalidQuery as error:
        raw_sort = request.GET.get("sort")
        context.update(
            error=error,
            q=re.sub(r"[\x00-\x1f\x7f]+", " ", request.GET.get("q", ""))[:MAX_QUERY_LENGTH],
            sort=raw_sort if raw_sort in SORTS else SORTS[0],
        )
        return render(request, TEMPLATE, context, status=400)

    result = service.search(query)
    page_obj = _page(result, query)
    visitor_language = language_name(lang)
    context.update(
        query=query,
        q=query.q,
        sort=query.sort,
        result=result,
        page_obj=page_obj,
        hits=[_display_hit(hit, result, visitor_language) for hit in result.results],
        facet_groups=_facet_groups(result, query),
        clear_filters_url=_url_without_filters(query),
    )
    response = render(request, TEMPLATE, context)
    patch_vary_headers(response, ["Accept-Language"])  # it picks the fallback translation
    return response


def _page(result, query):
    """A Django page for the pagination links, or None when the page is beyond the results.

    Pages are counted within the engine's result window: parse_query refuses pages past it.
    """
    last_page = MAX_RESULT_WINDOW // query.page_size
    paginator = Paginator(range(min(result.count, last_page * query.page_size)), query.page_size)
    try:
        return paginator.page(query.page)
    except InvalidPage:
        return None


def _display_hit(hit, result, visitor_language):
    """What the template shows of one result; highlight fragments are already-escaped HTML."""
    highlight = hit.highlight or {}
    title_html = escape(hit.title)
    for fragment in highlight.get("title", ()):
        # Only a fragment holding the whole title stands in for it (not a cut-off passage).
        if html.unescape(strip_tags(fragment)).strip() == hit.title.strip():
            title_html = mark_safe(fragment)  # noqa: S308 — escaped by the engine, <mark> only
            break
    passages = [*highlight.get("summary", ()), *highlight.get("body", ())][:SNIPPET_FRAGMENTS]
    countries = {v.value: v.label for v in result.facets.get("country", ())}
    kind = resource_type(hit.type)
    return {
        "hit": hit,
        "lang": bcp47(hit.language),
        "type_label": kind.label if kind else (_("External resource") if hit.origin else hit.type),
        "title_html": title_html,
        "snippet_html": mark_safe(" … ".join(passages)) if passages else "",  # noqa: S308
        "language_name": language_name(hit.language),
        "not_in_visitor_language": hit.language != translation.get_language(),
        "visitor_language": visitor_language,
        # "Found in English" when the words matched another translation than the one shown
        # (a file says where it was found itself).
        "matched_language": (
            {"lang": bcp47(hit.matched_language), "name": language_name(hit.matched_language)}
            if hit.matched_language and hit.matched_language != hit.language and not hit.found_in
            else None
        ),
        "found_in": display_found_in(hit.found_in),
        "also_in": [
            {"code": code, "lang": bcp47(code), "name": language_name(code)}
            for code in in_alliance_order(hit.available_languages or ())
            if code != hit.language
        ],
        # One ISO code, or several joined by commas when a resource names several countries.
        "country_name": ", ".join(
            countries.get(code, code) for code in (hit.country or "").split(",") if code
        ),
    }


def display_found_in(found_in):
    """What the search page shows of where in a file the words were found (None when the
    page itself matched); the passages are already-escaped HTML with <mark>."""
    if found_in is None:
        return None
    return {
        "name": found_in.file_name or found_in.file_title,
        "lang": bcp47(found_in.file_language),
        "location": found_in.location,
        "number": found_in.number,
        "label": found_in.label,
        "url": found_in.url,
        "passage_html": mark_safe(" … ".join(found_in.highlight)),  # noqa: S308 — escaped
    }


def _facet_groups(result, query):
    """Facet groups in a fixed order, every selected value present and checked (so it can be
    unchecked even when the engine returned no count for it)."""
    names = [facet.name for facet in FACETS]
    names += [name for name in result.facets if name not in FACETS_BY_NAME]
    groups = []
    for name in names:
        facet = FACETS_BY_NAME.get(name)
        selected = query.selected(name)
        values = [
            replace(value, selected=value.selected or value.value in selected)
            for value in result.facets.get(name, ())
        ]
        shown = {value.value for value in values}
        values += [
            FacetValue(value=value, label=_label(facet, value), count=0, selected=True)
            for value in selected
            if value not in shown
        ]
        if values:
            groups.append(
                {
                    "name": name,
                    "legend": facet.legend if facet else name,
                    "values": values,
                    "is_language": name == "language",
                }
            )
    return groups


def _label(facet, value):
    """The label of a chosen value the answer did not count: the facet's own where it has
    labels (types, languages), else the value."""
    return facet.label(value, translation.get_language()) if facet else value


def _url_without_filters(query):
    kept = {"q": query.q, "sort": query.sort if query.sort != SORTS[0] else ""}
    return "?" + urlencode({name: value for name, value in kept.items() if value})
