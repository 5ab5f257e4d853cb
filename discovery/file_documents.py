"""Index documents for the text inside teaching materials' files: one per public file that a
live, public translation of a material links, its pages (slides, sheets, chapters) nested.

A file document carries the resource's facet and ranking fields, copied from the resource's
primary translation document, so a search filters and counts it like the resource; it is
never ``primary`` (browsing and its counts read primary documents only). Each of its pages
holds its number, label and text (``pages.text_<language>``, analysed by the file's
language): a search matches a page and says which, while counts and facets see the file
once, not once per page. Only files of public collections, and only text extracted from the
file as it is now (its checksum), are indexed.
"""

from django.db.models import F, Q
from wagtail.models import CollectionViewRestriction

from digital_lm.languages import LANGUAGE_CODES, in_alliance_order
from discovery.mapping import FILE_PAGES, FILE_TEXT_FIELD, KIND_FILE, MAX_FILE_PAGES, language_field
from discovery.normalize import normalize_text, search_text
from filetext.extraction import LOCATIONS
from filetext.models import DocumentText, TextSegment
from resources.models import MaterialFile, TeachingMaterialPage

# What a file document copies of its resource's primary translation document.
RESOURCE_FIELDS = (
    "translation_key",
    "resource_number",
    "external_id",
    "type",
    "available_languages",
    "original_language",
    "institution",
    "country",
    "sector",
    "level",
    "aqrf_level",
    "tag",
    "code",
    "first_published_at",
    "last_published_at",
    "title_sort",  # a search sorted by title places a hit found in a file with its resource
)
# Characters of one page's text indexed, at most: the engines refuse to highlight beyond a
# million, and no page a reader opens is that long (a huge sheet is cut there).
MAX_SEGMENT_CHARACTERS = 500_000
# Segments read from the database at a time (a server-side cursor: memory stays flat however
# long the files are).
SEGMENT_FETCH = 500
# Ids of current file documents per request that removes the stale ones (the engines bound
# the terms of one query).
MAX_KEPT_IDS_PER_DELETE = 10_000


def file_document_id(translation_key, document_pk):
    return f"{translation_key}:{KIND_FILE}:{document_pk}"


def is_file_document_id(document_id):
    return f":{KIND_FILE}:" in document_id


def private_collections_q(prefix="collection__"):
    """Documents whose collection, or one above it, has a view restriction: exactly those
    downloads.access.may_download refuses without a request (Wagtail's rule, which reads a
    collection's restrictions and its ancestors'), as one filter for a whole chunk."""
    q = Q()
    for path in CollectionViewRestriction.objects.values_list("collection__path", flat=True):
        q |= Q(**{f"{prefix}path__startswith": path})
    return q or Q(pk__in=[])


def public_material_files(translation_keys, public_pages):
    """The links from the live, public translations (``public_pages``: a queryset of
    TeachingMaterialPage) of these resources to their public files with finished text."""
    return (
        _public_links(public_pages.filter(translation_key__in=translation_keys))
        .select_related("document__extracted_text")
        .annotate(
            resource_key=F("material__translation_key"),
            page_language=F("material__locale__language_code"),
        )
    )


def _public_links(public_pages):
    return MaterialFile.objects.filter(
        material__in=public_pages.values("pk"),
        document__extracted_text__status=DocumentText.Status.DONE,
        document__extracted_text__checksum_sha256=F("document__checksum_sha256"),
    ).exclude(private_collections_q("document__collection__"))


def location_of(content_type):
    """What a segment number counts in a file of ``content_type`` ("" when nothing)."""
    return LOCATIONS.get((content_type or "").split(";")[0].strip().lower()) or ""


class _IndexedFile:
    """One file of one resource, and the translation whose page a hit on it links to."""

    def __init__(self, resource, document):
        self.resource = resource
        self.document = document
        self.pages = {}  # language -> page id of the translations that link the file

    def page_id(self):
        """The translation in the file's language when it links the file, else the first in
        the alliance's order."""
        language = self.document.language
        if language not in self.pages:
            language = in_alliance_order(self.pages)[0]
        return self.pages[language]

    def base_source(self):
        document = self.document
        source = {name: self.resource.get(name) for name in RESOURCE_FIELDS}
        source.update(
            kind=KIND_FILE,
            primary=False,
            page_id=self.page_id(),
            language=document.language,
            file_id=document.pk,
            file_title=normalize_text(document.title),
            file_name=document.download_filename,
            file_url=document.url,
            location=location_of(document.content_type),
        )
        return source


