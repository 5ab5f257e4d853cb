"""Seed the alliance termbase (demo.termbase). Safe to run again: it updates the seeded
concepts in place, leaves concepts edited by reviewers alone and deletes nothing.

A command of the demo app: its concepts come from the demo's sectors, levels and programmes
(and the CLDR names of the demo's countries), and it writes through the demo loader."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count

from demo.sync import Tally
from demo.termbase import load_termbase
from resources.models import TermConcept, TermLabel


class Command(BaseCommand):
    help = "Create or update the seeded concepts of the alliance termbase (idempotent)."

    def handle(self, *args, **options):
        tally = Tally()
        with transaction.atomic():
            load_termbase(tally)
        created, updated = tally.total("created"), tally.total("updated")
        self.stdout.write(
            self.style.SUCCESS(
                f"Termbase seeded: {created} created, {updated} updated"
                + ("" if created or updated else " (already up to date)")
            )
        )
        counts = dict(
            TermLabel.objects.values_list("language").annotate(n=Count("pk")).order_by("language")
        )
        self.stdout.write(
            f"  {TermConcept.objects.count()} concepts; labels: "
            + ", ".join(f"{code} {n}" for code, n in counts.items())
        )
