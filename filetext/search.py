"""Search inside one teaching material's files: the pages, slides, sheets or chapters of its
files where a search's words occur, with the passage and a link that opens the file there.

It lives with the file text it searches (filetext.models), apart from the discovery search,
which finds resources: this one finds places inside the files of one resource the visitor
already has in front of them. The engine answers when one is configured and reachable (the
index's file documents: one per public file, its pages nested); otherwise, when it
is down (``degraded``), or when the visitor may also open a private collection's file (which
the index never holds), the database does (filetext.matching).

Only files the visitor may download are searched (a private collection's files only for
those its restriction lets in, as the download view decides), and only files whose text
was extracted from their current content.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import QuerySet
from elasticsearch_dsl import Q, Search

from digital_lm.languages import LANGUAGE_CODES
from discovery import engine as engines
from discovery.file_documents import file_document_id
from discovery.mapping import FILE_PAGES, FILE_TEXT_FIELDS, MAX_PAGE_MATCHES, file_text_field
from discovery.normalize import search_text
from discovery.results import FoundIn
from downloads.access import downloadable, may_download
from downloads.opening import file_location_url
from filetext.extraction import LOCATIONS
from filetext.matching import (
    documents_q,
    matching_segments,
    passage_html,
    search_words,
)
from filetext.models import DocumentText
from resources.caching import kept_for_page

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
# The database reads at most this many matching pages of one material's files; the count
# it gives says "more than" beyond.
MAX_SEGMENTS = 1000
PASSAGE_FRAGMENT_CHARS = 240


@dataclass
class MaterialSearch:
    """One page of matches in one material's files."""

    q: str
    page: int
    count: int  # matches in all (at most the bound)
    matches: list = field(default_factory=list)  # of FoundIn
    more: bool = False  # there were more matches than the bound
    degraded: bool = False  # the engine was unreachable and the database answered

    @property
    def num_pages(self):
        return max(1, -(-self.count // PAGE_SIZE))


def searchable_documents(request, material):
    """The material's files, in the page's order, that this visitor may download and whose
    text was extracted from their current content."""
    # Kept only when the files are read from the database (a preview holds its own).
    shared = isinstance(material.files.all(), QuerySet)
    done = kept_for_page(material, "extracted-files", lambda: _extracted(material), shared)
    documents = downloadable(request, material.files_by_language())
    return [d for d in documents if (d.pk, d.checksum_sha256) in done]


def _extracted(material):
    """{(document id, checksum)} of the material's files (all of them: each visitor is
    shown only theirs) whose text is extracted."""
    return set(
        DocumentText.objects.filter(
            document__in=[d.pk for d in material.files_by_language()],
            status=DocumentText.Status.DONE,
        ).values_list("document_id", "checksum_sha256")
    )


def search_material(request, material, q, page=1):
    """The MaterialSearch of ``q`` in ``material``'s files for this visitor."""
    documents = searchable_documents(request, material)
    if not documents or not search_words(q):
        return MaterialSearch(q=q, page=page, count=0)
    # The index holds public files only: a visitor who may also download a private
    # collection's file is answered by the database, which has them all.
    if engines.engine_configured() and all(may_download(None, d) for d in documents):
        try:
            return engine_search(material, documents, q, page)
        except engines.EngineUnavailable as exc:
            logger.warning("Discovery engine unavailable, searching files in the database: %s", exc)
            result = database_search(documents, q, page)
            result.degraded = True
            return result
    return database_search(documents, q, page)


def found_in(document, number, passages, label=""):
    """Where the words were found: ``number`` counts the file's location (page, slide...),
    0 when its format has none; ``passages``: HTML, text escaped, words in <mark>."""
    location = LOCATIONS.get(document.content_type) or ""
    return FoundIn(
        file_title=document.title,
        file_name=document.download_filename,
        file_language=document.language,
        location=location,
        number=number if location else 0,
        label=label,
        url=file_location_url(document, number if location == "page" else 0),
        highlight=list(passages),
    )


# --- the database --------------------------------------------------------------------------


def database_search(documents, q, page):
    words = search_words(q)
    segments, more = matching_segments(
        documents_q(pk__in=[d.pk for d in documents]), words, MAX_SEGMENTS
    )
    position = {document.pk: index for index, document in enumerate(documents)}
    segments.sort(key=lambda s: (position[s.document_text.document_id], s.number))
    start = (page - 1) * PAGE_SIZE
    shown = segments[start : start + PAGE_SIZE]
    by_id = {document.pk: document for document in documents}
    matches = []
    for segment in shown:
        document = by_id[segment.document_text.document_id]
        passage = passage_html(segment.text, words)
        matches.append(found_in(document, segment.number, [passage], segment.label))
    return MaterialSearch(q=q, page=page, count=len(segments), matches=matches, more=more)


# --- the engine ----------------------------------------------------------------------------


def page_query(text, **inner_hits):
    """The pages of a file holding every word in the file's own language's field."""
    return Q(
        "nested",
        path=FILE_PAGES,
        ignore_unmapped=True,  # an index built before files had pages: found without them
        query=Q(
            "multi_match",
            query=text,
            fields=[file_text_field(code) for code in LANGUAGE_CODES],
            operator="and",
        ),
        inner_hits={"name": FILE_PAGES, **inner_hits},
    )


def count_search(material, documents, text):
    """The engine's first query: how many pages match in each of the visitor's files of
    this resource (the index's file documents are found by id: their file ids are not
    searchable)."""
    ids = [file_document_id(material.translation_key, d.pk) for d in documents]
    s = Search().query(Q("bool", filter=[Q("ids", values=ids)], must=[page_query(text, size=0)]))
    return s.source(["file_id"]).extra(size=len(ids), track_total_hits=False)


def pages_search(material, document, text, start, size):
    """The engine's second query, per file shown: its matching pages ``start`` to
    ``start + size`` in the file's order, with the passage around the words."""
    highlight = {
        "encoder": "html",
        "pre_tags": ["<mark>"],
        "post_tags": ["</mark>"],
        "require_field_match": True,
        "fields": {
            FILE_TEXT_FIELDS: {
                "fragment_size": PASSAGE_FRAGMENT_CHARS,
                "number_of_fragments": 1,
                "no_match_size": 0,
            }
        },
    }
    inner = page_query(
        text,
        **{"from": start, "size": size},
        sort=[{f"{FILE_PAGES}.number": "asc"}],
        _source=[f"{FILE_PAGES}.number", f"{FILE_PAGES}.label"],
        highlight=highlight,
    )
    doc_id = file_document_id(material.translation_key, document.pk)
    s = Search().query(Q("bool", filter=[Q("ids", values=[doc_id])], must=[inner]))
    return s.source(False).extra(size=1, track_total_hits=False)


def engine_search(material, documents, q, page):
    """Matches in the visitor's files in the page's order, each file's in its own order:
    one query counts them per file, then one per file shown reads its slice of them."""
    engine = engines.get_engine()
    text = search_text(q)
    response = engine.search(
        settings.DISCOVERY_INDEX, count_search(material, documents, text).to_dict()
    )
    totals = {}
    for hit in response["hits"]["hits"]:
        total = hit["inner_hits"][FILE_PAGES]["hits"]["total"]
        totals[hit["_source"]["file_id"]] = total["value"] if isinstance(total, dict) else total
    more = any(total > MAX_PAGE_MATCHES for total in totals.values())
    counts = [(d, min(totals.get(d.pk, 0), MAX_PAGE_MATCHES)) for d in documents]
    start, end = (page - 1) * PAGE_SIZE, page * PAGE_SIZE
    matches, offset = [], 0
    for document, count in counts:
        first, last = max(start - offset, 0), min(end - offset, count)
        offset += count
        if first >= last:
            continue
        body = pages_search(material, document, text, first, last - first).to_dict()
        hits = engine.search(settings.DISCOVERY_INDEX, body)["hits"]["hits"]
        pages = hits[0]["inner_hits"][FILE_PAGES]["hits"]["hits"] if hits else []
        for found in pages:
            fragments = [f for values in found.get("highlight", {}).values() for f in values]
            number = found["_source"].get("number") or 0
            label = found["_source"].get("label") or ""
            matches.append(found_in(document, number, fragments[:1], label))
    return MaterialSearch(q=q, page=page, count=offset, matches=matches, more=more)
