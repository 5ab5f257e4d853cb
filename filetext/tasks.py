"""The extraction worker's task, on the durable queue (django-tasks' database backend).

Run the worker with ``python manage.py db_worker --backend discovery --queue-name files``.
A run drains every due file (filetext.runner); a file queued while it runs is found by it or
wakes another run.
"""

import logging

from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult

from filetext import runner

logger = logging.getLogger(__name__)

BACKEND = "discovery"
QUEUE = "files"


@task(backend=BACKEND, queue_name=QUEUE)
def extract_file_text():
    return runner.process_pending()


def wake_worker():
    """Queue a run unless one is already waiting to start."""
    try:
        waiting = DBTaskResult.objects.filter(
            status=TaskResultStatus.READY,
            task_path=extract_file_text.module_path,
            run_after__lte=timezone.now(),
        )
        if not waiting.exists():
            extract_file_text.enqueue()
    except Exception:  # noqa: BLE001 — the row is saved; a later wake-up or the command finds it
        logger.exception("Could not queue the extraction of files' text")
