from django.core.management.base import BaseCommand, CommandError

from discovery.engine import EngineNotConfigured, EngineUnavailable
from discovery.indexing import RebuildFailed, rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the discovery index from the database into a new index, then swap the alias "
        "to it: searches keep answering from the old index until the new one is complete."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-old", action="store_true", help="Keep the previous index after the swap."
        )

    def handle(self, *args, keep_old=False, verbosity=1, **options):
        try:
            stats = rebuild(progress=verbosity > 0, stream=self.stderr._out, keep_old=keep_old)
        except EngineNotConfigured as exc:
            raise CommandError(
                f"{exc}. Set DLM_DISCOVERY_ENGINE=opensearch (or elasticsearch) and its URL."
            ) from exc
        except (EngineUnavailable, RebuildFailed) as exc:
            raise CommandError(f"Rebuild failed, the live index is unchanged: {exc}") from exc
        if verbosity:
            self.stdout.write(
                f"Indexed {stats.documents} documents into {stats.index} in {stats.seconds:.1f} s "
                f"({stats.per_second:.0f} documents/s); the alias now points at it."
            )
