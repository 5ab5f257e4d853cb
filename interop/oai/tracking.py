"""The record states kept in step with the content: a translation that becomes public gets
a record; one that changes gets a new datestamp; one that stops being public (unpublished,
deleted, made private, moved under a private section, or given another external ID) stays
as a deleted record, dated when that happened. Signals call ``sync`` for what they touch;
``reconcile`` (command ``sync_oai_records``, and the first request on an empty table) goes
over everything and is idempotent."""

import contextlib
import hashlib
import threading

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from interop.models import OaiRecord, OaiRecordSet
from resources.models.base import resource_page_models

from .records import public_resource_pages, set_specs

_deferred = threading.local()


@contextlib.contextmanager
def deferred():
    """Inside, ``sync`` only notes its resources, in this thread; they are synced once on
    leaving (a bulk import publishes each resource several times, once per translation)."""
    if getattr(_deferred, "keys", None) is not None:
        yield
        return
    _deferred.keys = set()
    try:
        yield
        keys = _deferred.keys
    finally:
        _deferred.keys = None
    sync(keys)


def sync(translation_keys):
    """Bring the records of these resources (translation keys) in step with their content."""
    keys = {key for key in translation_keys if key is not None}
    noted = getattr(_deferred, "keys", None)
    if noted is not None:
        noted.update(keys)
        return
    if keys:
        _apply(
            list(public_resource_pages(keys)), OaiRecord.objects.filter(translation_key__in=keys)
        )


def sync_subtree(page):
    """Bring in step the records of every resource at or below ``page`` (after a move or a
    change of its privacy)."""
    within = Page.objects.filter(path__startswith=page.path).type(*resource_page_models())
    sync(set(within.values_list("translation_key", flat=True)))


def reconcile(dated_by_publication=False):
    """Bring every record in step. ``dated_by_publication``: new records carry their page's
    last publication as datestamp (the first filling), not the present moment."""
    _apply(list(public_resource_pages()), OaiRecord.objects.all(), dated_by_publication)


def ensure_filled():
    """Fill the table on the first request, when nothing has been recorded yet."""
    if not OaiRecord.objects.exists():
        reconcile(dated_by_publication=True)


@transaction.atomic
def _apply(pages, known, dated_by_publication=False):
    now = timezone.now()  # finer than a datestamp shows: see tokens
    records = {(r.external_id, r.language): r for r in known.select_for_update()}
    tracked = set(records)  # those of these resources: deleted unless a page is still public
    # A record of the same resource and language under another translation key (the
    # resource was deleted and made again), read with the others in one query.
    others = OaiRecord.objects.filter(external_id__in={page.external_id for page in pages})
    for record in others.exclude(pk__in=[r.pk for r in records.values()]).select_for_update():
        records.setdefault((record.external_id, record.language), record)
    languages = _languages_by_resource(pages)
    seen, created = set(), []
    for page in pages:
        key = (page.external_id, page.locale.language_code)
        seen.add(key)
        specs = set_specs(page)
        print_ = _fingerprint(page, specs, languages[page.translation_key])
        record = records.get(key)
        if record is not None and not record.deleted and record.fingerprint == print_:
            continue
        when = (page.last_published_at or now) if dated_by_publication else now
        if record is None:
            record = OaiRecord(external_id=key[0], language=key[1], datestamp=when)
        record.page_id, record.translation_key = page.pk, page.translation_key
        record.datestamp, record.deleted, record.fingerprint = (
            now if record.pk else when,
            False,
            print_,
        )
        if record.pk is None:
            created.append((record, specs))
            continue
        record.save()
        _set_specs(record, specs)
    OaiRecord.objects.bulk_create([record for record, _specs in created], batch_size=500)
    OaiRecordSet.objects.bulk_create(
        [OaiRecordSet(record=record, spec=spec) for record, specs in created for spec in specs],
        batch_size=2000,
    )
    for key, record in records.items():
        if key in tracked and key not in seen and not record.deleted:
            record.deleted, record.datestamp, record.fingerprint = True, now, ""
            record.save(update_fields=["deleted", "datestamp", "fingerprint"])


def _languages_by_resource(pages):
    languages = {}
    for page in pages:
        languages.setdefault(page.translation_key, set()).add(page.locale.language_code)
    return languages


def _fingerprint(page, specs, languages):
    """What a harvester's copy depends on: the published revision, the sets and the
    languages of the other translations (named in each record's relations)."""
    parts = [str(page.pk), str(page.last_published_at), *specs, *sorted(languages)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _set_specs(record, specs):
    record.sets.exclude(spec__in=specs).delete()
    existing = set(record.sets.values_list("spec", flat=True))
    OaiRecordSet.objects.bulk_create(
        [OaiRecordSet(record=record, spec=spec) for spec in specs if spec not in existing]
    )
