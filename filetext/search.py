"""Search inside one teaching material's files: the pages, slides, sheets or chapters of its
files where a search's words occur, with the passage and a link that opens the file there.

It lives with the file text it searches (filetext.models), apart from the discovery search,
which finds resources: this one finds places inside the files of one resource the visitor
already has in front of them. The engine answers when one is configured and reachable (the
index's file documents: ``kind: "file"``, one per page of a public file); otherwise, when it
is down (``degraded``), or when the visitor may also open a private collection's file (which
the index never holds), the database does (filetext.matching).

Only files the visitor may download are searched (a private collection's files only for
those its restriction lets in, as the download view decides), and only files whose text
was extracted from their current content.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from elasticsearch_dsl import Q, Search

from digital_lm.languages import LANGUAGE_CODES
from discovery import engine as engines
from discovery.mapping import FILE_TEXT_FIELD, KIND_FILE, language_field
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

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
# The database reads at most this many matching pages of one material's files; the count
# it gives says "more than" beyond.
MAX_SEGMENTS = 1000
# The engine pages through at most this many matches.
MAX_ENGINE_RESULTS = 1000
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
    documents = downloadable(request, material.files_by_language())
    done = set(
        DocumentText.objects.filter(
            document__in=[d.pk for d in documents], status=DocumentText.Status.DONE
        ).values_list("document_id", "checksum_sha256")
    )
    return [d for d in documents if (d.pk, d.checksum_sha256) in done]


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


def file_text_fields():
    return [language_field(FILE_TEXT_FIELD, code) for code in LANGUAGE_CODES]


def build_search(material, q, page):
    """The engine's query: the file documents of this resource holding every word in the
    file's own language's field (which of them this visitor may download is checked on the
    answer: the index's file ids are not searchable)."""
    text = search_text(q)
    s = Search().query(
        Q(
            "bool",
            filter=[
                Q("term", kind=KIND_FILE),
                Q("term", translation_key=str(material.translation_key)),
            ],
            must=[Q("multi_match", query=text, fields=file_text_fields(), operator="and")],
        )
    )
    s = s.highlight_options(
        encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"], require_field_match=True
    )
    s = s.highlight(
        f"{FILE_TEXT_FIELD}_*",
        fragment_size=PASSAGE_FRAGMENT_CHARS,
        number_of_fragments=1,
        no_match_size=0,
    )
    s = s.source(["file_id", "location", "location_number", "location_label"])
    start = (page - 1) * PAGE_SIZE
    return s.extra(
        track_total_hits=MAX_ENGINE_RESULTS,
        **{"from": start, "size": PAGE_SIZE},
    )


def engine_search(material, documents, q, page):
    if (page - 1) * PAGE_SIZE >= MAX_ENGINE_RESULTS:
        return MaterialSearch(q=q, page=page, count=MAX_ENGINE_RESULTS, more=True)
    body = build_search(material, q, page).to_dict()
    response = engines.get_engine().search(settings.DISCOVERY_INDEX, body)
    by_id = {document.pk: document for document in documents}
    matches = []
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        document = by_id.get(source.get("file_id"))
        if document is None:  # the index is never trusted to decide who sees what
            continue
        fragments = [f for values in hit.get("highlight", {}).values() for f in values]
        number = source.get("location_number") or 0
        label = source.get("location_label") or ""
        matches.append(found_in(document, number, fragments[:1], label))
    total = response["hits"]["total"]
    count = total["value"] if isinstance(total, dict) else total
    return MaterialSearch(
        q=q,
        page=page,
        count=min(count, MAX_ENGINE_RESULTS),
        matches=matches,
        more=count > MAX_ENGINE_RESULTS,
    )
