"""The discovery service that the search page and the JSON API share.

It asks the engine and, when the engine cannot answer, the database search backend
(discovery.fallback), saying so in ``degraded``. Query bodies are built with elasticsearch-dsl;
the visitor's text only ever travels as the argument of match queries, never as syntax.
"""

import logging

from django.conf import settings
from django.db import DatabaseError
from elasticsearch_dsl import A, Q, Search
from wagtail.models import Page

from digital_lm.languages import display_language
from discovery import analytics, fallback, termbase
from discovery import engine as engines
from discovery.documents import document_id
from discovery.external_documents import external_resources, visible_external
from discovery.facets import FACETS, FACETS_BY_NAME
from discovery.file_documents import private_collections_q
from discovery.labels import labels
from discovery.mapping import (
    FIELD_BOOSTS,
    FILE_PAGES,
    FILE_TEXT_BOOST,
    FILE_TEXT_FIELDS,
    KIND_FILE,
    LANGUAGE_SUFFIX,
    LATIN_SCRIPT_LANGUAGES,
    TEXT_FIELDS,
    file_text_field,
    language_field,
)
from discovery.models import PendingIndexUpdate
from discovery.normalize import has_chinese_variants, is_latin_query, search_text
from discovery.queue import enqueue
from discovery.results import (
    DiscoveryResult,
    FoundIn,
    Hit,
    Suggestion,
    facet_values,
    file_location_url,
    stored_fields,
)
from resources.models import ResourceDocument

logger = logging.getLogger(__name__)

# A text search counts distinct resources: exactly up to this many in all, and per facet
# value (HyperLogLog++ estimates above, within a few percent).
COUNT_PRECISION = 40_000
PHRASE_FIELDS = ("title", "summary")
FACET_COUNT_PRECISION = 3_000
# What a hit reads of a document: the fields it copies, and those it is derived from.
SOURCE_FIELDS = [*stored_fields(Hit), "original_language", "institution", "country", "origin"]
# What a hit found in a file reads of the file (its best page comes as an inner hit).
FILE_SOURCE_FIELDS = ["kind", "file_id", "file_title", "file_name", "file_url", "location"]
FILE_FRAGMENT_SIZE = 160
HIGHLIGHT_TAGS = {"encoder": "html", "pre_tags": ["<mark>"], "post_tags": ["</mark>"]}
# Named queries: which part of the query a hit matched (its own words, or a termbase term).
DIRECT = "direct"
TERM_PREFIX = "term:"
# Matches through a termbase term rank below matches of the words typed.
TERM_BOOST = 0.2
# The most queued resources whose withdrawn pages a search leaves out of its counts (a bulk
# import may queue more; their results are still checked one by one).
MAX_WITHDRAWN_RESOURCES = 10_000


def search(query):
    """A DiscoveryResult for ``query`` (a params.DiscoveryQuery), counted in the analytics."""
    expansions = _expansions(query.q)
    if not engines.engine_configured():
        result = fallback.search(query, expansions)
    else:
        try:
            result = engine_search(query, expansions)
        except engines.EngineUnavailable as exc:
            logger.warning("Discovery engine unavailable, answering from the database: %s", exc)
            result = fallback.search(query, expansions)
            result.degraded = True
    analytics.record(query, result)
    return result


def _expansions(text):
    """The termbase expansions of the words; none, rather than no answer, if the termbase
    cannot be read."""
    if not text:
        return []
    try:
        return termbase.expansions(search_text(text))
    except DatabaseError:
        logger.warning("Termbase unavailable: searching without term expansion", exc_info=True)
        return []


def suggest(text, lang, limit=8):
    """Titles completing ``text`` as the visitor types: [{title, url, type, language}]."""
    text = search_text(text or "").strip()[:100]
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


def text_query(text, expansions=(), files=True):
    """Matches ``text`` in any language's fields, each analysed by its own analyzer, or one
    of the termbase ``expansions`` of its words (discovery.termbase) in their own language;
    ``files``: or on a page of a material's file (then the best page comes with the hit)."""
    alternatives = _direct_alternatives(text)
    if files:
        alternatives.append(file_page_query(text))
    direct = Q("bool", should=alternatives, minimum_should_match=1, _name=DIRECT)
    if not expansions:
        return direct
    through_terms = [_expansion_query(expansion) for expansion in expansions]
    return Q("bool", should=[direct, *through_terms], minimum_should_match=1)


def _direct_alternatives(text):
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
    return alternatives


