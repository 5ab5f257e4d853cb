"""Load the alliance's demo content: countries, institutions, workshops and 60 resources in
seven languages. Safe to run again: it only writes what differs."""

import os
import secrets
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import translation

from credentials.identities import absolute
from credentials.views import page_url
from demo.credentials import ISSUER, issue_demo_certificates
from demo.loader import content_counts, load_demo_content
from demo.reviews import submit_demo_reviews
from demo.users import create_demo_users
from filetext import runner
from resources.editorial.setup import setup_editorial
from resources.importing.plan import Action

PASSWORD_ENV = "DLM_DEMO_PASSWORD"  # noqa: S105 - a variable name, not a secret


class Command(BaseCommand):
    help = "Create or update the Digital Lancang-Mekong demo content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--create-users",
            action="store_true",
            help=f"Also create one demo account per editorial role, the superuser 'admin' among "
            f"them (password from ${PASSWORD_ENV}, else a random one printed once). Existing "
            "accounts keep their passwords.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off. Demo data must not land on a production site "
            "by accident.",
        )

    def handle(self, *args, create_users=False, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off, so this may be a production database. The demo content would "
                "be mixed into it; pass --force if this really is a demo or test site."
            )
        started = time.monotonic()
        tally, resources = load_demo_content()
        setup_editorial()
        # The demo's files are read here rather than by a worker, so that a newcomer's first
        # search already finds words inside them.
        files = runner.process_pending()
        self.report(tally, resources, time.monotonic() - started)
        self.stdout.write(f"  text read from {files} files (search inside them)")
        if create_users:
            self.create_users()

    def create_users(self):
        password = os.environ.get(PASSWORD_ENV)
        generated = not password
        password = password or secrets.token_urlsafe(12)
        accounts = create_demo_users(password)
        self.stdout.write("Demo accounts (one per editorial role):")
        for username, role, created in accounts:
            if created:
                shown = f"(password from ${PASSWORD_ENV})" if not generated else password
            else:
                shown = "(existing account, password unchanged)"
            self.stdout.write(f"  {role:22} {username:20} {shown}")
        if generated and any(created for _u, _r, created in accounts):
            self.stdout.write(self.style.WARNING("The generated password is shown only this once."))
        self.stdout.write("Reset a password with: python manage.py changepassword USERNAME")
        submitted = submit_demo_reviews()
        if submitted:
            self.stdout.write(
                "Waiting for pakpasak.reviewer (one overdue): " + ", ".join(submitted)
            )
        self.report_certificates(issue_demo_certificates())

    def report_certificates(self, certificates):
        shown = next((c for c in certificates if not c.revoked), None)
        if shown is None:
            return
        revoked = sum(c.revoked for c in certificates)
        with translation.override("en"):
            verify = absolute(reverse("verify_page"))
        self.stdout.write(
            f"Demo certificates issued by {ISSUER} ({len(certificates)}, {revoked} revoked); "
            f"one of them: {page_url(shown)}"
        )
        self.stdout.write(f"Verify a certificate (paste its link or file) at {verify}")

    def report(self, tally, resources, seconds):
        with translation.override("en"):  # the console speaks English, like the help text
            counts, by_type, by_language, pages_by_language = content_counts()
        created, updated = tally.total("created"), tally.total("updated")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content loaded in {seconds:.1f} s: {created} objects created, "
                f"{updated} updated" + ("" if created or updated else " (already up to date)")
            )
        )
        self.stdout.write(
            f"  resources imported from {resources.plan.total} catalogue rows: "
            f"{resources.count(Action.CREATE, Action.TRANSLATE)} created, "
            f"{resources.count(Action.UPDATE, Action.PUBLISH)} updated, "
            f"{resources.count(Action.UNCHANGED)} unchanged"
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
