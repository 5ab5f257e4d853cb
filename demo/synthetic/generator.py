"""Synthetic resources for the benchmarks, written straight into PostgreSQL.

    python manage.py generate_synthetic_resources --count 10000

``--count N`` is the number of synthetic *documents* (published resource page translations)
wanted: the run tops up to N (or does nothing if there are already N or more). Every resource
has 1 to 7 translations (most in zh-hans and en, fewer in lo, km and my) sharing one
translation_key and one external ID ("SYN-COURSE-0000042"); slugs start with "syn-".

The pages are not created through Wagtail's add_child/save_revision (far too slow for 100,000
pages): the page rows get treebeard paths computed in ``bulk`` and go in with COPY, then the
rows of the specific models, their many-to-many and tag rows. They live under one section per
language, "syn-library", below the language's resource library, with a sub-section per
institution. After the insert the Wagtail database search backend's index is filled for every
synthetic page it lacks, and the tree, ``.specific`` and page rendering are checked.

Then every synthetic teaching material without files gets one or two, with the text of
their pages as the extraction would have stored it (``material_files``; not with
``file_text=False``).

One module per job: ``vocabulary`` (the words), ``planning`` (what each resource is),
``texts`` (its words in each language), ``snippets``, ``bulk`` (rows sent with COPY),
``pages`` (sections and resources), ``material_files`` (their files and text), ``search_index``, ``checks``, ``reset``, ``guards``
(which databases it refuses); this one runs them in order.

Destructive: refuses to run unless the database name ends in "_bench" (or
--i-know-this-is-a-bench-db). --reset deletes the previous synthetic pages first.
"""

import sys
import time
from dataclasses import dataclass, field

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page

from digital_lm.languages import LANGUAGE_CODES
from resources.models import Country, ResourceIndexPage

from .checks import check_everything
from .guards import SyntheticError, check_database, check_migrations, database_name
from .material_files import FileStats, add_files, delete_files
from .naming import ID_PREFIX
from .pages import count_documents, ensure_sections, insert_resources
from .planning import resource_models
from .reset import delete_synthetic
from .search_index import fill_database_index, unindexed_synthetic_pages
from .snippets import ensure_snippets

# What the bench scripts use (bench/discovery.py imports this module as ``synthetic``).
__all__ = [
    "ID_PREFIX",
    "FileStats",
    "GenerateStats",
    "SyntheticError",
    "check_database",
    "database_name",
    "delete_files",
    "generate",
    "write_files",
]


def ensure_demo_content(out):
    """The demo's snippets and page tree (six countries, sectors, levels, 13 institutions, the
    resource library in every language): loaded once if missing."""
    libraries = ResourceIndexPage.objects.filter(depth=3, institution__isnull=True)
    if Country.objects.exists() and libraries.count() >= len(LANGUAGE_CODES):
        return
    out.write("synthetic: loading the demo content first (load_demo_content)\n")
    call_command("load_demo_content", stdout=out)


@dataclass
class GenerateStats:
    """What a run found, did and measured."""

    documents: int  # synthetic documents now in the database
    created: int  # created by this run
    deleted: int = 0
    sections: int = 0
    seconds: float = 0.0  # writing the pages (snippets, sections, resources, ANALYZE)
    db_index_seconds: float | None = None
    db_index_pages: int = 0
    by_language: dict = field(default_factory=dict)
    by_kind: dict = field(default_factory=dict)
    files: FileStats = field(default_factory=FileStats)  # added by this run
    problems: list = field(default_factory=list)

    @property
    def per_second(self):
        return self.created / self.seconds if self.seconds else 0.0


def generate(
    count,
    seed=1,
    stdout=None,
    reset=False,
    db_index="add",
    check=True,
    full_check=False,
    allow_any_database=False,
    db_index_workers=None,
    file_text=True,
):
    """Make sure there are ``count`` synthetic documents (published resource translations),
    creating the missing ones, and (with ``file_text``) that every synthetic material has its
    files and their text; returns GenerateStats."""
    out = stdout or sys.stdout
    check_database(allow_any_database)
    check_migrations()
    stats = GenerateStats(documents=0, created=0)
    if reset:
        started = time.perf_counter()
        delete_files(out)
        stats.deleted = delete_synthetic(out)
        out.write(f"synthetic: reset in {time.perf_counter() - started:.1f} s\n")

    existing = count_documents()
    wanted = max(0, count - existing)
    stats.documents = existing
    if wanted:
        write_resources(stats, existing, wanted, seed, out)
    else:
        out.write(
            f"synthetic: {existing:,} synthetic documents already (wanted {count:,}); "
            "nothing to add\n"
        )
    if file_text:
        stats.files = write_files(seed, out)

    pending = unindexed_synthetic_pages() if db_index == "add" else {}
    stats.db_index_pages = sum(len(ids) for ids in pending.values())
    if db_index == "rebuild" or stats.db_index_pages:
        stats.db_index_seconds = fill_database_index(pending, db_index, out, db_index_workers)
        if db_index == "rebuild":
            out.write(
                f"synthetic: database search index rebuilt (update_index, every indexed object) "
                f"in {stats.db_index_seconds:.1f} s\n"
            )
        else:
            out.write(
                f"synthetic: database search index filled for {stats.db_index_pages:,} pages in "
                f"{stats.db_index_seconds:.1f} s "
                f"({stats.db_index_pages / stats.db_index_seconds:,.0f} pages/s)\n"
            )
    if check:
        stats.problems = check_everything(out, full=full_check)
    return stats


def write_files(seed, out):
    """Files with text for the synthetic materials that have none; returns FileStats."""
    files = add_files(seed, timezone.now(), out)
    if files.documents:
        out.write(
            f"synthetic: wrote {files.documents:,} files of {files.materials:,} materials "
            f"({files.with_text:,} with text: {files.segments:,} pages, "
            f"{files.characters / 1e6:,.1f} million characters) in {files.seconds:.1f} s: "
            f"{files.rows:,} rows, {files.rows_per_second:,.0f} rows/s\n"
        )
    return files


def write_resources(stats, existing, wanted, seed, out):
    """Add ``wanted`` documents after the ``existing`` ones, in one transaction."""
    out.write(
        f"synthetic: {existing:,} synthetic documents in {database_name()!r}; adding {wanted:,} "
        f"(seed {seed})\n"
    )
    ensure_demo_content(out)
    started = time.perf_counter()
    now = timezone.now()
    with transaction.atomic():
        snippets = ensure_snippets()
        with connection.cursor() as wrapper:
            cursor = wrapper.cursor  # psycopg's own cursor, for COPY
            sections, section_ids = ensure_sections(cursor, snippets, now)
            stats.sections = len(section_ids)
            _ids, by_language, by_kind = insert_resources(
                cursor, snippets, sections, wanted, seed, now, out
            )
    with connection.cursor() as cursor:
        for model in [Page, *resource_models().values()]:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    stats.seconds = time.perf_counter() - started
    stats.created = sum(by_language.values())
    stats.documents = existing + stats.created
    stats.by_language = dict(by_language)
    stats.by_kind = dict(by_kind)
    out.write(
        f"synthetic: wrote {stats.created:,} documents in {stats.seconds:.1f} s "
        f"({stats.per_second:,.0f} documents/s); {stats.documents:,} synthetic documents now\n"
        f"  per language: "
        + ", ".join(f"{lang} {by_language[lang]:,}" for lang in LANGUAGE_CODES)
        + "\n  per type: "
        + ", ".join(f"{kind} {by_kind[kind]:,}" for kind in resource_models())
        + "\n"
    )
