"""The public discovery API: read-only JSON at /api/discovery/, described by OpenAPI.

Parameters are validated by ``search.params.parse_query``, the code the search page uses, so
the API and the page accept and refuse exactly the same input, with the same messages. Ninja
therefore parses no parameter itself: the operations declare theirs by hand in the OpenAPI
description (built from the limits in ``search.params``) and read ``request.GET``.
"""

from pathlib import Path

import ninja
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from ninja import Field, NinjaAPI, Schema, Status
from ninja.openapi.docs import Swagger

from digital_lm.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, accepted_languages
from search import service
from search.params import (
    DEFAULT_PAGE_SIZE,
    FILTERS,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    MAX_RESULT_WINDOW,
    MAX_VALUES_PER_FILTER,
    RESOURCE_TYPES,
    SORTS,
    InvalidQuery,
    parse_query,
)

CACHE_SECONDS = 60
DEFAULT_SUGGESTIONS = 8
MAX_SUGGESTIONS = 20


# ---------- Response schemas ----------


class HitOut(Schema):
    external_id: str = Field(
        description="The resource's identifier, the same in every language (e.g. LM-CRS-EV-1)."
    )
    title: str = Field(description="Title in `language`.")
    summary: str = Field(description="Summary in `language`, plain text.")
    url: str = Field(description="Address of the resource's page in `language`.")
    type: str = Field(description="Resource type: " + ", ".join(RESOURCE_TYPES) + ".")
    language: str = Field(
        description="Language of the translation shown: one of the `language` filter's when "
        "there is one, else `lang` where the resource is translated into it, else the "
        "reader's next language (the one the words are written in, then Accept-Language), "
        "the resource's original language, English, Chinese."
    )
    available_languages: list[str] = Field(
        description="Every language the resource is published in."
    )
    highlight: dict[str, list[str]] = Field(
        description="Matching passages by field (title, summary, body): HTML with the text "
        "escaped and the matched words in <mark>. Empty without search words."
    )
    institution: str = Field(description="The publishing institution's name, in `lang` if known.")
    country: str = Field(description="ISO 3166-1 code of the institution's country.")
    matched_language: str | None = Field(
        description="The language whose text matched the words, which may differ from "
        "`language` (found in English, shown in Lao). Null without search words."
    )
    matched_term: str | None = Field(
        description="When the resource matched only through the alliance termbase (an English "
        "“welding” finding a Lao “ການເຊື່ອມ”), the term, in `lang` where the termbase has it. "
        "Null otherwise."
    )


class FacetValueOut(Schema):
    value: str = Field(description="The value to send back in the filter parameter.")
    label: str = Field(description="Display label in `lang`.")
    count: int = Field(description="Resources matching the search with this value.")
    selected: bool = Field(description="Whether the search is filtered by this value.")


class DiscoveryOut(Schema):
    count: int = Field(description="Resources matching (each counted once, not per translation).")
    page: int = Field(description="The page returned, from 1.")
    page_size: int = Field(description="Results per page.")
    num_pages: int = Field(description="Pages of results (at least 1).")
    results: list[HitOut]
    facets: dict[str, list[FacetValueOut]] = Field(
        description="Counts per filter value, keyed by the filter parameter: "
        + ", ".join(FILTERS)
        + "."
    )
    degraded: bool = Field(
        description="True when the search engine was unavailable and simpler database "
        "results are returned (no highlighting, plainer relevance)."
    )


class ErrorDetail(Schema):
    parameter: str = Field(description="The parameter that was refused.")
    message: str = Field(
        description="Why, for people: in `lang` when valid, else in the Accept-Language."
    )


class ErrorOut(Schema):
    error: ErrorDetail


class SuggestionOut(Schema):
    title: str = Field(description="Title of a resource matching the text typed.")
    url: str = Field(description="Address of its page.")
    type: str = Field(description="Resource type: " + ", ".join(RESOURCE_TYPES) + ".")
    language: str = Field(description="Language of the title.")


class SuggestOut(Schema):
    suggestions: list[SuggestionOut]


# ---------- Parameters, documented by hand (see the module docstring) ----------


def _parameter(name, schema, description, **extra):
    return {
        "in": "query",
        "name": name,
        "required": False,
        "schema": schema,
        "description": description,
        **extra,
    }