def file_page_query(text):
    """Every word on one page of one of a material's files, below any match in its page: the
    file scores as its best page, which comes with the hit (number, label, passages)."""
    return Q(
        "nested",
        path=FILE_PAGES,
        ignore_unmapped=True,  # an index built before files had pages: found without them
        score_mode="max",
        boost=FILE_TEXT_BOOST,
        query=Q(
            "multi_match",
            query=text,
            fields=[file_text_field(language) for language in LANGUAGE_SUFFIX],
            type="best_fields",
            operator="and",
        ),
        inner_hits={
            "name": FILE_PAGES,
            "size": 1,
            "_source": [f"{FILE_PAGES}.number", f"{FILE_PAGES}.label"],
            "highlight": {
                **HIGHLIGHT_TAGS,
                "require_field_match": True,
                "fields": {
                    FILE_TEXT_FIELDS: {
                        "fragment_size": FILE_FRAGMENT_SIZE,
                        "number_of_fragments": 2,
                    }
                },
            },
        },
    )


def _expansion_query(expansion):
    """The query with the term replaced by its label in each other language, each searched
    in that language's own fields only (where the label can be)."""
    variants = [
        Q(
            "multi_match",
            query=variant,
            fields=[
                f"{language_field(field, language)}^{FIELD_BOOSTS[field]}" for field in TEXT_FIELDS
            ],
            type="cross_fields",
            operator="and",
        )
        for language, variant in expansion.variants
    ]
    return Q(
        "bool",
        should=variants,
        minimum_should_match=1,
        boost=TERM_BOOST,
        _name=f"{TERM_PREFIX}{expansion.concept_id}",
    )


def _filter_clauses(query):
    return {
        name: Q("terms", **{FACETS_BY_NAME[name].field: list(values)})
        for name, values in query.filters.items()
    }


