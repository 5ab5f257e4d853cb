"""Load the alliance's demo content: countries, institutions, workshops and 60 resources in
seven languages. Safe to run again: it only writes what differs."""

import os
import secrets
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from resources.demo.loader import content_counts, load_demo_content

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD_ENV = "DLM_ADMIN_PASSWORD"  # noqa: S105 - a variable name, not a secret


class Command(BaseCommand):
    help = "Create or update the Digital Lancang-Mekong demo content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--create-admin",
            action="store_true",
            help=f"Also create the superuser '{ADMIN_USERNAME}' (password from "
            f"${ADMIN_PASSWORD_ENV}, else a random one printed once). An existing user is kept.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off. Demo data must not land on a production site "
            "by accident.",
        )

    def handle(self, *args, create_admin=False, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this may be a production database. The demo content would "
                "be mixed into it; pass --force if this really is a demo or test site."
            )
        started = time.monotonic()
        tally = load_demo_content()
        if create_admin:
            self.create_admin()
        self.report(tally, time.monotonic() - started)

    def create_admin(self):
        users = get_user_model()
        if users.objects.filter(username=ADMIN_USERNAME).exists():
            self.stdout.write(
                f"User '{ADMIN_USERNAME}' already exists; its password was not changed "
                f"(reset it with: python manage.py changepassword {ADMIN_USERNAME})."
            )
            return
        password = os.environ.get(ADMIN_PASSWORD_ENV)
        users.objects.create_superuser(
            ADMIN_USERNAME, email="", password=password or (generated := secrets.token_urlsafe(12))
        )
        if password:
            message = f"Created superuser '{ADMIN_USERNAME}' (password from ${ADMIN_PASSWORD_ENV})."
        else:
            message = (
                f"Created superuser '{ADMIN_USERNAME}' with password: {generated}\n"
                "It is shown only this once."
            )
        self.stdout.write(self.style.WARNING(message))

    def report(self, tally, seconds):
        with translation.override("en"):  # the console speaks English, like the help text
            counts, by_type, by_language, pages_by_language = content_counts()
        created, updated = tally.total("created"), tally.total("updated")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content loaded in {seconds:.1f} s: {created} objects created, "
                f"{updated} updated" + ("" if created or updated else " (already up to date)")
            )
        )
        self.stdout.write("  " + ", ".join(f"{n} {label}" for label, n in counts.items()))
        self.stdout.write(
            "  live resources (zh-hans originals): "
            + ", ".join(f"{n} {t}" for t, n in by_type.items())
        )
        self.stdout.write(
            "  per language (resources / all pages): "
            + ", ".join(
                f"{code} {by_language[code]}/{pages_by_language[code]}" for code in by_language
            )
        )
