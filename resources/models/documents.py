"""Teaching-material files: a Wagtail document that knows its language, size, type and checksum."""

import hashlib
import mimetypes
import os

import filetype
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document

from digital_lm.languages import LANGUAGES
from resources.documents.names import content_disposition, safe_filename
from resources.documents.safety import sniff_content_type, validate_teaching_file


class ResourceDocument(AbstractDocument):
    # Only allowed types, within the size limit, whose bytes match their name (admin forms,
    # full_clean and imports all run this).
    file = models.FileField(
        upload_to="documents", verbose_name=_("file"), validators=[validate_teaching_file]
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=LANGUAGES,
        help_text=_("The language the file is written or spoken in."),
    )
    content_type = models.CharField(_("content type"), max_length=120, blank=True, editable=False)
    checksum_sha256 = models.CharField(
        _("SHA-256 checksum"), max_length=64, blank=True, editable=False
    )

    admin_form_fields = Document.admin_form_fields + ("language",)

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def _set_file_metadata(self):
        """Size, SHA-256 and a sniffed content type, read in one pass over the file."""
        digest = hashlib.sha256()
        head = b""
        self.file.open("rb")
        try:
            self.file.seek(0)
            for chunk in self.file.chunks():
                if not head:
                    head = chunk[:8192]
                digest.update(chunk)
        finally:
            self.file.seek(0)
        self.checksum_sha256 = digest.hexdigest()
        self.file_size = self.file.size
        recognised = sniff_content_type(self.file, self.file.name)
        sniffed = filetype.guess(head)
        guessed, _encoding = mimetypes.guess_type(self.file.name)
        self.content_type = (
            recognised or (sniffed.mime if sniffed else guessed) or "application/octet-stream"
        )

    def clean(self):
        # The file field's validator checks the type (Wagtail's own extension check would only
        # repeat its message).
        models.Model.clean(self)

    def save(self, *args, **kwargs):
        if self.file and (
            not self.checksum_sha256 or not self.content_type or self._file_changed()
        ):
            self._set_file_metadata()
        super().save(*args, **kwargs)

    def _file_changed(self):
        if not self.pk:
            return True
        previous = type(self).objects.filter(pk=self.pk).values_list("file", flat=True).first()
        return previous != self.file.name

    @property
    def content_disposition(self):
        """Always a download, never shown inline on the site's origin."""
        return content_disposition(self.download_filename)

    @property
    def download_filename(self):
        """The name a teacher's computer saves the file under: the title (written in the file's
        language) and the file's extension."""
        extension = os.path.splitext(self.file.name)[1].lower()
        stem = (
            safe_filename(self.title)
            or os.path.splitext(os.path.basename(self.file.name))[0]
            or f"document-{self.pk}"
        )
        return f"{stem}{extension}"

    @property
    def language_name(self):
        return dict(LANGUAGES).get(self.language, self.language)