def _facet_aggregations(search_, clauses, browsing):
    """Each facet counts resources under every filter but its own (so choosing a country
    still shows how many resources the other countries have). Browsing counts primary
    documents, one per resource; a text search counts the distinct resources of the matching
    translations."""
    for facet in FACETS:
        others = [clause for other, clause in clauses.items() if other != facet.name]
        terms = A("terms", field=facet.field, size=facet.size)
        if not browsing:
            terms.metric(
                "resources",
                "cardinality",
                field="resource_number",
                precision_threshold=FACET_COUNT_PRECISION,
            )
        counted = A("filter", Q("bool", filter=others) if others else Q("match_all"))
        counted.bucket("values", terms)
        search_.aggs.bucket(f"facet_{facet.name}", counted)
    everything = A(
        "filter", Q("bool", filter=list(clauses.values())) if clauses else Q("match_all")
    )
    if not browsing:
        everything.metric(
            "resources", "cardinality", field="resource_number", precision_threshold=COUNT_PRECISION
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


def build_search(query, expansions=(), withdrawn=None):
    """The elasticsearch-dsl Search for ``query`` (no connection involved), with the
    termbase ``expansions`` of its words, leaving out the ``withdrawn`` documents (a query)."""
    text = search_text(query.q)
    browsing = not text
    hidden = [withdrawn] if withdrawn is not None else []
    s = Search()
    if browsing:
        s = s.query(Q("bool", filter=[Q("term", primary=True)], must_not=hidden))
    else:
        matched = text_query(text, expansions)
        # Among equally good matches, the translation to be shown first (collapse keeps the
        # best document of each resource, so its own text is the one highlighted).
        shown = list(query.selected("language")) or [query.lang]
        # (A file's language is not a translation to show.)
        preferred = Q("bool", filter=[Q("terms", language=shown)], must_not=[_file_documents()])
        s = s.query(
            Q(
                "bool",
                must=[matched],
                should=[Q("constant_score", filter=preferred, boost=1)],
                must_not=hidden,
            )
        )
        # (A file's passages come with its best page.)
        s = s.highlight_options(
            **HIGHLIGHT_TAGS,
            require_field_match=True,
            highlight_query=text_query(text, expansions, files=False).to_dict(),
        )
        s = s.highlight("title_*", number_of_fragments=0)
        s = s.highlight("summary_*", number_of_fragments=0)
        s = s.highlight("body_*", fragment_size=160, number_of_fragments=2)
        s = s.extra(collapse={"field": "translation_key"})
    clauses = _filter_clauses(query)
    if clauses:
        s = s.post_filter(Q("bool", filter=list(clauses.values())))
    s = _facet_aggregations(s, clauses, browsing)
    start = (query.page - 1) * query.page_size
    s = s.extra(track_total_hits=False, **{"from": start, "size": query.page_size})
    s = s.sort(*_sort(query, browsing))
    s = s.source(SOURCE_FIELDS + ([] if browsing else FILE_SOURCE_FIELDS))
    return s


def _file_documents():
    return Q("term", kind=KIND_FILE)


def _is_file_hit(source):
    return source.get("kind") == KIND_FILE


# --- engine calls --------------------------------------------------------------------------


def engine_search(query, expansions=()):
    engine = engines.get_engine()
    index = _alias()
    body = build_search(query, expansions, withdrawn_documents()).to_dict()
    response = engine.search(index, body)
    hits = response["hits"]["hits"]
    shown = _shown_translations(engine, index, hits, query)
    aggregations = response.get("aggregations", {})
    names = labels(query.lang)
    terms = {f"{TERM_PREFIX}{e.concept_id}": e for e in expansions}
    results = _still_public(
        [
            _hit(hit, shown, names, query, terms)
            for hit in _with_public_files(hits)
            if hit["_id"] in shown
        ]
    )
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
    """Drop hits whose page stopped being public, or whose harvested record was deleted,
    after it was indexed (the queue may lag, or its worker be down): the index is never
    trusted to decide who sees what."""
    if not results:
        return results
    shown = _still_shown({(hit.page_id, hit.translation_key, hit.language) for hit in results})
    return [hit for hit in results if (hit.page_id, hit.translation_key, hit.language) in shown]


def _still_shown(entries):
    """The (page id, translation key, language) entries from the index still to be shown: a
    page still live and public, a harvested record (page id 0) still harvested. The others'
    resources are queued, to bring the index in line."""
    page_ids = {page_id for page_id, _key, _language in entries if page_id}
    live = Page.objects.live().public().filter(pk__in=page_ids).values_list("pk", flat=True)
    visible = set(live) if page_ids else set()
    harvested = visible_external({(key, lang) for page_id, key, lang in entries if not page_id})
    shown = {
        (page_id, key, language)
        for page_id, key, language in entries
        if (page_id in visible if page_id else (key, language) in harvested)
    }
    stale = {key for _page_id, key, _language in set(entries) - shown}
    if stale:
        enqueue(stale)
    return shown


def _with_public_files(hits):
    """The hits, less those found in a file that is no longer public (its collection made
    private after it was indexed: the worker has not caught up)."""
    files = {hit["_source"]["file_id"] for hit in hits if _is_file_hit(hit["_source"])}
    if not files:
        return hits
    public = set(
        ResourceDocument.objects.filter(pk__in=files)
        .exclude(private_collections_q())
        .values_list("pk", flat=True)
    )
    hidden = [
        hit["_source"]
        for hit in hits
        if _is_file_hit(hit["_source"]) and hit["_source"]["file_id"] not in public
    ]
    if hidden:
        enqueue({source["translation_key"] for source in hidden})
    return [
        hit
        for hit in hits
        if not _is_file_hit(hit["_source"]) or hit["_source"]["file_id"] in public
    ]


def withdrawn_documents():
    """The documents the index still holds for pages that stopped being live or public, as a
    query: those of queued resources whose page is no longer live and public. Counts and
    facets are read from the engine and cannot be re-checked hit by hit as results are; the
    queue row is written in the editor's own transaction, so it is there before the index
    could be wrong, and it stays until the worker has rewritten the resource. The pages of
    files of queued resources are all left out too: a file may have been made private."""
    keys = list(
        PendingIndexUpdate.objects.order_by("requested_at").values_list(
            "translation_key", flat=True
        )[:MAX_WITHDRAWN_RESOURCES]
    )
    if not keys:
        return None
    visible = Page.objects.live().public().filter(translation_key__in=keys)
    queued = Q("terms", translation_key=[str(key) for key in keys])
    harvested = external_resources().filter(translation_key__in=keys)
    withdrawn_pages = Q(
        "bool",
        filter=[queued],
        must_not=[
            Q("terms", page_id=list(visible.values_list("pk", flat=True))),
            Q(
                "terms",
                translation_key=[
                    str(k) for k in harvested.values_list("translation_key", flat=True)
                ],
            ),
        ],
    )
    return Q(
        "bool",
        should=[withdrawn_pages, Q("bool", filter=[queued, _file_documents()])],
        minimum_should_match=1,
    )


def _alias():
    return settings.DISCOVERY_INDEX


def _shown_translations(engine, index, hits, query):
    """{hit id: the source of the translation to show for it}, fetching the ones that are
    not the document that matched in one request (always, for a hit in a file's text)."""
    shown, wanted = {}, {}
    for hit in hits:
        source = hit["_source"]
        available, original = source["available_languages"], source.get("original_language")
        language = query.shown_language(available, original)
        if _is_file_hit(source):
            if language is None:  # the language filter leaves none: the visitor's order
                language = display_language(
                    available, query.lang, query.reading_languages, original
                )
            wanted[hit["_id"]] = document_id(source["translation_key"], language)
        elif language in (None, source["language"]):
            shown[hit["_id"]] = source
        else:
            wanted[hit["_id"]] = document_id(source["translation_key"], language)
    fetched = engine.mget(index, list(wanted.values())) if wanted else {}
    for hit_id, document in wanted.items():
        if document in fetched:  # else the queue has not caught up: leave the hit out
            shown[hit_id] = fetched[document]
    return shown


def _hit(hit, shown, names, query, terms):
    matched = hit["_source"]
    source = shown[hit["_id"]]
    text_search = bool(query.q)
    highlight = {}
    # Only the text that matched is highlighted: another translation's would be wrong.
    if text_search and source is matched:
        for field, fragments in hit.get("highlight", {}).items():
            family = highlight.setdefault(field.split("_", 1)[0], [])
            # A field and its accent-keeping ``.exact`` sub-field mark the same passage.
            family.extend(f for f in fragments if f not in family)
        for family in _converted_families(source):
            highlight.pop(family, None)
    matched_term = ""
    named = hit.get("matched_queries") or []
    if text_search and DIRECT not in named:
        through = [terms[name] for name in named if name in terms]
        matched_term = through[0].label(query.lang) if through else ""
    country = source.get("country") or []
    found_in = _found_in(hit) if text_search and _is_file_hit(matched) else None
    stored = {name: source[name] for name in stored_fields(Hit)}
    stored["type"] = stored["type"] or ""  # a harvested record of no type of ours
    return Hit(
        **stored,
        origin=source.get("origin") or "",
        highlight=highlight,
        institution=names["institution"].get(
            source.get("institution"), source.get("institution") or ""
        ),
        country=country[0] if len(country) == 1 else ",".join(country),
        matched_language=matched["language"] if text_search else "",
        matched_term=matched_term,
        found_in=found_in,
    )


def _found_in(hit):
    """Where in a file the words were found: the file, its best page (slide, sheet,
    chapter) and the passages around them; None when no page matched (the file document
    matched by the resource's code)."""
    pages = hit.get("inner_hits", {}).get(FILE_PAGES, {}).get("hits", {}).get("hits", [])
    if not pages:
        return None
    source = hit["_source"]
    page = pages[0]
    location = source.get("location") or ""
    number = page["_source"].get("number") or 0
    fragments = [fragment for found in page.get("highlight", {}).values() for fragment in found]
    return FoundIn(
        file_title=source.get("file_title") or "",
        file_name=source.get("file_name") or "",
        file_language=source["language"],
        location=location,
        number=number if location else 0,
        label=page["_source"].get("label") or "",
        url=file_location_url(source.get("file_url") or "", location, number),
        highlight=fragments,
    )


def _converted_families(source):
    """Fields whose highlights would show traditional Chinese in the simplified form the
    engine holds (the body is not returned: it goes with the title and summary)."""
    title, summary = (has_chinese_variants(source[name]) for name in ("title", "summary"))
    return [
        family
        for family, converted in (
            ("title", title),
            ("summary", summary),
            ("body", title or summary),
        )
        if converted
    ]


def _facets(aggregations, query, names):
    facets = {}
    for facet in FACETS:
        name = facet.name
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
    # Titles only: the pages of files are never suggested.
    s = Search().query(Q("bool", must=[typed], should=[preferred], must_not=[_file_documents()]))
    # The page and resource of each, to check the page is still public before it is shown.
    return s.extra(
        collapse={"field": "translation_key"}, size=limit, track_total_hits=False
    ).source([*stored_fields(Suggestion), "page_id", "translation_key"])


def engine_suggest(text, lang, limit):
    # The title that matched what was typed, not its translation: a suggestion must show
    # the letters being typed (the visitor's language is preferred when it matches too).
    hits = engines.get_engine().search(_alias(), build_suggest(text, lang, limit).to_dict())
    sources = [hit["_source"] for hit in hits["hits"]["hits"]]
    entries = [(s["page_id"], s["translation_key"], s["language"]) for s in sources]
    shown = _still_shown(set(entries))
    return [
        {name: source.get(name) or "" for name in stored_fields(Suggestion)}
        for source, entry in zip(sources, entries, strict=True)
        if entry in shown
    ]
