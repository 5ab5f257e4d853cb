"""Extracting the text of documents in the background, one file at a time, resumably.

A document whose file is new or replaced gets a ``DocumentText`` row waiting (``request``), in
the editor's own transaction, and the worker is woken once it commits (filetext.tasks): the
upload never waits for, or fails because of, an extraction. The worker claims one waiting row
at a time (``process_pending``) and runs the extraction in a child process with hard limits
(filetext.extraction.isolated). Each segment is stored as soon as it is read, so a worker
stopped in the middle of a scanned handbook leaves a claimed row with the pages it read; once
the claim is older than an attempt may last, the next worker resumes at the next page.

A file that fails is marked with the reason and left alone until it is replaced (or an
operator asks for a retry after, say, installing a language's OCR data).
"""

import contextlib
import logging
import os
import shutil
import tempfile
import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from discovery.normalize import normalize_text
from filetext.extraction import ExtractionFailed, Limits, has_text
from filetext.extraction.isolated import extract_isolated
from filetext.models import DocumentText, TextSegment
from resources.documents.formats import format_of
from resources.models import ResourceDocument

logger = logging.getLogger(__name__)

Status = DocumentText.Status
# An attempt cut short this many times (the worker itself stopped each time) is given up.
MAX_ATTEMPTS = 3
# Failures after which the text read so far is still worth searching: the file is long, not
# broken, and what was read is right.
PARTIAL_IS_USEFUL = ("too_large", "timeout", "memory", "crashed", "ocr_unavailable")
# Kinds of file (resources.documents.formats icons) that hold words to be found.
READABLE_KINDS = ("document", "spreadsheet", "slides", "ebook")
# Longest stored segment: a hostile "page" of megabytes of text is cut here.
MAX_SEGMENT_CHARACTERS = 100_000


def limits():
    """The limits of one attempt, from the settings."""
    return Limits(
        timeout_seconds=settings.FILETEXT_TIMEOUT_SECONDS,
        max_ocr_pages=settings.FILETEXT_MAX_OCR_PAGES,
        memory_bytes=settings.FILETEXT_MEMORY_MB << 20,
    )


def stale_after():
    """How long a claim lasts: an attempt is killed at its time limit, so a row claimed
    longer ago than that (and a margin) belongs to a worker that stopped."""
    return timedelta(seconds=settings.FILETEXT_TIMEOUT_SECONDS + 120)


# --- requests --------------------------------------------------------------------------------


def request(document):
    """Queue ``document``'s text when its file is new or replaced; returns True when queued.

    The same file saved again (a new title, another collection) keeps its text."""
    if not document.file or not document.checksum_sha256:
        return False
    row = DocumentText.objects.filter(document=document).first()
    if row is not None and row.checksum_sha256 == document.checksum_sha256:
        return False
    status = Status.PENDING if has_text(document.content_type) else Status.NO_TEXT
    with transaction.atomic():
        if row is not None:
            row.text_segments.all().delete()
        DocumentText.objects.update_or_create(
            document=document,
            defaults={
                "checksum_sha256": document.checksum_sha256,
                "status": status,
                "failure_code": "",
                "failure_reason": _unread_reason(document) if status == Status.NO_TEXT else "",
                "segments": 0,
                "ocr_segments": 0,
                "characters": 0,
                "truncated": False,
                "seconds": 0,
                "attempts": 0,
                "requested_at": timezone.now(),
                "claimed_at": None,
                "finished_at": timezone.now() if status == Status.NO_TEXT else None,
            },
        )
    return status == Status.PENDING


def _unread_reason(document):
    """Why a document-like file (an old Office format) is not read; "" for audio, video..."""
    file_format = format_of(document.content_type)
    if file_format is None or file_format.icon not in READABLE_KINDS:
        return ""
    return (
        f"{file_format.full_label} files are not read: save it in the current format "
        "(DOCX, XLSX, PPTX or PDF) so that its words can be found."
    )


def retry(queryset):
    """Queue these rows' documents again from their first page (failed ones, or all of them
    after the extraction itself improved); returns how many."""
    rows = list(queryset.exclude(status=Status.NO_TEXT))
    TextSegment.objects.filter(document_text__in=rows).delete()
    return DocumentText.objects.filter(pk__in=[row.pk for row in rows]).update(
        status=Status.PENDING,
        failure_code="",
        failure_reason="",
        segments=0,
        ocr_segments=0,
        characters=0,
        truncated=False,
        seconds=0,
        attempts=0,
        requested_at=timezone.now(),
        claimed_at=None,
        finished_at=None,
    )


