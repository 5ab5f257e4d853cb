"""Bring the OAI-PMH record states in step with the content (idempotent)."""

from django.core.management.base import BaseCommand

from interop.models import OaiRecord
from interop.oai import tracking


class Command(BaseCommand):
    help = (
        "Bring the OAI-PMH records in step with the live, public resources: new ones are "
        "added, changed ones dated now, withdrawn ones kept as deleted. Signals do this as "
        "pages change; run it after a bulk change that bypassed them. Safe to repeat."
    )

    def handle(self, *args, **options):
        first_filling = not OaiRecord.objects.exists()
        tracking.reconcile(dated_by_publication=first_filling)
        records = OaiRecord.objects
        self.stdout.write(
            f"{records.filter(deleted=False).count()} records, "
            f"{records.filter(deleted=True).count()} deleted."
        )
