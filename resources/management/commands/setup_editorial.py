"""Create or update the editorial groups, permissions, collections and workflows (idempotent)."""

from django.core.management.base import BaseCommand

from resources.editorial.setup import setup_editorial


class Command(BaseCommand):
    help = (
        "Set up the alliance's editorial roles for every institution: groups, page and "
        "collection permissions, collections and review workflows. Safe to run again."
    )

    def handle(self, *args, **options):
        editorials = setup_editorial()
        self.stdout.write(
            self.style.SUCCESS(
                f"Editorial setup complete for {len(editorials)} institutions "
                "(alliance reviewers, site administrators, translators per language)."
            )
        )
