"""Give an institution's issuer a new signing key (or every issuer's, with --all): the key it had
is retired, and stays in its DID document so that what it signed still verifies."""

from django.core.management.base import BaseCommand, CommandError

from credentials.keys import create_key
from credentials.models import CredentialIssuer


class Command(BaseCommand):
    help = (
        "Rotate the signing key of an institution's certificate issuer (by its slug, as in "
        "/credentials/issuers/<slug>/did.json), or of every issuer with --all. Certificates "
        "signed with the old key stay valid."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug", nargs="?", help="The issuer's slug.")
        parser.add_argument(
            "--all", action="store_true", dest="every", help="Rotate every issuer's key."
        )

    def handle(self, *args, slug=None, every=False, **options):
        if every == bool(slug):
            raise CommandError("Name one issuer's slug, or give --all.")
        if every:
            issuers = list(CredentialIssuer.objects.order_by("slug"))
        else:
            issuers = list(CredentialIssuer.objects.filter(slug=slug))
            if not issuers:
                known = ", ".join(
                    CredentialIssuer.objects.order_by("slug").values_list("slug", flat=True)
                )
                raise CommandError(f"No issuer has the slug {slug!r} (issuers: {known or 'none'}).")
        for issuer in issuers:
            key = create_key(issuer)
            self.stdout.write(f"{issuer.slug}: now signs with {key.fragment}")
