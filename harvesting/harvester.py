"""One harvest of a member's OAI-PMH repository into external resources.

Incremental: a harvest asks for what changed ``from`` the newest datestamp the last complete
one saw. Resumable: after each page of records the resumption token is saved with the page's
changes, in one transaction, so a harvest cut short (a crash, a deploy, the network) goes on
where it stopped; a token the repository no longer accepts starts that harvest again from the
same date, which changes nothing twice. A bad record is reported in the run and skipped; a
failure of the repository fails the run with a message and keeps the saved place.
"""

import logging
import uuid
from datetime import UTC, timedelta

import httpx2
from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop
from lxml import etree
from oaipmh_scythe import Scythe
from oaipmh_scythe.config import HTTPConfig
from oaipmh_scythe.exceptions import BadResumptionToken, NoRecordsMatch, OAIPMHException
from oaipmh_scythe.response import OAIResponse

from discovery.queue import enqueue
from harvesting.messages import note, shown
from harvesting.models import ExternalResource, HarvestRun, HarvestSource
from harvesting.records import OAI, BadRecord, read_header, read_record

logger = logging.getLogger(__name__)

TIMEOUT_SECONDS = 60
USER_AGENT = "Digital Lancang-Mekong harvester"
# An OAI-PMH page of 100 records is well under a megabyte; a repository's answers are read
# up to this size.
MAX_ANSWER_BYTES = 50 * 1024 * 1024
# Where a harvest under way stands, saved with each page.
_PLACE = ["resumption_token", "resume_from", "resume_until"]
# A run still "running" with no page saved for this long was cut short (its process stopped);
# a livelier one is under way, and the source waits for it. A page takes at most a request's
# timeout and its saving.
STALE_AFTER = timedelta(minutes=10)
# The fields a record fills (the rest are the row's own).
_FIELDS = (
    "language", "title", "summary", "url", "related_urls", "resource_type", "publisher",
    "countries", "subjects", "rights", "datestamp",
)  # fmt: skip


def harvest_due_sources(now=None):
    """Harvest every source whose schedule says so; the runs, in order."""
    now = now or timezone.now()
    runs = []
    for source in HarvestSource.objects.all():
        if not source.is_due(now):
            continue
        try:
            run = harvest(source)
        except Exception:  # noqa: BLE001 — one repository's fault never stops the others'
            logger.exception("Harvest of %s stopped", source.base_url)
            continue
        if run is not None:
            runs.append(run)
    return runs


def harvest(source, full=False):
    """Harvest ``source`` (everything again when ``full``) and return its ``HarvestRun``, or
    None when another harvest of it is under way."""
    if not _close_interrupted_runs(source):
        return None
    resuming = bool(source.resumption_token) and not full
    run = HarvestRun.objects.create(source=source, resumed=resuming)
    try:
        with _Client(source.base_url, http_config=_http_config()) as client:
            if resuming:
                run.incremental_from = source.resume_from
                query = {"verb": "ListRecords", "resumptionToken": source.resumption_token}
            else:
                since = None if full else source.harvested_until
                source.resume_from, source.resume_until = since, None
                run.incremental_from = since
                query = _first_query(client, source, since)
            _harvest_pages(client, source, run, query, resuming)
            if not resuming and run.incremental_from is None:
                _remove_unlisted(source, run)
    except (OAIPMHException, httpx2.HTTPError, etree.XMLSyntaxError, ValueError) as error:
        run.status = HarvestRun.FAILED
        run.message = _describe(error)
        logger.warning("Harvest of %s failed: %s", source.base_url, shown(run.message))
    else:
        run.status = HarvestRun.COMPLETE
        newest = [d for d in (source.harvested_until, source.resume_until) if d]
        source.harvested_until = max(newest) if newest else None
        source.resumption_token = ""
        source.resume_from = source.resume_until = None
    source.last_run_at = run.finished_at = timezone.now()
    source.save(update_fields=[*_PLACE, "harvested_until", "last_run_at"])
    run.save()
    return run


class NotXML(ValueError):
    pass


class TooLarge(ValueError):
    pass


class _Client(Scythe):
    """Scythe, checking the HTTP status before the body: its own order reads an error page
    that is not XML as a crash of its own."""

    def _request(self, query):
        """The answer read up to ``MAX_ANSWER_BYTES``: a repository that sends more (a fault,
        or hostile) fails the harvest instead of the worker's memory."""
        request = self.client.build_request("GET", self.endpoint, params=query)
        streamed = self.client.send(request, stream=True)
        body = bytearray()
        try:
            for chunk in streamed.iter_bytes():
                body += chunk
                if len(body) > MAX_ANSWER_BYTES:
                    raise TooLarge(len(body))
        finally:
            streamed.close()
        # Decoded already: the copy must not say it is compressed, nor how long it was.
        dropped = {"content-encoding", "content-length"}
        headers = [(k, v) for k, v in streamed.headers.items() if k.lower() not in dropped]
        return httpx2.Response(
            streamed.status_code, headers=headers, content=bytes(body), request=request
        )

    def harvest(self, query):
        http_response = self._request_with_retry(query)
        http_response.raise_for_status()
        response = OAIResponse(http_response, params=query)
        if response.xml is None:
            raise NotXML(response.raw[:200])
        response.raise_for_oaipmh_error()
        return response


def _http_config():
    return HTTPConfig(timeout=TIMEOUT_SECONDS, user_agent=USER_AGENT)


def _first_query(client, source, since):
    query = {"verb": "ListRecords", "metadataPrefix": source.metadata_prefix}
    if source.set_spec:
        query["set"] = source.set_spec
    if since is not None:
        query["from"] = _datestamp(since, _granularity(client))
    return query


