"""Harvest the member repositories that are due (run it every few minutes from the scheduler),
or the ones named."""

from django.core.management.base import BaseCommand, CommandError

from harvesting.harvester import harvest, harvest_due_sources
from harvesting.messages import shown
from harvesting.models import HarvestSource


class Command(BaseCommand):
    help = "Harvest member repositories over OAI-PMH: those due, or those named."

    def add_arguments(self, parser):
        parser.add_argument(
            "sources", nargs="*", help="Ids or names of repositories to harvest now."
        )
        parser.add_argument(
            "--full", action="store_true", help="Harvest everything again, not only changes."
        )

    def handle(self, *args, sources, full, **options):
        if sources:
            runs = [harvest(self._source(name), full=full) for name in sources]
        else:
            runs = harvest_due_sources()
        failed = False
        for run in runs:
            if run is None:
                self.stdout.write("A harvest of this repository is already under way.")
                continue
            self.stdout.write(
                f"{run.source}: {run.get_status_display()}, {run.created} added, {run.updated} "
                f"updated, {run.deleted} deleted, {run.failed} bad records"
                + (f" ({shown(run.message)})" if run.message else "")
            )
            for error in run.errors[:20]:
                self.stdout.write(f"  {error['identifier']}: {shown(error)}")
            failed = failed or run.status == run.FAILED
        if failed:
            raise CommandError("A harvest failed; its place is kept for the next one.")

    def _source(self, name):
        sources = HarvestSource.objects.all()
        found = sources.filter(pk=int(name)) if name.isdigit() else sources.filter(name=name)
        if not found:
            raise CommandError(f"No harvested repository is called {name!r}.")
        return found.get()
