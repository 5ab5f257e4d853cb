from django.core.management.base import BaseCommand, CommandError

from discovery.engine import EngineNotConfigured, EngineUnavailable, get_engine
from discovery.indexing import RebuildFailed, alias_name, rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the discovery index from the database into a new index, then swap the alias "
        "to it: searches keep answering from the old index until the new one is complete."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-old", action="store_true", help="Keep the previous index after the swap."
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Processes building and sending the documents (default: one per CPU).",
        )
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Only when there is no index yet (a release step: the first release builds it, "
            "later ones leave it to the worker).",
        )

    def handle(self, *args, keep_old=False, if_missing=False, workers=None, verbosity=1, **options):
        try:
            if if_missing and get_engine().alias_targets(alias_name()):
                if verbosity:
                    self.stdout.write("The discovery index exists; nothing to do.")
                return
            stats = rebuild(
                progress=verbosity > 0,
                stream=self.stderr._out,
                keep_old=keep_old,
                workers=workers,
            )
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