def _filter(name, description, values=None):
    item = {"type": "string", "pattern": FILTERS[name][0].pattern}
    if values:
        item = {"type": "string", "enum": list(values)}
    return _parameter(
        name,
        {"type": "array", "items": item, "maxItems": MAX_VALUES_PER_FILTER},
        description
        + " Several values: repeat the parameter or separate them with commas; a resource "
        "matching any of them is kept. Different filters all apply.",
        style="form",
        explode=True,
    )


LANG_PARAMETER = _parameter(
    "lang",
    {"type": "string", "enum": LANGUAGE_CODES, "default": DEFAULT_LANGUAGE},
    "The reader's language: resources are shown in it where they are translated into it, "
    "and labels and messages are in it.",
)

SEARCH_PARAMETERS = [
    _parameter(
        "q",
        {"type": "string", "maxLength": MAX_QUERY_LENGTH, "default": ""},
        "Words to search for, in any of the alliance's seven languages. Plain text: quotes, "
        "operators and wildcards have no special meaning. Empty: every resource that the "
        "filters allow.",
    ),
    LANG_PARAMETER,
    _filter("type", "Only these resource types.", RESOURCE_TYPES),
    _filter("country", "Only resources for these countries (ISO 3166-1 codes, e.g. LA, KH)."),
    _filter(
        "language",
        "Only resources published in these languages, shown in one of them, whichever "
        "language the words matched in.",
        LANGUAGE_CODES,
    ),
    _filter("sector", "Only resources of these sectors (sector codes, e.g. electrical)."),
    _filter("institution", "Only resources of these institutions (their slugs)."),
    _filter("level", "Only resources at these qualification levels (e.g. LA-LNQF-3)."),
    _filter("tag", "Only resources with these tags."),
    _parameter(
        "page",
        {"type": "integer", "minimum": 1, "default": 1},
        f"Page of results, from 1. page × page_size may not exceed {MAX_RESULT_WINDOW}.",
    ),
    _parameter(
        "page_size",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
        "Results per page.",
    ),
    _parameter(
        "sort",
        {"type": "string", "enum": list(SORTS), "default": SORTS[0]},
        "Order: relevance (best match first), newest (most recently published first) or "
        "title (alphabetical).",
    ),
]

SUGGEST_PARAMETERS = [
    _parameter(
        "q",
        {"type": "string", "maxLength": MAX_QUERY_LENGTH, "default": ""},
        "The text typed so far. Empty: no suggestions.",
    ),
    LANG_PARAMETER,
    _parameter(
        "limit",
        {
            "type": "integer",
            "minimum": 1,
            "maximum": MAX_SUGGESTIONS,
            "default": DEFAULT_SUGGESTIONS,
        },
        "Most suggestions to return.",
    ),
]

ERROR_DESCRIPTION = "A parameter was refused; `error` says which and why."

# ---------- The API ----------


# The documentation page's files, by the name its template uses.
DOCS_PAGE_ASSETS = {
    "css": "swagger-ui.css",
    "bundle": "swagger-ui-bundle.js",
    "init": "swagger-ui-init.js",
    "icon": "favicon.svg",
}


class SelfHostedSwagger(Swagger):
    """Ninja's Swagger UI, its files served by this site rather than fetched from a CDN."""

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {
            "api": api,
            "swagger_settings": self.settings,
            "assets": {
                key: reverse("discovery_api_asset", args=[name])
                for key, name in DOCS_PAGE_ASSETS.items()
            },
        }
        return render(request, "search/api_docs.html", context)


api = NinjaAPI(
    title="Digital Lancang-Mekong discovery API",
    version="1",
    description=(
        "Search the published courses, vocational standards, teaching materials and "
        "certifications of the Lancang-Mekong Vocational Education Alliance, in any of its "
        "seven languages. Public and read-only: no authentication, GET only. Successful "
        f"responses may be cached for {CACHE_SECONDS} seconds. A refused parameter gives "
        'HTTP 400 with `{"error": {"parameter": ..., "message": ...}}`.'
    ),
    urls_namespace="discovery_api",
    docs=SelfHostedSwagger(),
    docs_url="/docs/",
    openapi_url="/openapi.json",
    auth=None,
)


