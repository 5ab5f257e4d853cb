"""The discovery service that the search page and the JSON API share.

It asks the engine and, when the engine cannot answer, the database search backend
(search.fallback), saying so in ``degraded``. Query bodies are built with elasticsearch-dsl;
the visitor's text only ever travels as the argument of match queries, never as syntax.
"""

import logging

from elasticsearch_dsl import A, Q, Search

from search import engine as engines
from search import fallback
from search.documents import document_id
from search.labels import labels
from search.mapping import (
    FIELD_BOOSTS,
    LANGUAGE_SUFFIX,
    LATIN_SCRIPT_LANGUAGES,
    TEXT_FIELDS,
    language_field,
)
from search.normalize import is_latin_query, normalize_text
from search.params import FILTERS
from search.results import DiscoveryResult, Hit, facet_values

logger = logging.getLogger(__name__)

FACETS = ("type", "country", "language", "sector", "institution", "level", "tag")
FACET_SIZE = {"tag": 30}
DEFAULT_FACET_SIZE = 50
# A text search counts distinct resources: exactly up to this many in all, and per facet
# value (HyperLogLog++ estimates above, within a few percent).
COUNT_PRECISION = 40_000
PHRASE_FIELDS = ("title", "summary")
FACET_COUNT_PRECISION = 3_000
SOURCE_FIELDS = [
    "translation_key",
    "page_id",
    "external_id",
    "title",
    "summary",
    "url",
    "type",
    "language",
    "available_languages",
    "institution",
    "country",
]


def search(query):
    """A DiscoveryResult for ``query`` (a params.DiscoveryQuery)."""
    if not engines.engine_configured():
        return fallback.search(query)
    try:
        return engine_search(query)
    except engines.EngineUnavailable as exc:
        logger.warning("Discovery engine unavailable, answering from the database: %s", exc)
        result = fallback.search(query)
        result.degraded = True
        return result


def suggest(text, lang, limit=8):
    """Titles completing ``text`` as the visitor types: [{title, url, type, language}]."""
    text = normalize_text(text or "").strip()[:100]
    if not text:
        return []
    if not engines.engine_configured():
        return fallback.suggest(text, lang, limit)
    try:
        return engine_suggest(text, lang, limit)
    except engines.EngineUnavailable as exc:
        logger.warning("Discovery engine unavailable for suggestions: %s", exc)
        return fallback.suggest(text, lang, limit)


# --- query bodies --------------------------------------------------------------------------


def _text_fields(families=TEXT_FIELDS):
    fields = [
        f"{field}_{suffix}^{FIELD_BOOSTS[field]}"
        for field in families
        for suffix in LANGUAGE_SUFFIX.values()
    ]
    return fields + ["institution_name^1.5", "sector_names^1.5", "tag_text^2"]


def _latin_fields():
    fields = [
        f"{field}_{LANGUAGE_SUFFIX[language]}^{FIELD_BOOSTS[field]}"
        for field in TEXT_FIELDS
        for language in LATIN_SCRIPT_LANGUAGES
    ]
    return fields + ["institution_name^1.5", "sector_names^1.5", "tag_text^2"]


def text_query(text):
    """Matches ``text`` in any language's fields, each analysed by its own analyzer."""
    fields = _text_fields()
    # Phrases rank titles and summaries; reading the positions of every body costs a long
    # query more than it changes the order.
    phrase_fields = _text_fields(PHRASE_FIELDS)
    exact_fields = [
        f"{field}_{LANGUAGE_SUFFIX[language]}.exact"
        for field in PHRASE_FIELDS
        for language in LATIN_SCRIPT_LANGUAGES
    ]
    alternatives = [
        # Every word somewhere in the resource.
        Q("multi_match", query=text, fields=fields, type="cross_fields", operator="and"),
        # The words together in one field: a phrase ranks first.
        Q("multi_match", query=text, fields=phrase_fields, type="phrase", boost=2),
        Q("multi_match", query=text, fields=exact_fields, type="phrase", boost=1),
        # Codes and identifiers as typed.
        Q("term", code={"value": text, "boost": 10}),
        Q("term", external_id={"value": text, "boost": 10}),
    ]
    if is_latin_query(text):
        # One-edit typos ("weldng") in words of four letters or more, for Latin script only,
        # so only over the fields that hold Latin-script languages. Two edits (what "AUTO"
        # allows for long words) would cost a long query several times more.
        alternatives.append(
            Q(
                "multi_match",
                query=text,
                fields=_latin_fields(),
                type="best_fields",
                operator="and",
                fuzziness="AUTO:4,64",
                prefix_length=1,
                boost=0.5,
            )
        )
    return Q("bool", should=alternatives, minimum_should_match=1)


