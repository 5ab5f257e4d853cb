"""The files of the synthetic teaching materials, with the text extracted from them.

Each synthetic material gets one or two documents in its languages, in its institution's
collection, linked (MaterialFile) from every translation page of the material. A material's
PDFs have their text already extracted, as the extraction would leave it: a DocumentText
"done" for the document's checksum, and one TextSegment per page (5 to 60 pages of 1,500 to
2,500 characters, in the file's language). Videos and audio have a DocumentText "no_text".

The text is written from the synthetic vocabulary: the sector's keywords and the topic, the
catalogue's sentences, and words that only files use (``vocabulary.FILE_TERMS``), so that the
benchmark's queries find file pages and some queries can only be answered by them.

The files' bytes are not written: nothing the benchmarks measure reads them (the discovery
index is built from the stored text), and 100,000 documents' files would be gigabytes. Their
names (``synthetic/SYN-MATERIAL-0000042-1.pdf``) are in a folder no upload writes to, which
is how ``delete_files`` tells them apart; a download of one finds no file.

A run adds files to every synthetic material that has none (so data generated without file
text can be given it later); what a material gets is decided by (seed, its number) alone.
"""

import hashlib
import random
import time
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.db import connection, transaction
from wagtail.models import Collection

from digital_lm.languages import DEFAULT_LANGUAGE
from filetext.models import DocumentText, TextSegment
from resources.models import (
    InstitutionEditorial,
    MaterialFile,
    ResourceDocument,
    TeachingMaterialPage,
)

from . import vocabulary as words
from .bulk import Table, reserve_ids
from .naming import ID_PREFIX
from .planning import ResourcePlanner
from .snippets import ensure_snippets
from .texts import ResourceTexts

FILE_FOLDER = "synthetic/"
BATCH_MATERIALS = 400
TWO_FILES_ODDS = 0.35
# Material kinds whose files have no text to extract; the others are PDFs, of which this
# share has a text layer (together about 60 % of the materials have file text).
NO_TEXT_KINDS = {"video": ("video/mp4", ".mp4"), "audio": ("audio/mpeg", ".mp3")}
TEXT_ODDS = 0.85
PAGES = (5, 60, 14)  # least, most, most often (a triangular spread: handouts outnumber books)
PAGE_CHARACTERS = (1500, 2500)
FILE_SENTENCE_SHARE = 0.4  # of a page's sentences: the rest are the catalogue's own
JOINER = {"zh-hans": ""}  # how sentences follow each other (a space elsewhere)


@dataclass
class FileStats:
    materials: int = 0
    documents: int = 0
    with_text: int = 0
    segments: int = 0
    characters: int = 0
    rows: int = 0
    seconds: float = 0.0

    @property
    def rows_per_second(self):
        return self.rows / self.seconds if self.seconds else 0.0


def synthetic_documents():
    return ResourceDocument.objects.filter(file__startswith=FILE_FOLDER)


def materials_without_files():
    """{sequence number: {language: (page id, title, first published)}} of the synthetic
    materials that have no file yet, in order."""
    rows = (
        TeachingMaterialPage.objects.filter(external_id__startswith=ID_PREFIX, files__isnull=True)
        .order_by("external_id", "pk")
        .values_list("external_id", "pk", "locale__language_code", "title", "first_published_at")
    )
    materials = defaultdict(dict)
    for external_id, pk, lang, title, published in rows:
        materials[int(external_id.rsplit("-", 1)[1])][lang] = (pk, title, published)
    return materials


def institution_collections(snippets):
    """{institution slug: collection id}: the collection its editorial set-up made, or the
    root collection for an institution without one."""
    root = Collection.get_first_root_node().id
    by_key = dict(InstitutionEditorial.objects.values_list("institution_key", "collection_id"))
    return {
        info.slug: by_key.get(info.rows[DEFAULT_LANGUAGE].translation_key, root)
        for info in snippets.institutions
    }


