"""Draining the queue of discovery index updates (discovery.queue), in bulk.

A worker recomputes each queued resource from PostgreSQL and writes all its documents in one
bulk request: processing a row twice gives the same index, so retries are always safe. When
the engine is unreachable the rows stay, with an exponential backoff, until it answers again.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from discovery import engine as engines
from discovery.documents import all_document_ids, documents_for_keys
from discovery.file_documents import stale_file_queries
from discovery.indexing import write_indices
from discovery.models import PendingIndexUpdate

logger = logging.getLogger(__name__)

BATCH_SIZE = 500
BACKOFF_BASE_SECONDS = 5
BACKOFF_MAX_SECONDS = 15 * 60


def backoff(attempts):
    """Seconds before attempt number ``attempts + 1``: 5 s, 10 s, 20 s... up to 15 minutes."""
    return min(BACKOFF_MAX_SECONDS, BACKOFF_BASE_SECONDS * 2 ** max(0, attempts - 1))


def pending_count():
    return PendingIndexUpdate.objects.count()


def process_pending(batch_size=BATCH_SIZE):
    """Process due queue rows in batches until none is left; returns the number of resources
    written. Raises EngineUnavailable (after recording the backoff) when the engine is down."""
    done = 0
    try:
        indices = write_indices()
    except engines.EngineUnavailable as exc:
        _record_failure(_due_rows(batch_size), str(exc))
        raise
    while True:
        processed = _process_batch(batch_size, indices)
        if not processed:
            return done
        done += processed


def _process_batch(batch_size, indices):
    engine = engines.get_engine()
    with transaction.atomic():
        rows = _due_rows(batch_size, lock=True)
        if not rows:
            return 0
        keys = [row.translation_key for row in rows]
        documents = documents_for_keys(keys)
        stale = [d for key in keys for d in all_document_ids(key) if d not in documents]
        actions = [
            action
            for index in indices
            for action in (
                [
                    {"_op_type": "index", "_index": index, "_id": doc_id, "_source": source}
                    for doc_id, source in documents.items()
                ]
                + [{"_op_type": "delete", "_index": index, "_id": doc_id} for doc_id in stale]
            )
        ]
        try:
            _ok, errors = engine.bulk(actions)
            _delete_stale_files(engine, indices, keys, documents)
        except engines.EngineUnavailable as exc:
            # Recorded in this transaction, which commits: it is the retry schedule.
            _record_failure(rows, str(exc))
            outage = exc
        else:
            outage = None
            _settle(rows, errors)
    if outage is not None:
        raise outage
    return len(rows)


def _delete_stale_files(engine, indices, keys, documents):
    """Remove the file documents of these resources that they no longer have (a file taken
    off the material, replaced by a shorter one, or made private): after the writes, and
    never one of the documents just written."""
    queries = list(stale_file_queries(keys, documents))
    for index in indices:
        engine.refresh(index)  # pages written by an earlier round, not yet searchable
        for query in queries:
            engine.delete_by_query(index, query)


def _due_rows(batch_size, lock=False):
    rows = PendingIndexUpdate.objects.filter(next_attempt_at__lte=timezone.now())
    if lock:
        # Two workers never take the same rows; a crashed worker's lock dies with it.
        rows = rows.select_for_update(skip_locked=True)
    return list(rows.order_by("requested_at")[:batch_size])


def _settle(rows, errors):
    """Drop the rows the engine acknowledged; back off the ones it refused."""
    failed_keys = {doc_id.split(":", 1)[0] for doc_id, _error in errors}
    if errors:
        logger.error("Discovery index refused %d documents: %s", len(errors), errors[:3])
        _record_failure(
            [row for row in rows if str(row.translation_key) in failed_keys],
            "; ".join(f"{doc_id}: {error}" for doc_id, error in errors[:5]),
        )
    # A row requested again while we worked stays for the next round.
    done = Q()
    for row in rows:
        if str(row.translation_key) not in failed_keys:
            done |= Q(pk=row.pk, requested_at=row.requested_at)
    if done:
        PendingIndexUpdate.objects.filter(done).delete()


def _record_failure(rows, error):
    now = timezone.now()
    for row in rows:
        row.attempts += 1
        row.next_attempt_at = now + timedelta(seconds=backoff(row.attempts))
        row.last_error = error[:2000]
    PendingIndexUpdate.objects.bulk_update(rows, ["attempts", "next_attempt_at", "last_error"])


def next_attempt_in():
    """Seconds until the earliest queued row is due (None when the queue is empty)."""
    row = PendingIndexUpdate.objects.order_by("next_attempt_at").first()
    if row is None:
        return None
    return max(0.0, (row.next_attempt_at - timezone.now()).total_seconds())