def _field(name, browsing):
    # Browsing reads one primary document per resource: "in Lao" means "has a Lao translation".
    if browsing and name == "language":
        return "available_languages"
    return FILTERS[name][1]


def _filter_clauses(query, browsing):
    return {
        name: Q("terms", **{_field(name, browsing): list(values)})
        for name, values in query.filters.items()
    }


def _facet_aggregations(search_, clauses, browsing):
    """Each facet counts resources under every filter but its own (so choosing a country
    still shows how many resources the other countries have). Browsing counts primary
    documents, one per resource; a text search counts the distinct resources of the matching
    translations."""
    for name in FACETS:
        others = [clause for other, clause in clauses.items() if other != name]
        terms = A(
            "terms",
            field=_field(name, browsing),
            size=FACET_SIZE.get(name, DEFAULT_FACET_SIZE),
        )
        if not browsing:
            terms.metric(
                "resources",
                "cardinality",
                field="translation_key",
                precision_threshold=FACET_COUNT_PRECISION,
            )
        facet = A("filter", Q("bool", filter=others) if others else Q("match_all"))
        facet.bucket("values", terms)
        search_.aggs.bucket(f"facet_{name}", facet)
    everything = A(
        "filter", Q("bool", filter=list(clauses.values())) if clauses else Q("match_all")
    )
    if not browsing:
        everything.metric(
            "resources", "cardinality", field="translation_key", precision_threshold=COUNT_PRECISION
        )
    search_.aggs.bucket("matching", everything)
    return search_


def _sort(query, browsing):
    newest = {"first_published_at": {"order": "desc"}}
    tiebreak = {"translation_key": {"order": "asc"}}
    if query.sort == "title":
        field = language_field("title_sort", query.lang) if browsing else "title_sort"
        return [{field: {"order": "asc"}}, tiebreak]
    if query.sort == "newest" or browsing:
        return [newest, tiebreak]
    return ["_score", newest, tiebreak]


def build_search(query):
    """The elasticsearch-dsl Search for ``query`` (no connection involved)."""
    text = normalize_text(query.q)
    browsing = not text
    s = Search()
    if browsing:
        s = s.query(Q("bool", filter=[Q("term", primary=True)]))
    else:
        matched = text_query(text)
        # Among equally good matches, the visitor's own language first (collapse keeps the
        # best document of each resource, so it also picks which translation answers).
        s = s.query(
            Q(
                "bool",
                must=[matched],
                should=[Q("constant_score", filter=Q("term", language=query.lang), boost=1)],
            )
        )
        s = s.highlight_options(
            encoder="html",
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            require_field_match=True,
            highlight_query=matched.to_dict(),
        )
        s = s.highlight("title_*", number_of_fragments=0)
        s = s.highlight("summary_*", number_of_fragments=0)
        s = s.highlight("body_*", fragment_size=160, number_of_fragments=2)
        s = s.extra(collapse={"field": "translation_key"})
    clauses = _filter_clauses(query, browsing)
    if clauses:
        s = s.post_filter(Q("bool", filter=list(clauses.values())))
    s = _facet_aggregations(s, clauses, browsing)
    start = (query.page - 1) * query.page_size
    s = s.extra(track_total_hits=False, **{"from": start, "size": query.page_size})
    s = s.sort(*_sort(query, browsing))
    s = s.source(SOURCE_FIELDS)
    return s


# --- engine calls --------------------------------------------------------------------------


