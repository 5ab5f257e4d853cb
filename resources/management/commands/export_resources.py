"""Export an institution's catalogue, every language, as a file that import_resources reads
back (see docs/import.md): .csv (UTF-8), .xlsx or .jsonl."""

from django.core.management.base import BaseCommand, CommandError

from resources.importing.export import institution_pages, row_of, write_catalogue
from resources.importing.readers import FileError
from resources.models import Institution


class Command(BaseCommand):
    help = (
        "Write an institution's resources (every language, as their latest revisions hold "
        "them) to a catalogue file in the import's columns: .csv, .xlsx or .jsonl. Imported "
        "back unedited, it changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("institution", help="the institution's slug, e.g. vientiane-tc")
        parser.add_argument("file", help="where to write it: .csv, .xlsx or .jsonl")

    def handle(self, *args, **options):
        slug = options["institution"]
        institution = Institution.objects.filter(slug=slug).order_by("pk").first()
        if institution is None:
            known = ", ".join(sorted(set(Institution.objects.values_list("slug", flat=True))))
            raise CommandError(f"no institution {slug!r}; the institutions are: {known}")
        pages = institution_pages(institution)
        try:
            write_catalogue((row_of(page) for page in pages), options["file"])
        except FileError as exc:
            raise CommandError(f"{options['file']}: {exc}") from None
        resources = len({page.external_id for page in pages})
        self.stdout.write(
            f"{options['file']}: {len(pages)} rows, {resources} resources of {institution.name}."
        )
