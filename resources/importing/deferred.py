"""Upkeep that every save of a page repeats, done once per object when an import is written.

Writing one row saves its page four or five times (added to the tree, its revision, published,
a translation moved...), and each save brought the object up to date in Wagtail's search
index and reference index, and each publication brought the resource's OAI-PMH records up to
date. Inside ``deferred()`` the saves are only noted, and each object saved is brought up to
date once, at the end, in the import's transaction, from what it ended up as: the same index
entries, references and records as before, without the repetitions.

Wagtail's reference index and the OAI records are deferred for this thread only; the search
index's own receivers have no such switch and are disconnected for the duration, which
suits the commands that import (a process of their own), not a web server's threads.
"""

import contextlib
import logging
import threading

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models.signals import post_save
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from modelsearch import index as search_index
from modelsearch.backends import get_search_backends_with_name
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from interop.oai import tracking

logger = logging.getLogger(__name__)
_local = threading.local()


@contextlib.contextmanager
def deferred():
    """Note the saves made inside; bring what they saved up to date once on leaving (not when
    the block fails: its transaction is rolled back anyway)."""
    if getattr(_local, "saved", None) is not None:  # already deferring
        yield
        return
    disconnected = {
        model
        for model in search_index.get_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    }
    saved = _local.saved = _Saved(disconnected)
    try:
        with disable_reference_index_auto_update(), tracking.deferred():
            yield
            saved.bring_up_to_date()
    finally:
        for model in disconnected:
            post_save.connect(post_save_signal_handler, sender=model)
        _local.saved = None


class _Saved:
    def __init__(self, search_models):
        self.search_models = search_models  # those whose search receiver is disconnected
        self.searched = {}  # model -> {pk}: objects of Wagtail's search index
        self.referencing = {}  # model -> {pk}: objects of the reference index

    def note(self, instance):
        model = type(instance)
        if model in self.search_models:
            self.searched.setdefault(model, set()).add(instance.pk)
        if model in ReferenceIndex.tracked_models:
            owner = _reference_owner(instance)
            if owner is not None and ReferenceIndex.is_indexed(type(owner)):
                self.referencing.setdefault(type(owner), set()).add(owner.pk)

    def bring_up_to_date(self):
        indexed = {}  # model -> [instance], in one request per model and backend
        for model, pks in self.searched.items():
            for instance in model.get_indexed_objects().filter(pk__in=pks).order_by("pk"):
                instance = search_index.get_indexed_instance(instance, check_exists=False)
                if instance is not None:
                    indexed.setdefault(type(instance), []).append(instance)
        for model, instances in indexed.items():
            _add_to_search_backends(model, instances)
        for model, pks in self.referencing.items():
            # The references of a page's child objects count as its own: each relation is read
            # once for all the pages, not once per page.
            children = [rel.get_accessor_name() for rel in get_all_child_relations(model)]
            instances = model.objects.filter(pk__in=pks).order_by("pk")
            with transaction.atomic():
                _update_references(model, list(instances.prefetch_related(*children)))


def _update_references(model, instances):
    """``ReferenceIndex.create_or_update_for_object`` for each of ``instances`` (of ``model``
    exactly), with one read of the references they had and one insert of those they gain,
    instead of both for each object."""
    index = ReferenceIndex
    content_types = [
        ContentType.objects.get_for_model(m, for_concrete_model=False)
        for m in [model, *model._meta.get_parent_list()]
    ]
    content_type, base_content_type = content_types[0], content_types[-1]
    known_content_type_ids = {ct.id for ct in content_types}
    existing = {}  # object id -> {reference record: (content type id, id)}
    rows = index.objects.filter(
        base_content_type=base_content_type, object_id__in=[str(i.pk) for i in instances]
    ).values_list(
        "object_id",
        "id",
        "content_type_id",
        "to_content_type",
        "to_object_id",
        "model_path",
        "content_path",
    )
    for object_id, pk, content_type_id, *record in rows:
        existing.setdefault(object_id, {})[tuple(record)] = (content_type_id, pk)
    created, deleted = [], []
    for instance in instances:
        references = set(index._extract_references_from_object(instance))
        had = existing.get(str(instance.pk), {})
        created += [
            index(
                content_type=content_type,
                base_content_type=base_content_type,
                object_id=instance.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=index._get_content_path_hash(content_path),
            )
            for to_content_type_id, to_object_id, model_path, content_path in references
            - had.keys()
        ]
        # A reference recorded against a more specific model than this one may still hold.
        deleted += [
            pk
            for record, (content_type_id, pk) in had.items()
            if record not in references and content_type_id in known_content_type_ids
        ]
    ignore = {"ignore_conflicts": True} if connection.features.supports_ignore_conflicts else {}
    index.objects.bulk_create(created, **ignore)
    if deleted:
        index.objects.filter(id__in=deleted).delete()


def _add_to_search_backends(model, instances):
    """As modelsearch's receiver does for one object: an engine's failure is logged, not
    raised (the database backend's is raised: the transaction is broken anyway)."""
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(model, instances)
        except Exception:
            logger.exception(
                "Could not add %s %s to the search backend %r", len(instances), model, name
            )
            if not backend.catch_indexing_errors:
                raise


def _reference_owner(instance):
    """The object whose references a save changes: a child of a cluster (a page's file, link
    or tag) counts for its parent, as in Wagtail's own receiver."""
    while True:
        keys = [f for f in instance._meta.get_fields() if isinstance(f, ParentalKey)]
        if not keys:
            return instance
        instance = getattr(instance, keys[0].name)
        if instance is None:
            return None


def _note_save(sender, instance, raw=False, **kwargs):
    saved = getattr(_local, "saved", None)
    if saved is not None and not raw:
        saved.note(instance)


post_save.connect(_note_save, dispatch_uid="resources-importing-deferred")