def _granularity(client):
    identify = client.harvest({"verb": "Identify"}).xml
    return identify.findtext(f"{OAI}Identify/{OAI}granularity") or "YYYY-MM-DD"


def _datestamp(moment, granularity):
    moment = moment.astimezone(UTC)
    if granularity == "YYYY-MM-DD":
        return moment.strftime("%Y-%m-%d")
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _harvest_pages(client, source, run, query, resuming):
    while query is not None:
        try:
            response = client.harvest(query)
        except NoRecordsMatch:
            return
        except BadResumptionToken:
            if not resuming:
                raise
            # The repository forgot the token (they may expire): the same harvest again.
            resuming = False
            run.message = note(
                gettext_noop(
                    "The saved resumption token had expired: harvested again from the start."
                )
            )
            query = _first_query(client, source, source.resume_from)
            continue
        resuming = False
        token = response.xml.findtext(f".//{OAI}resumptionToken") or ""
        with transaction.atomic():
            changed = _apply_page(source, run, response.xml)
            source.resumption_token = token
            source.save(update_fields=_PLACE)
            run.save()
            enqueue(changed)
        query = {"verb": "ListRecords", "resumptionToken": token} if token else None


def _apply_page(source, run, xml):
    """Apply a page's records; the translation keys whose index documents change."""
    changed = set()
    for element in xml.iterfind(f".//{OAI}ListRecords/{OAI}record"):
        identifier = (element.findtext(f"{OAI}header/{OAI}identifier") or "").strip() or "?"
        try:
            identifier, datestamp, _deleted = read_header(element)
            _advance(source, datestamp)
            with transaction.atomic():
                changed |= _apply(source, run, read_record(element))
        except BadRecord as error:
            run.add_error(identifier, error.report)
        except DatabaseError as error:  # a value the database refuses: that record only
            run.add_error(
                identifier,
                note(gettext_noop("The record could not be saved: %(error)s"), error=error),
            )
    return changed


def _remove_unlisted(source, run):
    """After a whole list, the records it no longer holds are gone: a repository that keeps
    no deleted records ("no" in Identify) only tells by leaving them out."""
    gone = source.resources.filter(harvested_at__lt=run.started_at)
    keys = set(gone.values_list("translation_key", flat=True))
    if keys:
        run.deleted += gone.delete()[0]
        run.save()
        enqueue(keys)


def _advance(source, datestamp):
    if source.resume_until is None or datestamp > source.resume_until:
        source.resume_until = datestamp


def _apply(source, run, record):
    existing = ExternalResource.objects.filter(source=source, identifier=record.identifier).first()
    if record.deleted:
        if existing is None:
            return set()
        existing.delete()
        run.deleted += 1
        return {existing.translation_key}
    key, merged = _translation_key(source, record, existing)
    values = {name: getattr(record, name) for name in _FIELDS}
    if existing is None:
        ExternalResource.objects.create(
            source=source, identifier=record.identifier, translation_key=key, **values
        )
        run.created += 1
        return {key, *merged}
    before = existing.translation_key
    if key == before and all(getattr(existing, n) == v for n, v in values.items()):
        # `from` is inclusive, so the newest records seen last time come again: they are
        # still held (a full harvest keeps them), but nothing changed and nothing re-indexes.
        ExternalResource.objects.filter(pk=existing.pk).update(harvested_at=timezone.now())
        return set()
    for name, value in values.items():
        setattr(existing, name, value)
    existing.translation_key = key
    existing.save()
    run.updated += 1
    return {key, before, *merged}


def _translation_key(source, record, existing):
    """The key the record's resource shares with its other translations: those it links to
    with ``dc:relation`` (the record itself is linked from theirs). Groups that a record
    shows to be one are merged; the keys they gave up are returned to re-index."""
    linked = set(
        ExternalResource.objects.filter(source=source, url__in=record.related_urls)
        .exclude(identifier=record.identifier)
        .values_list("translation_key", flat=True)
    )
    if existing is not None:
        linked.add(existing.translation_key)
    if not linked:
        return uuid.uuid4(), set()
    key = min(linked, key=str)
    merged = linked - {key}
    if merged:
        ExternalResource.objects.filter(source=source, translation_key__in=merged).update(
            translation_key=key
        )
    return key, merged


def _close_interrupted_runs(source):
    """Mark runs left "running" by a process that stopped (the next run takes over from their
    place); False when a run is under way."""
    running = source.runs.filter(status=HarvestRun.RUNNING)
    if running.filter(last_page_at__gt=timezone.now() - STALE_AFTER).exists():
        return False
    running.update(
        status=HarvestRun.FAILED,
        finished_at=timezone.now(),
        message=note(gettext_noop("Interrupted; the next harvest went on from where it stopped.")),
    )
    return True


def _describe(error):
    """The report of what failed a harvest."""
    if isinstance(error, OAIPMHException):
        text = gettext_noop("The repository answered with an OAI-PMH error: %(error)s")
        return note(text, error=f"{type(error).__name__}: {error}")
    if isinstance(error, NotXML):
        return note(gettext_noop("The answer is not XML."))
    if isinstance(error, TooLarge):
        text = gettext_noop("An answer of the repository is larger than %(limit)s MB.")
        return note(text, limit=MAX_ANSWER_BYTES // (1024 * 1024))
    if isinstance(error, httpx2.HTTPStatusError):
        return note(
            gettext_noop("The repository answered with an HTTP error: %(error)s"), error=error
        )
    if isinstance(error, httpx2.HTTPError):
        return note(gettext_noop("The repository could not be reached: %(error)s"), error=error)
    return note(gettext_noop("The repository's answer could not be read: %(error)s"), error=error)
