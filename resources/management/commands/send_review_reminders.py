"""E-mail reviewers their overdue and soon-due steps, and the secretariat its digest (daily)."""

from django.core.management.base import BaseCommand

from resources.editorial.reminders import send_review_reminders


class Command(BaseCommand):
    help = "E-mail reviewers the reviews overdue or due soon, and the alliance a digest."

    def handle(self, *args, **options):
        sent = send_review_reminders()
        self.stdout.write(
            f"{sent.reminders} reminders, {sent.digests} digests sent; "
            f"{len(sent.skipped)} already told today"
        )
