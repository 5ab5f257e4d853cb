"""The discovery worker's task, run by django-tasks' database backend (a durable queue).

Run the worker with ``python manage.py db_worker --backend discovery --queue-name discovery``.
The task drains the queue (discovery.queue, through discovery.worker); when the engine is down it
schedules itself again after the backoff of the earliest row, so the queue catches up once the
engine returns.
"""

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from discovery import worker
from discovery.engine import EngineUnavailable

logger = logging.getLogger(__name__)

BACKEND = "discovery"
QUEUE = "discovery"


@task(backend=BACKEND, queue_name=QUEUE)
def sync_discovery_index():
    try:
        written = worker.process_pending()
    except EngineUnavailable as exc:
        logger.warning("Discovery engine unavailable, will retry: %s", exc)
        _schedule_retry()
        return 0
    # Rows refused by the engine (or requested again meanwhile) wait for their own time.
    if worker.pending_count():
        _schedule_retry()
    return written


def _schedule_retry():
    delay = worker.next_attempt_in()
    if delay is None:
        return
    run_after = timezone.now() + timedelta(seconds=max(delay, 1))
    if not _already_waiting(before=run_after + timedelta(seconds=1)):
        sync_discovery_index.using(run_after=run_after).enqueue()


def _already_waiting(before=None):
    """A run of the task is already queued (and due by ``before``): one is enough, since
    each run drains everything that is due."""
    from django.db.models import Q
    from django_tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult, get_date_max

    waiting = DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=sync_discovery_index.module_path
    )
    if before is not None:
        waiting = waiting.filter(Q(run_after__lte=before) | Q(run_after=get_date_max()))
    return waiting.exists()


def wake_worker():
    """Queue a run of the task unless one is already waiting to run now."""
    try:
        if not _already_waiting(before=timezone.now()):
            sync_discovery_index.enqueue()
    except Exception:  # noqa: BLE001 — the outbox row is saved; a later wake-up will find it
        logger.exception("Could not queue the discovery index task")
