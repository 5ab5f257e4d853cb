"""--reset: the synthetic pages deleted in SQL, with every row that points at them."""

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from wagtail.models import Page

from .naming import LIBRARY_SLUG


def synthetic_page_filter():
    """Q matching every synthetic page: the "syn-library" sections and all below them."""
    condition = Q(pk__in=[])
    for path in Page.objects.filter(slug=LIBRARY_SLUG, depth=4).values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    return condition


def delete_synthetic(out):
    """Delete the synthetic pages and everything that points at them, in SQL (Wagtail's own
    delete collects every object in memory: minutes at 100,000 pages). Returns the number
    of pages deleted."""
    pages = Page.objects.filter(synthetic_page_filter())
    ids_query = pages.values("pk")
    total = pages.count()
    if not total:
        return 0
    page_models = {m for m in apps.get_models() if issubclass(m, Page)}
    page_type_ids = [ContentType.objects.get_for_model(m).id for m in page_models]
    with transaction.atomic():
        parents = list(
            Page.objects.filter(slug=LIBRARY_SLUG, depth=4).values_list("path", flat=True)
        )
        # Rows of other models that point at these pages (link tables, tags, permissions,
        # workflows, log entries...). Rows nothing else points at go in one DELETE; the others
        # through the ORM, which follows their own cascades.
        for model in apps.get_models(include_auto_created=True):
            if model in page_models:
                continue
            for f in model._meta.concrete_fields:
                if f.is_relation and f.related_model in page_models:
                    rows = model._base_manager.filter(**{f"{f.name}__in": ids_query})
                    if model._meta.related_objects:
                        rows.delete()
                    else:
                        rows._raw_delete(rows.db)
        # Generic references by object id: search index entries, revisions, the reference index.
        string_ids = pages.values_list("pk", flat=True)
        string_ids = [str(pk) for pk in string_ids]
        for label, type_field in (
            ("wagtailsearch.IndexEntry", "content_type_id"),
            ("wagtailcore.Revision", "base_content_type_id"),
            ("wagtailcore.ReferenceIndex", "base_content_type_id"),
            ("wagtailcore.WorkflowState", "base_content_type_id"),
        ):
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            for start in range(0, len(string_ids), 10_000):
                model._base_manager.filter(
                    **{
                        f"{type_field}__in": page_type_ids,
                        "object_id__in": string_ids[start : start + 10_000],
                    }
                )._raw_delete(model._base_manager.db)
        # The specific tables, then the pages.
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            where = " OR ".join(["path LIKE %s"] * len(parents))
            select = f"SELECT id FROM {quote(Page._meta.db_table)} WHERE {where}"  # noqa: S608 - table name
            cursor.execute(
                f"CREATE TEMPORARY TABLE syn_doomed ON COMMIT DROP AS {select}",
                [p + "%" for p in parents],
            )
            for model in page_models:
                if model is Page:
                    continue
                pointer = model._meta.pk.column
                cursor.execute(
                    f"DELETE FROM {quote(model._meta.db_table)} WHERE {quote(pointer)} IN (SELECT id FROM syn_doomed)"  # noqa: S608 - table names
                )
            cursor.execute(
                f"DELETE FROM {quote(Page._meta.db_table)} WHERE id IN (SELECT id FROM syn_doomed)"  # noqa: S608 - table name
            )
            # The resource libraries each lost their "syn-library" child.
            for path in parents:
                parent_path = path[: -Page.steplen]
                cursor.execute(
                    f"UPDATE {quote(Page._meta.db_table)} p SET numchild = ("  # noqa: S608 - table name
                    f"SELECT count(*) FROM {quote(Page._meta.db_table)} c "
                    "WHERE c.path LIKE p.path || '%%' AND c.depth = p.depth + 1) WHERE p.path = %s",
                    [parent_path],
                )
    out.write(f"synthetic: deleted {total:,} synthetic pages\n")
    return total
