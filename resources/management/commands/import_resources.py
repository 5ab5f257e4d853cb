"""Import a catalogue of resources from a CSV, XLSX or JSON Lines file (see docs/import.md).

The command only wires resources.importing together: read, check every row, then write in one
transaction (or, with --dry-run, only report what would be written).
"""

import sys
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from tqdm import tqdm

from resources.importing.plan import Action, build_plan
from resources.importing.readers import FileError, read_catalogue
from resources.importing.upsert import ImportFailed, write_plan

MAX_LISTED_ERRORS = 100


class Command(BaseCommand):
    help = (
        "Create or update courses, standards, teaching materials and certifications (and their "
        "translations) from a catalogue file: .csv, .xlsx or .jsonl. Every row is checked "
        "first; a file with errors imports nothing unless --skip-invalid is given. Running "
        "the same file again changes nothing. Columns: docs/import.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the catalogue: .csv (UTF-8), .xlsx or .jsonl")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="publish the pages at once, without review",
        )
        parser.add_argument(
            "--user",
            metavar="USERNAME",
            help="the account the revisions are saved as; required without --publish, since "
            "drafts are submitted for review on this user's behalf",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and report what would be created or updated; write nothing",
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="import the valid rows and report the others, instead of importing nothing",
        )

    def handle(self, *args, **options):
        with translation.override("en"):  # messages follow the help text's language
            self.run(options)

    def run(self, options):
        path, publish, verbosity = options["file"], options["publish"], options["verbosity"]
        started = time.monotonic()
        user = self.account(options["user"], publish)
        try:
            catalogue = read_catalogue(path)
            with self.progress(len(catalogue.rows), "Checking", verbosity) as bar:
                plan = build_plan(catalogue, publish=publish, tick=bar.update)
        except FileError as exc:
            raise CommandError(f"{path}: {exc}") from None

        if plan.errors:
            listing = self.listing(plan.errors)
            bad = len(plan.invalid_lines)
            if not options["skip_invalid"]:
                raise CommandError(
                    f"{path}: {bad} of {plan.total} rows have errors, so nothing was imported.\n"
                    f"{listing}\nCorrect them, or import the other rows with --skip-invalid."
                )
            self.stderr.write(
                f"{path}: skipping {bad} of {plan.total} rows with errors:\n{listing}"
            )

        if options["dry_run"]:
            self.report(plan, path, started, verbosity, dry_run=True)
            return
        try:
            with self.progress(len(plan.rows), "Importing", verbosity) as bar:
                outcome = write_plan(plan, user=user, publish=publish, tick=bar.update)
        except ImportFailed as exc:
            raise CommandError(
                f"{path}: {exc}\nNothing was imported: the whole file was rolled back."
            ) from exc
        self.report(plan, path, started, verbosity, outcome=outcome)

    def account(self, username, publish):
        if not username:
            if publish:
                return None
            raise CommandError(
                "--user USERNAME is required without --publish: the pages are saved as drafts "
                "and submitted for review on that user's behalf."
            )
        model = get_user_model()
        user = model.objects.filter(**{model.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"--user: there is no user {username!r}.")
        if not user.is_active:
            raise CommandError(f"--user: the account {username!r} is deactivated.")
        return user

    @staticmethod
    def progress(total, label, verbosity):
        """A progress bar on the terminal; silent in pipes, logs, tests and with -v0."""
        quiet = verbosity == 0 or not sys.stderr.isatty()
        return tqdm(
            total=total, desc=label, unit="row", file=sys.stderr, disable=quiet, leave=False
        )

    @staticmethod
    def listing(errors):
        lines = [str(error) for error in errors[:MAX_LISTED_ERRORS]]
        if len(errors) > MAX_LISTED_ERRORS:
            lines.append(f"... and {len(errors) - MAX_LISTED_ERRORS} more")
        return "\n".join(f"  {line}" for line in lines)

    def report(self, plan, path, started, verbosity, dry_run=False, outcome=None):
        if verbosity == 0:
            return
        if verbosity >= 2 or dry_run:
            for planned in sorted(plan.rows, key=lambda p: p.line):
                self.stdout.write(f"  {planned.describe()}")
        created = plan.count(Action.CREATE, Action.TRANSLATE)
        translations = plan.count(Action.TRANSLATE)
        updated = plan.count(Action.UPDATE, Action.PUBLISH)
        counts = (
            f"{created} created, {updated} updated, {plan.count(Action.UNCHANGED)} unchanged, "
            f"{len(plan.invalid_lines)} skipped"
        )
        seconds = time.monotonic() - started
        if dry_run:
            headline = (
                f"Dry run of {path}, nothing was written ({seconds:.1f} s): would be {counts}."
            )
        else:
            headline = f"Imported {path} in {seconds:.1f} s: {counts}."
        self.stdout.write(self.style.SUCCESS(headline))
        if translations:
            self.stdout.write(f"  {translations} of the created are translations of a resource.")
        sections = outcome.sections if outcome else plan.new_sections()
        if sections:
            verb = "created" if outcome else "would be created"
            self.stdout.write(f"  Institution sections {verb}: {', '.join(sections)}.")
        if outcome is None:
            return
        if outcome.submitted:
            self.stdout.write(
                "  Submitted for review: "
                + ", ".join(f"{n} to “{name}”" for name, n in sorted(outcome.submitted.items()))
                + "."
            )
        if outcome.without_workflow:
            self.stdout.write(
                self.style.WARNING(
                    "  Saved as drafts, no review workflow applies: "
                    + ", ".join(outcome.without_workflow)
                )
            )
        if outcome.published:
            self.stdout.write(f"  Published: {outcome.published} pages.")
