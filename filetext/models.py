"""The text of a teaching-material file, page by page (or slide, sheet, chapter, part).

Extracted in the background (filetext.runner) and kept here, in PostgreSQL, so that the
discovery index is rebuilt from the database without reading a file again, and so that an
extraction cut short (a worker restarted in the middle of a scanned handbook) resumes at the
next page instead of starting again.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from resources.models import ResourceDocument


class DocumentText(models.Model):
    """Where the extraction of one document's file stands, and what it found."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("extracting")
        DONE = "done", _("extracted")
        FAILED = "failed", _("failed")
        NO_TEXT = "no_text", _("no text to read")

    document = models.OneToOneField(
        ResourceDocument, on_delete=models.CASCADE, related_name="extracted_text"
    )
    # The file content this text belongs to: a replaced file (another checksum) starts again.
    checksum_sha256 = models.CharField(max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    # Why a file failed, for its editors: a short code, and the explanation in English.
    failure_code = models.CharField(_("failure"), max_length=30, blank=True)
    failure_reason = models.TextField(_("reason"), blank=True)
    segments = models.PositiveIntegerField(_("pages"), default=0)
    ocr_segments = models.PositiveIntegerField(_("pages read by OCR"), default=0)
    characters = models.PositiveIntegerField(_("characters"), default=0)
    # Text beyond the per-file limit was left out.
    truncated = models.BooleanField(_("truncated"), default=False)
    seconds = models.FloatField(_("seconds spent"), default=0)
    attempts = models.PositiveIntegerField(default=0)
    requested_at = models.DateTimeField(default=timezone.now)
    # When a worker took it: a "running" row claimed long ago was abandoned by a worker that
    # stopped, and is resumed.
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("text of a document")
        verbose_name_plural = _("texts of documents")
        indexes = [models.Index(fields=["status", "requested_at"], name="filetext_due")]

    def __str__(self):
        return f"{self.document_id}: {self.status}"


class TextSegment(models.Model):
    """One page (PDF, scanned image), slide (PPTX, ODP), sheet (XLSX, ODS), chapter (EPUB) or
    part (the formats without pages) of a document's text, normalised like page text."""

    document_text = models.ForeignKey(
        DocumentText, on_delete=models.CASCADE, related_name="text_segments"
    )
    number = models.PositiveIntegerField()  # 1-based, in the file's own order
    label = models.CharField(max_length=200, blank=True)  # a sheet's or a chapter's name
    text = models.TextField()
    ocr = models.BooleanField(default=False)  # read from an image of the page

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["document_text", "number"], name="unique_segment_number"
            )
        ]

    def __str__(self):
        return f"{self.document_text_id} #{self.number}"
