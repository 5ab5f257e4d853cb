"""The durable queue of discovery index updates: what content changes write.

Content changes only write a row to ``PendingIndexUpdate`` (in the editor's transaction: an
editor never waits for, or fails because of, the engine), then wake the worker
(discovery.tasks), which drains the queue (discovery.worker).
"""

from django.db import transaction
from django.utils import timezone

from discovery import engine as engines
from discovery.models import PendingIndexUpdate
from discovery.tasks import wake_worker
from resources.models import TeachingMaterialPage


def enqueue(translation_keys):
    """Queue these resources for re-indexing, and wake the worker once the transaction commits.

    Nothing is queued without a configured engine (the database search needs no index)."""
    keys = {key for key in translation_keys if key}
    if not keys or not engines.engine_configured():
        return
    now = timezone.now()
    PendingIndexUpdate.objects.bulk_create(
        [PendingIndexUpdate(translation_key=key, requested_at=now) for key in keys],
        update_conflicts=True,
        unique_fields=["translation_key"],
        update_fields=["requested_at"],
    )
    transaction.on_commit(wake_worker)


def enqueue_documents(document_ids):
    """Queue every resource whose pages link these documents (a file replaced, moved to
    another collection, its text extracted...): the worker works out what is public."""
    ids = list(document_ids)
    if not ids or not engines.engine_configured():
        return
    enqueue(
        TeachingMaterialPage.objects.filter(files__document_id__in=ids)
        .values_list("translation_key", flat=True)
        .distinct()
    )