def iter_file_documents(primary_sources, public_pages):
    """(id, source) of the file documents of the resources whose primary translation
    documents are ``primary_sources`` ({translation key: source}), with three queries
    whatever the number of files and pages (privacy, links, then the segments streamed)."""
    if not primary_sources:
        return
    files = {}  # DocumentText id -> [_IndexedFile]
    by_resource = {}
    links = public_material_files(list(primary_sources), public_pages)
    for link in links:
        document = link.document
        if document.language not in LANGUAGE_CODES:
            continue
        key = str(link.resource_key)
        indexed = by_resource.get((key, document.pk))
        if indexed is None:
            indexed = by_resource[(key, document.pk)] = _IndexedFile(primary_sources[key], document)
            files.setdefault(document.extracted_text.pk, []).append(indexed)
        indexed.pages.setdefault(link.page_language, link.material_id)
    if not files:
        return
    bases = {text_id: [(f, f.base_source()) for f in found] for text_id, found in files.items()}
    for text_id, pages in _pages_by_file(list(files)):
        for indexed, base in bases[text_id]:
            field = language_field(FILE_TEXT_FIELD, indexed.document.language)
            source = dict(base)
            source[FILE_PAGES] = [
                {"number": number, "label": normalize_text(label), field: text}
                for number, label, text in pages
            ]
            yield file_document_id(source["translation_key"], indexed.document.pk), source


def _pages_by_file(text_ids):
    """(DocumentText id, [(number, label, text)]) for each of these files' text, its pages
    streamed from the database one file at a time (memory holds one file's text, bounded by
    the extraction's limit on characters) and normalised as a page's text is."""
    segments = (
        TextSegment.objects.filter(document_text_id__in=text_ids, number__lte=MAX_FILE_PAGES)
        .order_by("document_text_id", "number")
        .values_list("document_text_id", "number", "label", "text")
        .iterator(chunk_size=SEGMENT_FETCH)
    )
    current, pages = None, []
    for text_id, number, label, text in segments:
        if text_id != current:
            if pages:
                yield current, pages
            current, pages = text_id, []
        pages.append((number, label, search_text(text[:MAX_SEGMENT_CHARACTERS])))
    if pages:
        yield current, pages


def count_files(public_pages):
    """How many file documents a rebuild writes: one per resource and file."""
    return (
        _public_links(public_pages)
        .filter(document__language__in=LANGUAGE_CODES)
        .values("material__translation_key", "document")
        .distinct()
        .count()
    )


def stale_file_queries(translation_keys, current_ids):
    """Queries matching the file documents of these resources that are not ``current_ids``
    (a file removed, its text not extracted yet, or made private), in requests of a bounded
    size: ids of file documents are not known in advance, so they are deleted by query."""
    kept = {}
    for doc_id in current_ids:
        if is_file_document_id(doc_id):
            kept.setdefault(doc_id.split(":", 1)[0], []).append(doc_id)
    group, ids = [], []
    for key in sorted({str(k) for k in translation_keys}):
        if group and len(ids) + len(kept.get(key, ())) > MAX_KEPT_IDS_PER_DELETE:
            yield _stale_query(group, ids)
            group, ids = [], []
        group.append(key)
        ids.extend(kept.get(key, ()))
    if group:
        yield _stale_query(group, ids)


def _stale_query(keys, kept_ids):
    query = {
        "bool": {
            "filter": [{"terms": {"translation_key": keys}}, {"term": {"kind": KIND_FILE}}],
        }
    }
    if kept_ids:
        query["bool"]["must_not"] = [{"ids": {"values": kept_ids}}]
    return query


def is_material_model(model):
    return issubclass(model, TeachingMaterialPage)