# --- the worker ------------------------------------------------------------------------------


def _due():
    abandoned = Q(status=Status.RUNNING, claimed_at__lt=timezone.now() - stale_after())
    return DocumentText.objects.filter(Q(status=Status.PENDING) | abandoned)


def pending_count():
    return _due().count()


def claim_next():
    """Take the oldest due row for this worker, or None. The claim is one conditional update,
    so two workers never take the same row."""
    while True:
        row = _due().order_by("requested_at", "pk").first()
        if row is None:
            return None
        claimed = (
            _due()
            .filter(pk=row.pk)
            .update(status=Status.RUNNING, claimed_at=timezone.now(), attempts=row.attempts + 1)
        )
        if claimed:
            row.refresh_from_db()
            return row


def process_pending(max_files=None):
    """Extract due documents one by one until none is left (or ``max_files`` are done);
    returns the number of files processed."""
    done = 0
    while max_files is None or done < max_files:
        row = claim_next()
        if row is None:
            break
        extract(row)
        done += 1
    return done


def extract(row):
    """Run (or resume) the extraction of a claimed row, storing each segment as it comes."""
    document = ResourceDocument.objects.get(pk=row.document_id)
    if document.checksum_sha256 != row.checksum_sha256:
        return  # replaced meanwhile: its own request is waiting
    if row.attempts > MAX_ATTEMPTS:
        _finish(
            row,
            failure=ExtractionFailed(
                "crashed", f"Extraction was interrupted {MAX_ATTEMPTS} times; giving up."
            ),
        )
        return
    start = (row.text_segments.aggregate(last=Max("number"))["last"] or 0) + 1
    started = time.monotonic()
    failure = None
    try:
        with _local_copy(document) as path:
            segments = extract_isolated(
                path, document.content_type, document.language, start=start, limits=limits()
            )
            try:
                for segment in segments:
                    if not _store(row, segment, time.monotonic() - started):
                        break  # the file's character limit is reached
                    started = time.monotonic()
            finally:
                segments.close()  # stops the child when the limit cut it short
    except ExtractionFailed as exc:
        failure = exc
    except OSError as exc:  # the stored file is missing or unreadable
        failure = ExtractionFailed("corrupt", f"The file could not be read: {exc}")
    row.seconds += time.monotonic() - started
    _finish(row, failure)


def _store(row, segment, seconds):
    """Keep one segment, normalised like page text; False once the file's limit is reached."""
    text = normalize_text(segment.text)[:MAX_SEGMENT_CHARACTERS]
    room = settings.FILETEXT_MAX_CHARACTERS - row.characters
    if len(text) > room:
        text, row.truncated = text[: max(room, 0)], True
    if text:
        TextSegment.objects.update_or_create(
            document_text=row,
            number=segment.number,
            defaults={"label": segment.label[:200], "text": text, "ocr": segment.ocr},
        )
        row.segments += 1
        row.ocr_segments += int(segment.ocr)
        row.characters += len(text)
    row.seconds += seconds
    DocumentText.objects.filter(pk=row.pk).update(
        segments=row.segments,
        ocr_segments=row.ocr_segments,
        characters=row.characters,
        truncated=row.truncated,
        seconds=row.seconds,
        claimed_at=timezone.now(),  # still alive: the claim lasts another attempt
    )
    return not row.truncated


def _finish(row, failure=None):
    if failure is not None and not (row.segments and failure.code in PARTIAL_IS_USEFUL):
        row.status = Status.FAILED
    else:
        row.status = Status.DONE
    if failure is not None:
        logger.info("Text of document %s: %s", row.document_id, failure)
        row.failure_code, row.failure_reason = failure.code, failure.reason
        row.truncated = row.truncated or row.status == Status.DONE
    row.finished_at = timezone.now()
    row.claimed_at = None
    # Saving a finished text queues the materials using the file (discovery.signals).
    row.save(
        update_fields=[
            "status",
            "failure_code",
            "failure_reason",
            "truncated",
            "seconds",
            "finished_at",
            "claimed_at",
        ]
    )


@contextlib.contextmanager
def _local_copy(document):
    """A path to the file for the child process: the stored file where the storage is a
    folder, else a temporary copy (object storage)."""
    try:
        path = document.file.path
    except NotImplementedError:
        path = None
    if path is not None and os.path.exists(path):
        yield path
        return
    suffix = os.path.splitext(document.file.name)[1]
    with tempfile.NamedTemporaryFile(suffix=suffix) as copy, document.file.open("rb") as source:
        shutil.copyfileobj(source, copy, 1 << 20)
        copy.flush()
        yield copy.name