class PageTexts:
    """Writes the pages of one file: sentences of the catalogue (its paragraphs and summaries,
    with each pair of the sector's keywords) and sentences of the file itself."""

    def __init__(self, texts, plan, lang, rng):
        self.rng = rng
        self.joiner = JOINER.get(lang, " ")
        ctx = texts.context(plan, lang)
        keywords = words.KEYWORDS[plan["sector"]][lang]
        variants = [
            {**ctx, "kw1": kw, "kw2": keywords[(i + 1) % len(keywords)]}
            for i, kw in enumerate(keywords)
        ]
        templates = words.PARAGRAPHS[lang] + words.SUMMARIES[lang]
        self.catalogue = [t.format(**v) for t in templates for v in variants]
        terms = words.FILE_TERMS[lang]
        self.own = []
        for n in range(1, 25):
            term, term2 = rng.sample(terms, 2)
            variant = rng.choice(variants)
            self.own.append(
                rng.choice(words.FILE_SENTENCES[lang]).format(
                    term=term,
                    term2=term2,
                    n=n,
                    fig=f"{rng.randint(1, 12)}-{rng.randint(1, 9)}",
                    kw1=variant["kw1"],
                    kw2=variant["kw2"],
                    topic=ctx["topic"],
                )
            )

    def page(self):
        rng = self.rng
        target = rng.randint(*PAGE_CHARACTERS)
        parts, length = [], 0
        while length < target:
            pool = self.own if rng.random() < FILE_SENTENCE_SHARE else self.catalogue
            sentence = pool[int(rng.random() * len(pool))]
            parts.append(sentence)
            length += len(sentence) + len(self.joiner)
        return self.joiner.join(parts)


def plan_files(plan, pages, seed, rng):
    """The documents of one material: [(number, language, has text, page count, checksum,
    content type, extension, size)]. ``pages`` are its translations ({language: ...})."""
    languages = list(pages)
    count = 2 if rng.random() < TWO_FILES_ODDS else 1
    chosen = rng.sample(languages, min(count, len(languages)))
    chosen += [languages[0]] * (count - len(chosen))
    no_text = NO_TEXT_KINDS.get(plan["material_kind"])
    files = []
    for number, lang in enumerate(chosen, start=1):
        has_text = not no_text and rng.random() < TEXT_ODDS
        page_count = int(rng.triangular(*PAGES)) if has_text else 0
        content_type, extension = no_text or ("application/pdf", ".pdf")
        size = (
            page_count * rng.randint(30_000, 120_000)
            if page_count
            else rng.randint(200_000, 300_000_000)
        )
        identity = f"synthetic:{seed}:{plan['seq']}:{number}".encode()
        files.append(
            (
                number,
                lang,
                has_text,
                page_count,
                hashlib.sha256(identity).hexdigest(),
                content_type,
                extension,
                size,
                hashlib.sha1(identity).hexdigest(),  # noqa: S324 - Wagtail's file_hash, not security
            )
        )
    return files


class FileWriter:
    """Collects the rows of a batch of materials' files and sends them with COPY."""

    def __init__(self, collections, stats):
        self.collections = collections
        self.stats = stats
        self.documents = Table(ResourceDocument, with_pk=True)
        self.links = Table(MaterialFile)
        self.texts = Table(DocumentText, with_pk=True)
        self.segments = Table(TextSegment)
        self.pending = []  # (plan, pages, files)

    def add(self, plan, pages, files):
        self.pending.append((plan, pages, files))

    def flush(self, texts, now):
        if not self.pending:
            return
        stats = self.stats
        n_files = sum(len(files) for _p, _pages, files in self.pending)
        document_rows, link_rows, text_rows, segment_rows = [], [], [], []
        with transaction.atomic(), connection.cursor() as wrapper:
            cursor = wrapper.cursor  # psycopg's own cursor, for COPY
            document_ids = iter(reserve_ids(cursor, ResourceDocument, n_files))
            text_ids = iter(reserve_ids(cursor, DocumentText, n_files))
            for plan, pages, files in self.pending:
                collection = self.collections[plan["institution"].slug]
                sort_orders = defaultdict(int)  # by page: the next link's position
                for number, lang, has_text, page_count, checksum, ctype, ext, size, sha1 in files:
                    document_id, text_id = next(document_ids), next(text_ids)
                    _pk, title, published = pages[lang]
                    name = f"{FILE_FOLDER}{plan['external_id']}-{number}{ext}"
                    suffix = f" ({number})" if len(files) > 1 else ""
                    document_rows.append(
                        self.documents.row(
                            {
                                "id": document_id,
                                "collection_id": collection,
                                "title": f"{title}{suffix}"[:255],
                                "created_at": published or now,
                                "file_size": size,
                                "file_hash": sha1,
                                "file": name,
                                "language": lang,
                                "content_type": ctype,
                                "checksum_sha256": checksum,
                            }
                        )
                    )
                    for page_id, _title, _published in pages.values():
                        link_rows.append(
                            self.links.row(
                                {
                                    "sort_order": sort_orders[page_id],
                                    "material_id": page_id,
                                    "document_id": document_id,
                                }
                            )
                        )
                        sort_orders[page_id] += 1
                    characters = 0
                    if has_text:
                        rng = random.Random(checksum)  # noqa: S311 - test data, not secrets
                        writer = PageTexts(texts, plan, lang, rng)
                        for page_number in range(1, page_count + 1):
                            text = writer.page()
                            characters += len(text)
                            segment_rows.append(
                                self.segments.row(
                                    {
                                        "document_text_id": text_id,
                                        "number": page_number,
                                        "text": text,
                                    }
                                )
                            )
                        stats.with_text += 1
                    text_rows.append(
                        self.texts.row(
                            {
                                "id": text_id,
                                "document_id": document_id,
                                "checksum_sha256": checksum,
                                "status": (
                                    DocumentText.Status.DONE
                                    if has_text
                                    else DocumentText.Status.NO_TEXT
                                ),
                                "segments": page_count,
                                "characters": characters,
                                "attempts": 1,
                                "requested_at": published or now,
                                "finished_at": published or now,
                            }
                        )
                    )
                    stats.characters += characters
                stats.materials += 1
            self.documents.copy(cursor, document_rows)
            self.links.copy(cursor, link_rows)
            self.texts.copy(cursor, text_rows)
            self.segments.copy(cursor, segment_rows)
        stats.documents += len(document_rows)
        stats.segments += len(segment_rows)
        stats.rows += len(document_rows) + len(link_rows) + len(text_rows) + len(segment_rows)
        self.pending = []


