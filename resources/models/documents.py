"""Teaching-material files: a Wagtail document that knows its language, size, type and checksum."""

import hashlib
import mimetypes

import filetype
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document

from digital_lm.languages import LANGUAGES


class ResourceDocument(AbstractDocument):
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
        sniffed = filetype.guess(head)
        guessed, _encoding = mimetypes.guess_type(self.file.name)
        self.content_type = (sniffed.mime if sniffed else guessed) or "application/octet-stream"

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
    def language_name(self):
        return dict(LANGUAGES).get(self.language, self.language)
