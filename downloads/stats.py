"""Counting downloads: one row per file, language, publisher's country and day, incremented in
the database so that simultaneous downloads are all counted."""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from downloads.models import DailyDownloads
from resources.models import Institution, InstitutionEditorial


def publishing_institution(document):
    """The institution that publishes the file: that of a teaching material it belongs to,
    else the one whose collection holds it. None when neither says."""
    link = (
        document.material_links.select_related("material__institution__country")
        .filter(material__institution__isnull=False)
        .order_by("material__locale_id", "pk")
        .first()
    )
    if link is not None:
        return link.material.institution
    editorial = InstitutionEditorial.objects.filter(collection_id=document.collection_id).first()
    if editorial is None:
        return None
    return (
        Institution.objects.select_related("country")
        .filter(translation_key=editorial.institution_key)
        .first()
    )


def record_download(document, day=None):
    """Count one download of ``document`` today (in the site's time zone)."""
    institution = publishing_institution(document)
    key = {
        "day": day or timezone.localdate(),
        "document_id": document.pk,
        "language": document.language or "",
        "country": institution.country.code if institution is not None else "",
    }
    rows = DailyDownloads.objects.filter(**key)
    if rows.update(downloads=F("downloads") + 1):
        return
    try:
        with transaction.atomic():
            DailyDownloads.objects.create(
                **key,
                institution_key=institution.translation_key if institution else None,
                downloads=1,
            )
    except IntegrityError:
        # Another download created today's row first: add ours to it.
        rows.update(downloads=F("downloads") + 1)
