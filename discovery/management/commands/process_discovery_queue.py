from django.core.management.base import BaseCommand, CommandError

from discovery import worker
from discovery.engine import EngineUnavailable


class Command(BaseCommand):
    help = (
        "Write every due discovery index update now (the worker, `db_worker --backend "
        "discovery --queue-name discovery`, does this continuously), and report the queue."
    )

    def handle(self, *args, verbosity=1, **options):
        try:
            written = worker.process_pending()
        except EngineUnavailable as exc:
            raise CommandError(
                f"The engine is unavailable; {worker.pending_count()} updates stay queued "
                f"and will be retried: {exc}"
            ) from exc
        if verbosity:
            self.stdout.write(
                f"Wrote {written} resources; {worker.pending_count()} updates still queued."
            )