def engine_search(query):
    engine = engines.get_engine()
    index = _alias()
    response = engine.search(index, build_search(query).to_dict())
    hits = response["hits"]["hits"]
    preferred = _preferred_translations(engine, index, hits, query.lang)
    aggregations = response.get("aggregations", {})
    names = labels(query.lang)
    results = _still_public([_hit(hit, preferred, names, query.lang) for hit in hits])
    return DiscoveryResult(
        query=query,
        count=_resources(aggregations.get("matching", {"doc_count": 0})),
        results=results,
        facets=_facets(aggregations, query, names),
        degraded=False,
    )


def _resources(bucket):
    """Resources in an aggregation bucket: distinct (text search) or documents (browsing)."""
    return bucket["resources"]["value"] if "resources" in bucket else bucket["doc_count"]


def _still_public(results):
    """Drop hits whose page stopped being public after it was indexed (the queue may lag, or
    its worker be down): the index is never trusted to decide who sees what."""
    from wagtail.models import Page

    if not results:
        return results
    ids = {hit.page_id for hit in results}
    visible = set(Page.objects.live().public().filter(pk__in=ids).values_list("pk", flat=True))
    stale = {hit.translation_key for hit in results if hit.page_id not in visible}
    if stale:
        from search.queue import enqueue

        enqueue(stale)  # and bring the index in line
    return [hit for hit in results if hit.page_id in visible]


def _alias():
    from django.conf import settings

    return settings.DISCOVERY_INDEX


def _preferred_translations(engine, index, hits, lang):
    """The visitor-language translation of each hit that matched in another language."""
    wanted = [
        document_id(h["_source"]["translation_key"], lang)
        for h in hits
        if h["_source"]["language"] != lang and lang in h["_source"]["available_languages"]
    ]
    return engine.mget(index, wanted) if wanted else {}


def _hit(hit, preferred, names, lang):
    source = hit["_source"]
    highlight = {}
    replacement = preferred.get(document_id(source["translation_key"], lang))
    if replacement is not None:
        source = replacement  # its text did not match: no highlight to show
    else:
        for field, fragments in hit.get("highlight", {}).items():
            family = field.split("_", 1)[0]
            highlight.setdefault(family, []).extend(fragments)
    country = source.get("country") or []
    return Hit(
        external_id=source["external_id"],
        title=source["title"],
        summary=source["summary"],
        url=source["url"],
        type=source["type"],
        language=source["language"],
        available_languages=source["available_languages"],
        highlight=highlight,
        institution=names["institution"].get(
            source.get("institution"), source.get("institution") or ""
        ),
        country=country[0] if len(country) == 1 else ",".join(country),
        translation_key=source["translation_key"],
        page_id=source["page_id"],
    )


def _facets(aggregations, query, names):
    facets = {}
    for name in FACETS:
        buckets = aggregations.get(f"facet_{name}", {}).get("values", {}).get("buckets", [])
        counts = {b["key"]: _resources(b) for b in buckets}
        facets[name] = facet_values(name, counts, query.selected(name), names.get(name, {}))
    return facets


def build_suggest(text, lang, limit):
    typed = Q(
        "bool",
        should=[
            Q("match", title_suggest={"query": text, "operator": "and"}),
            Q("match", **{"title_suggest.prefix": {"query": text, "boost": 2}}),
        ],
        minimum_should_match=1,
    )
    preferred = Q("constant_score", filter=Q("term", language=lang), boost=2)
    s = Search().query(Q("bool", must=[typed], should=[preferred]))
    return s.extra(
        collapse={"field": "translation_key"}, size=limit, track_total_hits=False
    ).source(SOURCE_FIELDS)


def engine_suggest(text, lang, limit):
    # The title that matched what was typed, not its translation: a suggestion must show
    # the letters being typed (the visitor's language is preferred when it matches too).
    hits = engines.get_engine().search(_alias(), build_suggest(text, lang, limit).to_dict())
    return [
        {k: hit["_source"][k] for k in ("title", "url", "type", "language")}
        for hit in hits["hits"]["hits"]
    ]
