"""The public discovery API: read-only JSON at /api/discovery/, described by OpenAPI.

Parameters are validated by ``discovery.params.parse_query``, the code the search page uses, so
the API and the page accept and refuse exactly the same input, with the same messages. Ninja
therefore parses no parameter itself: the operations declare theirs by hand in the OpenAPI
description (built from the limits in ``discovery.params`` and the facets of ``search.facets``)
and read ``request.GET``. The responses' hits and suggestions are generated from their
dataclasses in ``discovery.results``.
"""

import logging
import typing
from dataclasses import MISSING, is_dataclass
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
from pydantic import create_model

from digital_lm.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, accepted_languages
from discovery import service
from discovery.facets import FACETS
from discovery.params import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    MAX_RESULT_WINDOW,
    MAX_VALUES_PER_FILTER,
    SORTS,
    InvalidQuery,
    parse_query,
)
from discovery.results import Hit, Suggestion, public_fields
from resources.models.base import resource_type_names

CACHE_SECONDS = 60

logger = logging.getLogger(__name__)
DEFAULT_SUGGESTIONS = 8
MAX_SUGGESTIONS = 20


# ---------- Response schemas ----------


def _described(description):
    return description.format(types=", ".join(resource_type_names()))


def schema_of(cls):
    """The response schema of a result dataclass (discovery.results): its public fields, each
    with its type (nullable where the API sends null for empty) and description; a field
    holding another result dataclass (a hit's ``found_in``) has that one's schema."""
    fields_ = {}
    for f in public_fields(cls):
        kind = _nested(f.type)
        kind = schema_of(kind) if kind is not None else f.type
        fields_[f.name] = (
            kind | None if f.metadata["nullable"] else kind,
            Field(description=_described(f.metadata["api"])),
        )
    return create_model(f"{cls.__name__}Out", __base__=Schema, **fields_)


def _nested(kind):
    """The result dataclass a field's type holds (``FoundIn | None`` -> FoundIn), or None."""
    candidates = typing.get_args(kind) or (kind,)
    return next((c for c in candidates if isinstance(c, type) and is_dataclass(c)), None)


def as_json(item):
    """A result dataclass's public fields, as its schema describes them."""
    return {f.name: _json_value(f, getattr(item, f.name)) for f in public_fields(type(item))}


def _json_value(field, value):
    if is_dataclass(value):
        return as_json(value)
    if field.metadata["nullable"]:
        return value or None
    if value is None and field.default_factory is not MISSING:
        return field.default_factory()
    if value is None and field.default is not MISSING:
        return field.default
    return value


HitOut = schema_of(Hit)


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
        + ", ".join(facet.name for facet in FACETS)
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


SuggestionOut = schema_of(Suggestion)


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


def _filter(facet):
    item = {"type": "string", "pattern": facet.pattern}
    if facet.choices is not None:
        item = {"type": "string", "enum": list(facet.choices())}
    return _parameter(
        facet.name,
        {"type": "array", "items": item, "maxItems": MAX_VALUES_PER_FILTER},
        facet.description
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
    *(_filter(facet) for facet in FACETS),
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


@api.exception_handler(Exception)
def _failed(request, error):
    """Whatever went wrong, a JSON client gets JSON: a 500 that says so, the details logged."""
    logger.exception("Discovery API request failed: %s", request.get_full_path())
    return api.create_response(
        request,
        {"error": {"message": _("Sorry, something went wrong")}},
        status=500,
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
        "results": [as_json(hit) for hit in result.results],
        "facets": {
            name: [
                {"value": v.value, "label": v.label, "count": v.count, "selected": v.selected}
                for v in values
            ]
            for name, values in result.facets.items()
        },
        "degraded": result.degraded,
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
            {f.name: str(item.get(f.name) or "") for f in public_fields(Suggestion)}
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