def add_files(seed, now, out, progress=True):
    """Files, with their text, for every synthetic material that has none; returns FileStats."""
    stats = FileStats()
    started = time.perf_counter()
    materials = materials_without_files()
    if not materials:
        return stats
    snippets = ensure_snippets()
    planner = ResourcePlanner(snippets, seed, now)
    texts = ResourceTexts(snippets)
    writer = FileWriter(institution_collections(snippets), stats)
    for i, (seq, pages) in enumerate(sorted(materials.items()), start=1):
        plan = planner.plan(seq)
        rng = random.Random(f"{seed}:{seq}:files")  # noqa: S311 - test data, not secrets
        writer.add(plan, pages, plan_files(plan, pages, seed, rng))
        if i % BATCH_MATERIALS == 0:
            writer.flush(texts, now)
            if progress:
                rate = stats.rows / (time.perf_counter() - started)
                out.write(f"  {i:>8,} / {len(materials):,} materials' files ({rate:,.0f} rows/s)\r")
                out.flush()
    writer.flush(texts, now)
    with connection.cursor() as cursor:
        for model in (ResourceDocument, MaterialFile, DocumentText, TextSegment):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    stats.seconds = time.perf_counter() - started
    if progress:
        out.write("\n")
    return stats


def delete_files(out):
    """Delete the synthetic documents, their links, their text and what else points at them,
    in SQL. Returns the number of documents deleted."""
    total = synthetic_documents().count()
    if not total:
        return 0
    quote = connection.ops.quote_name
    documents = quote(ResourceDocument._meta.db_table)
    texts = quote(DocumentText._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE syn_documents ON COMMIT DROP AS "  # noqa: S608 - table name
            f"SELECT id FROM {documents} WHERE file LIKE %s",
            [FILE_FOLDER + "%"],
        )
        cursor.execute(
            f"DELETE FROM {quote(TextSegment._meta.db_table)} WHERE document_text_id IN ("  # noqa: S608 - table names
            f"SELECT id FROM {texts} WHERE document_id IN (SELECT id FROM syn_documents))"
        )
        # Every other row that points at a document: links, the text, download counters.
        for model in apps.get_models(include_auto_created=True):
            for f in model._meta.concrete_fields:
                if f.is_relation and f.related_model is ResourceDocument:
                    cursor.execute(
                        f"DELETE FROM {quote(model._meta.db_table)} "  # noqa: S608 - table names
                        f"WHERE {quote(f.column)} IN (SELECT id FROM syn_documents)"
                    )
        cursor.execute(f"DELETE FROM {documents} WHERE id IN (SELECT id FROM syn_documents)")  # noqa: S608 - table name
    out.write(f"synthetic: deleted {total:,} synthetic documents with their links and text\n")
    return total
