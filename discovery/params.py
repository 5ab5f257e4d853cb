"""The parameters of a discovery search, parsed and validated once for the API and the page.

Nothing here reaches the engine as query syntax: the text is sent as the argument of match
queries, and every filter value is checked against a strict pattern.
"""

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from digital_lm.languages import LANGUAGE_CODES, display_language, language_of_text
from discovery.facets import FACETS

SORTS = ("relevance", "newest", "title")
MAX_QUERY_LENGTH = 200
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
# Deep pages cost the engine more than they serve anyone: page * page_size stays below this.
MAX_RESULT_WINDOW = 10_000
MAX_VALUES_PER_FILTER = 20


class InvalidQuery(ValueError):
    """A parameter the search cannot accept; ``str()`` is a message fit for the visitor."""

    def __init__(self, parameter, message):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True)
class DiscoveryQuery:
    q: str = ""
    lang: str = settings.LANGUAGE_CODE
    filters: dict = field(default_factory=dict)  # facet name -> tuple of values
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    sort: str = "relevance"
    # The visitor's other languages, best first (Accept-Language): the fallback after ``lang``.
    preferred: tuple = ()

    def selected(self, name):
        return self.filters.get(name, ())

    @property
    def reading_languages(self):
        """After ``lang``, the languages this visitor reads, best first: the one they typed
        in, then their browser's others."""
        return (language_of_text(self.q), *self.preferred)

    def shown_language(self, available, original=None):
        """The translation of a resource this visitor sees, among the languages it is
        ``available`` in: one they filtered on when they did, else by the fallback order
        (their language, the languages they read, the resource's original, English...)."""
        wanted = self.selected("language")
        candidates = [code for code in available if code in wanted] if wanted else available
        return display_language(candidates, self.lang, self.reading_languages, original)


def _int(params, name, default, lowest, highest):
    raw = params.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        message = _("“%(name)s” must be a whole number.") % {"name": name}
        raise InvalidQuery(name, message) from None
    if not lowest <= value <= highest:
        raise InvalidQuery(
            name,
            _("“%(name)s” must be between %(low)d and %(high)d.")
            % {"name": name, "low": lowest, "high": highest},
        )
    return value


def _clean_text(text):
    # Control characters carry no meaning in a search and upset some clients' logs.
    return re.sub(r"[\x00-\x1f\x7f]+", " ", text).strip()


def parse_query(params, lang=None, preferred=()):
    """A DiscoveryQuery from a QueryDict-like ``params`` (getlist/get), or InvalidQuery.
    ``preferred``: the visitor's other languages (see digital_lm.languages.accepted_languages)."""
    getlist = params.getlist if hasattr(params, "getlist") else lambda k: _as_list(params.get(k))

    q = _clean_text(params.get("q") or "")
    if len(q) > MAX_QUERY_LENGTH:
        raise InvalidQuery(
            "q", _("The search text is limited to %(n)d characters.") % {"n": MAX_QUERY_LENGTH}
        )

    lang = params.get("lang") or lang or settings.LANGUAGE_CODE
    if lang not in LANGUAGE_CODES:
        raise InvalidQuery(
            "lang",
            _("Unknown language “%(lang)s”; use one of %(codes)s.")
            % {"lang": lang[:20], "codes": ", ".join(LANGUAGE_CODES)},
        )

    filters = {}
    for facet in FACETS:
        values = _filter_values(facet, getlist(facet.name))
        if values:
            filters[facet.name] = values

    page_size = _int(params, "page_size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE)
    page = _int(params, "page", 1, 1, MAX_RESULT_WINDOW // page_size)

    sort = params.get("sort") or "relevance"
    if sort not in SORTS:
        raise InvalidQuery(
            "sort", _("“sort” must be one of %(sorts)s.") % {"sorts": ", ".join(SORTS)}
        )
    return DiscoveryQuery(
        q=q,
        lang=lang,
        filters=filters,
        page=page,
        page_size=page_size,
        sort=sort,
        preferred=tuple(code for code in preferred if code in LANGUAGE_CODES and code != lang),
    )


def _filter_values(facet, raw_values):
    """The distinct values of one facet's parameter (repeated, or comma-separated), checked."""
    name = facet.name
    values = []
    for raw in raw_values:
        for value in str(raw).split(","):
            value = value.strip()
            if not value:
                continue
            if not facet.accepts(value):
                raise InvalidQuery(
                    name,
                    _("“%(value)s” is not a valid value for “%(name)s”.")
                    % {"value": value[:40], "name": name},
                )
            if value not in values:
                values.append(value)
    if len(values) > MAX_VALUES_PER_FILTER:
        raise InvalidQuery(
            name,
            _("At most %(n)d values of “%(name)s” can be combined.")
            % {"n": MAX_VALUES_PER_FILTER, "name": name},
        )
    return tuple(values)


def _as_list(value):
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]