def _message_language(params):
    """Messages follow ``lang`` when it is valid, else the request's negotiated language."""
    lang = params.get("lang")
    return lang if lang in LANGUAGE_CODES else translation.get_language()


def _refused(error):
    return Status(400, {"error": {"parameter": error.parameter, "message": error.message}})


def _cacheable(response):
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)


@api.get(
    "/",
    response={200: DiscoveryOut, 400: ErrorOut},
    operation_id="discovery_search",
    summary="Search the resources",
    description="Resources matching the words and filters, a page at a time, with counts "
    "per filter value (facets) for refining the search.",
    tags=["discovery"],
    openapi_extra={
        "parameters": SEARCH_PARAMETERS,
        "responses": {400: {"description": ERROR_DESCRIPTION}},
    },
)
def discovery_search(request, response: HttpResponse):
    with translation.override(_message_language(request.GET)):
        try:
            query = parse_query(request.GET, preferred=accepted_languages(request))
        except InvalidQuery as error:
            return _refused(error)
        with translation.override(query.lang):
            result = service.search(query)
    _cacheable(response)
    patch_vary_headers(response, ["Accept-Language"])
    return {
        "count": result.count,
        "page": query.page,
        "page_size": query.page_size,
        "num_pages": result.num_pages,
        "results": [_hit(hit) for hit in result.results],
        "facets": {
            name: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                for v in values
            ]
            for name, values in result.facets.items()
        },
        "degraded": result.degraded,
    }


def _hit(hit):
    return {
        "external_id": hit.external_id,
        "title": hit.title,
        "summary": hit.summary,
        "url": hit.url,
        "type": hit.type,
        "language": hit.language,
        "available_languages": list(hit.available_languages),
        "highlight": {name: list(parts) for name, parts in (hit.highlight or {}).items()},
        "institution": hit.institution or "",
        "country": hit.country or "",
        "matched_language": hit.matched_language or None,
        "matched_term": hit.matched_term or None,
    }


@api.get(
    "/suggest/",
    response={200: SuggestOut, 400: ErrorOut},
    operation_id="discovery_suggest",
    summary="Suggest resources while typing",
    description="Resources whose titles match the text typed so far, for autocomplete.",
    tags=["discovery"],
    openapi_extra={
        "parameters": SUGGEST_PARAMETERS,
        "responses": {400: {"description": ERROR_DESCRIPTION}},
    },
)
def discovery_suggest(request, response: HttpResponse):
    with translation.override(_message_language(request.GET)):
        try:
            # The text and language are checked (and the text cleaned) as for a search.
            checked = QueryDict(mutable=True)
            for name in ("q", "lang"):
                if name in request.GET:
                    checked[name] = request.GET[name]
            query = parse_query(checked)
            limit = _limit(request.GET)
        except InvalidQuery as error:
            return _refused(error)
        suggestions = []
        if query.q:
            with translation.override(query.lang):
                suggestions = service.suggest(query.q, query.lang, limit=limit)
    _cacheable(response)
    return {
        "suggestions": [
            {key: str(item.get(key) or "") for key in ("title", "url", "type", "language")}
            for item in suggestions
        ]
    }


def _limit(params):
    raw = params.get("limit")
    if raw in (None, ""):
        return DEFAULT_SUGGESTIONS
    try:
        value = int(raw)
    except ValueError:
        raise InvalidQuery(
            "limit", _("“%(name)s” must be a whole number.") % {"name": "limit"}
        ) from None
    if not 1 <= value <= MAX_SUGGESTIONS:
        raise InvalidQuery(
            "limit",
            _("“%(name)s” must be between %(low)d and %(high)d.")
            % {"name": "limit", "low": 1, "high": MAX_SUGGESTIONS},
        )
    return value


# ---------- The documentation page's files ----------

_SWAGGER_FILES = Path(ninja.__file__).parent / "static" / "ninja"
SWAGGER_ASSETS = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui-init.js": "text/javascript",
    "favicon.svg": "image/svg+xml",
}


@require_safe
def api_docs_asset(request, name):
    """One of the Swagger UI files that ship with django-ninja (its docs page would otherwise
    load them from a CDN unless ninja is an installed app)."""
    if name not in SWAGGER_ASSETS:
        raise Http404
    response = FileResponse((_SWAGGER_FILES / name).open("rb"), content_type=SWAGGER_ASSETS[name])
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response
