from django.core.management.base import BaseCommand

from filetext import runner
from filetext.models import DocumentText
from resources.models import ResourceDocument


class Command(BaseCommand):
    help = (
        "Extract the text of every waiting file now, resuming any a stopped worker left (the "
        "worker, `db_worker --backend discovery --queue-name files`, does this continuously); "
        "run it from the scheduler as a safety net."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="Queue the files that failed again first (e.g. after installing OCR data).",
        )
        parser.add_argument(
            "--all",
            action="store_true",
            help="Extract every file again from its first page (after the extraction improved).",
        )
        parser.add_argument("--max-files", type=int, default=None)

    def handle(self, *args, retry_failed=False, all=False, max_files=None, verbosity=1, **kw):
        for document in ResourceDocument.objects.filter(extracted_text__isnull=True):
            runner.request(document)  # files stored before extraction existed
        if all:
            runner.retry(DocumentText.objects.all())
        elif retry_failed:
            runner.retry(DocumentText.objects.filter(status=DocumentText.Status.FAILED))
        done = runner.process_pending(max_files=max_files)
        if verbosity:
            counts = {
                label: DocumentText.objects.filter(status=value).count()
                for value, label in DocumentText.Status.choices
            }
            summary = ", ".join(f"{count} {label}" for label, count in counts.items() if count)
            self.stdout.write(f"Processed {done} files; now {summary or 'no files'}.")
