"""Delete cached course bundles that nobody has needed rebuilt for a while.

A bundle is cached under a name derived from its files' checksums, so when a file changes the
old ZIP is simply never asked for again. Run this daily (cron, a systemd timer): a bundle older
than ``--days`` is removed, and rebuilt on its next download if it is still current.
"""

from datetime import timedelta

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import timezone

from downloads.bundles import CACHE_FOLDER


class Command(BaseCommand):
    help = "Delete cached course bundles (ZIP) older than --days (30), and abandoned partial ones."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="age in days (30)")
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would be deleted, delete nothing"
        )

    def handle(self, *args, days, dry_run, **options):
        storage = default_storage
        if not storage.exists(CACHE_FOLDER):
            self.stdout.write("No cached bundles.")
            return
        now = timezone.now()
        _folders, names = storage.listdir(CACHE_FOLDER)
        deleted = freed = 0
        for name in sorted(names):
            path = f"{CACHE_FOLDER}/{name}"
            # A partial file older than a day belongs to a process that died while streaming.
            limit = timedelta(days=1) if name.startswith(".partial-") else timedelta(days=days)
            if now - storage.get_modified_time(path) < limit:
                continue
            size = storage.size(path)
            if not dry_run:
                storage.delete(path)
            deleted += 1
            freed += size
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {deleted} of {len(names)} cached bundles ({freed / 1024**2:.1f} MiB)."
        )
