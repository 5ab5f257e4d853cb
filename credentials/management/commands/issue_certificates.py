"""Issue certificates of one certification to every learner of a CSV or XLSX file, as an
institution's certificate issuer would in the admin (credentials.bulk does the work for both).

    python manage.py issue_certificates --certification LM-CERT-EV --as secretariat learners.csv

Columns: name, identifier, achieved_on (YYYY-MM-DD), result, language. Every row is checked
first; a file with any bad row issues nothing (exit status 1) and lists each problem by row and
column. Learners whose identifier is an e-mail address are sent their link.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from credentials import bulk
from credentials.achievements import NotIssuable
from credentials.issuers import issuer_for, issuers_group_name, may_issue
from credentials.views import page_url
from digital_lm.languages import LANGUAGE_CODES
from resources.models import CertificationPage
from resources.permalinks import public_translations


class Command(BaseCommand):
    help = (
        "Issue certificates of a certification (by its external ID) to the learners of a CSV "
        "or XLSX file (name, identifier, achieved_on, result, language), as a member of the "
        "institution's certificate issuers. Nothing is issued when any row is invalid."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The learners: a .csv (UTF-8) or .xlsx file.")
        parser.add_argument(
            "--certification", required=True, help="The certification's external ID."
        )
        parser.add_argument(
            "--as",
            dest="username",
            required=True,
            help="The account issuing them (a member of the institution's certificate issuers).",
        )
        parser.add_argument(
            "--language",
            choices=LANGUAGE_CODES,
            help="For rows without a language (default: the certification's original language).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file only; issue nothing."
        )

    def handle(self, *args, **options):
        # The command speaks English, as import_resources does; each e-mail is in its
        # certificate's language.
        with translation.override("en"):
            self.run(**options)

    def run(self, file, certification, username, language=None, dry_run=False, **options):
        page = self.certification(certification)
        user = self.issuer(username, page)
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"{file}: cannot be read ({error.strerror}).") from None
        try:
            checked = bulk.check_file(data, path.name, language or page.locale.language_code)
        except bulk.BulkFileError as error:
            raise CommandError(f"{path.name}: {error}") from None
        if not checked.ok:
            for error in checked.errors:
                self.stderr.write(f"  {error}")
            raise CommandError(
                f"{path.name}: {checked.rows_with_errors} of {checked.rows} rows have errors, "
                "so nothing was issued."
            )
        learners = [learner for _line, learner in checked.learners]
        if dry_run:
            self.stdout.write(
                f"{path.name}: {len(learners)} rows are valid; nothing was issued (--dry-run)."
            )
            return
        try:
            issued = bulk.issue_all(page, learners, user)
        except (NotIssuable, PermissionDenied) as error:
            raise CommandError(f"Nothing was issued: {error}") from None
        for (line, _learner), credential in zip(checked.learners, issued, strict=True):
            if options["verbosity"] >= 1:
                self.stdout.write(f"row {line}: {credential.learner_name}: {page_url(credential)}")
        emailed = sum(1 for learner in learners if learner.email)
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(issued)} certificates of {page.external_id} issued as "
                f"{user.get_username()}; {emailed} learners e-mailed their link."
            )
        )

    def certification(self, external_id):
        pages = [p for p in public_translations(external_id) if isinstance(p, CertificationPage)]
        if pages:
            return pages[0]
        if CertificationPage.objects.filter(external_id=external_id).exists():
            raise CommandError(
                f"The certification {external_id} is not published and public: only a live, "
                "public certification can be issued."
            )
        raise CommandError(f"No certification has the external ID {external_id!r}.")

    def issuer(self, username, page):
        user = get_user_model().objects.filter(username=username).first()
        if user is None or not user.is_active:
            raise CommandError(f"No active account has the username {username!r}.")
        if page.institution is None:
            raise CommandError(f"{page.external_id} names no awarding institution.")
        if not may_issue(user, issuer_for(page.institution)):
            raise CommandError(
                f"{username} may not issue {page.institution.name}'s certificates: add them to "
                f"the group {issuers_group_name(page.institution)!r}."
            )
        return user
