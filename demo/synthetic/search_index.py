"""The database search backend's index (wagtailsearch_indexentry) for the synthetic pages:
filled with the backend's own add_items for the pages it lacks, in one process per CPU, or
by update_index."""

import multiprocessing
import os
import time
from collections import defaultdict

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, connections
from modelcluster.fields import ParentalManyToManyField
from wagtail.models import Page
from wagtail.search import index
from wagtail.search.backends import get_search_backend

from .naming import LIBRARY_SLUG

DB_INDEX_CHUNK = 500


def database_backend_name():
    """The name of the Wagtail search backend that is the database backend, or None."""
    for name, conf in getattr(settings, "WAGTAILSEARCH_BACKENDS", {}).items():
        backend = conf.get("BACKEND", "")
        if backend.rsplit(".", 1)[-1] == "database" or backend.endswith(".database.SearchBackend"):
            return name
    if not getattr(settings, "WAGTAILSEARCH_BACKENDS", None):
        return "default"  # Wagtail's default is the database backend
    return None


def preload_parental_m2m(model, objects):
    """Load the ParentalManyToManyFields the search fields follow (sectors) for a whole chunk
    in one query. Wagtail does not prefetch them, and the database backend reads each one five
    times per object: five queries per page otherwise. Assigning the list keeps it in memory
    (modelcluster defers it until a save, which never comes); the indexed text is the same."""
    followed = {
        f.field_name for f in model.get_search_fields() if isinstance(f, index.RelatedFields)
    }
    for f in model._meta.many_to_many:
        if not isinstance(f, ParentalManyToManyField) or f.name not in followed:
            continue
        through = f.remote_field.through
        source, target = f.m2m_field_name(), f.m2m_reverse_field_name()
        related = defaultdict(list)
        for link in through._base_manager.filter(**{f"{source}__in": objects}).select_related(
            target
        ):
            related[getattr(link, f"{source}_id")].append(getattr(link, target))
        ordering = f.related_model._meta.ordering
        for obj in objects:
            values = related.get(obj.pk, [])
            if ordering and all(isinstance(o, str) and not o.startswith("-") for o in ordering):
                values.sort(key=lambda v: tuple(getattr(v, o) for o in ordering))
            setattr(obj, f.name, values)


def unindexed_synthetic_pages():
    """{model: [ids]} of the synthetic pages (sections included) that have no entry in the
    database search backend's index yet."""
    if database_backend_name() is None:
        return {}
    entry = apps.get_model("wagtailsearch", "IndexEntry")
    quote = connection.ops.quote_name
    libraries = list(Page.objects.filter(slug=LIBRARY_SLUG, depth=4).values_list("path", flat=True))
    if not libraries:
        return {}
    where = " OR ".join(["p.path LIKE %s"] * len(libraries))
    sql = (
        f"SELECT p.content_type_id, p.id FROM {quote(Page._meta.db_table)} p "  # noqa: S608 - table names
        f"WHERE ({where}) AND NOT EXISTS (SELECT 1 FROM {quote(entry._meta.db_table)} e "
        "WHERE e.content_type_id = p.content_type_id AND e.object_id = p.id::text) ORDER BY p.id"
    )
    by_type = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(sql, [path + "%" for path in libraries])
        for content_type_id, page_id in cursor.fetchall():
            by_type[content_type_id].append(page_id)
    return {
        ContentType.objects.get_for_id(type_id).model_class(): ids
        for type_id, ids in by_type.items()
    }


def _index_pages(task):
    """Worker: index one slice of pages of one model with the database backend. The backend
    refreshes every entry's title norm after each chunk (a scan of the whole index table, and
    overlapping updates between workers); here that is done once, by the caller, at the end."""
    backend_name, label, ids = task
    model = apps.get_model(label)
    index = get_search_backend(backend_name).get_index_for_model(model)
    index._refresh_title_norms = lambda full=False: None
    try:
        for start in range(0, len(ids), DB_INDEX_CHUNK):
            objects = list(
                model.get_indexed_objects().filter(pk__in=ids[start : start + DB_INDEX_CHUNK])
            )
            preload_parental_m2m(model, objects)
            index.add_items(model, objects)
    finally:
        connections.close_all()
    return len(ids)


def fill_database_index(new_ids, mode, out, workers=None):
    """Put the new pages into the database search backend's index. ``mode``: "add" (only the
    new pages, with the backend's own add_items, in ``workers`` processes), "rebuild"
    (manage.py update_index for that backend: every indexed object, one process) or "none".
    Returns seconds (None when skipped)."""
    if mode == "none":
        return None
    name = database_backend_name()
    if name is None:
        out.write("synthetic: no database search backend configured; its index is not filled\n")
        return None
    started = time.perf_counter()
    if mode == "rebuild":
        call_command("update_index", backend_name=name, verbosity=0)
        return time.perf_counter() - started

    workers = workers or os.cpu_count() or 1
    slice_size = 4 * DB_INDEX_CHUNK
    tasks = [
        (name, model._meta.label, ids[start : start + slice_size])
        for model, ids in new_ids.items()
        for start in range(0, len(ids), slice_size)
    ]
    total = sum(len(ids) for ids in new_ids.values())
    done = 0
    connections.close_all()  # the workers are forked: each opens its own connection
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for n in pool.imap_unordered(_index_pages, tasks):
            done += n
            rate = done / (time.perf_counter() - started)
            out.write(f"  {done:>8,} / {total:,} pages indexed ({rate:,.0f}/s)\r")
            out.flush()
    if total:
        out.write("\n")
        backend = get_search_backend(name)
        backend.get_index_for_model(Page)._refresh_title_norms()
    return time.perf_counter() - started
