"""Counting downloads: one row per file (or course ZIP), language, publisher's country and day,
incremented in the database so that simultaneous downloads are all counted.

A client that fetches the same file again within COUNT_WINDOW (a download manager's parallel
parts, a 1-byte probe, a restart) counts once. Counting never fails a download: a count that
cannot be written within a second (the table locked, the database away) is logged and lost.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from digital_lm.clients import client_address
from digital_lm.database import bounded_transaction
from downloads.models import DailyBundleDownloads, DailyDownloads
from resources.models import Institution, InstitutionEditorial

logger = logging.getLogger(__name__)

COUNT_WINDOW = 30 * 60  # seconds
LOCK_TIMEOUT, STATEMENT_TIMEOUT = "1s", "3s"


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


def first_in_window(request, what):
    """True the first time this client asks for ``what`` within COUNT_WINDOW. The client is
    known only by a keyed hash of its address and browser, kept in the cache for the window."""
    client = "|".join([client_address(request) or "", request.headers.get("User-Agent", ""), what])
    digest = hashlib.blake2b(
        client.encode(), key=settings.SECRET_KEY.encode()[:64], digest_size=16
    ).hexdigest()
    return cache.add(f"downloads:counted:{digest}", 1, COUNT_WINDOW)


def count_download(request, document):
    """Count ``document`` downloaded by this request's client, once per window."""
    if first_in_window(request, f"document {document.pk}"):
        record_download(document)


def count_bundle_download(request, course, language):
    """Count the ZIP of ``course``'s files in ``language``, once per client and window."""
    if first_in_window(request, f"course {course.pk} {language}"):
        record_bundle_download(course, language)


def record_download(document, day=None):
    """Count one download of ``document`` today (in the site's time zone)."""
    _add_one(
        DailyDownloads,
        publishing_institution(document),
        day=day,
        document_id=document.pk,
        language=document.language or "",
    )


def record_bundle_download(course, language, day=None):
    """Count one download of the ZIP of ``course``'s files in ``language``."""
    _add_one(
        DailyBundleDownloads,
        course.institution,
        day=day,
        course_id=course.pk,
        language=language,
    )


def _add_one(model, institution, day=None, **what):
    key = {
        "day": day or timezone.localdate(),
        "country": institution.country.code if institution is not None else "",
        **what,
    }
    try:
        with bounded_transaction(LOCK_TIMEOUT, STATEMENT_TIMEOUT):
            rows = model.objects.filter(**key)
            if rows.update(downloads=F("downloads") + 1):
                return
            try:
                with transaction.atomic():
                    model.objects.create(
                        **key,
                        institution_key=institution.translation_key if institution else None,
                        downloads=1,
                    )
            except IntegrityError:
                # Another download created today's row first: add ours to it.
                rows.update(downloads=F("downloads") + 1)
    except DatabaseError:
        logger.exception("A download was not counted: %s %s", model.__name__, what)
