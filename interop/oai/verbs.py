"""What each verb answers: the element that follows ``request`` in the response."""

import datetime
import re

from django.conf import settings
from django.db.models import Min, Q
from django.urls import reverse
from django.utils import timezone

from interop.models import OaiRecord
from resources.permalinks import PUBLISHER

from . import tokens
from .dates import GRANULARITY, BadDate, from_text, parse, to_datestamp, to_text, whole_second
from .formats import FORMATS
from .protocol import OaiError, bad_argument
from .records import (
    identifier,
    load_contents,
    parse_identifier,
    public_page_ids,
    repository_id,
)
from .sets import all_sets
from .xml import child, root

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"
# What the oai-identifier scheme allows as a repository identifier: a domain name.
REPOSITORY_IDENTIFIER = re.compile(r"^[a-zA-Z][a-zA-Z0-9\-]*(\.[a-zA-Z][a-zA-Z0-9\-]*)+$")


def identify(request, parent, arguments):
    element = child(parent, OAI, "Identify")
    child(element, OAI, "repositoryName", PUBLISHER)
    child(element, OAI, "baseURL", request.build_absolute_uri(reverse("oai")))
    child(element, OAI, "protocolVersion", "2.0")
    for address in settings.OAI_ADMIN_EMAILS:
        child(element, OAI, "adminEmail", address)
    earliest = OaiRecord.objects.aggregate(first=Min("datestamp"))["first"]
    child(element, OAI, "earliestDatestamp", to_datestamp(earliest or whole_second(timezone.now())))
    child(element, OAI, "deletedRecord", "persistent")
    child(element, OAI, "granularity", GRANULARITY)
    if not REPOSITORY_IDENTIFIER.match(repository_id()):
        return  # the oai-identifier scheme names repositories by domain names only
    description = child(element, OAI, "description")
    naming = root(
        OAI_IDENTIFIER,
        "oai-identifier",
        "http://www.openarchives.org/OAI/2.0/oai-identifier.xsd",
        {None: OAI_IDENTIFIER},
    )
    child(naming, OAI_IDENTIFIER, "scheme", "oai")
    child(naming, OAI_IDENTIFIER, "repositoryIdentifier", repository_id())
    child(naming, OAI_IDENTIFIER, "delimiter", ":")
    child(naming, OAI_IDENTIFIER, "sampleIdentifier", identifier("LM-CRS-EV-101", "en"))
    description.append(naming)


def list_metadata_formats(request, parent, arguments):
    if "identifier" in arguments:
        _record_named(arguments["identifier"])
    element = child(parent, OAI, "ListMetadataFormats")
    for metadata_format in FORMATS.values():
        entry = child(element, OAI, "metadataFormat")
        child(entry, OAI, "metadataPrefix", metadata_format.prefix)
        child(entry, OAI, "schema", metadata_format.schema)
        child(entry, OAI, "metadataNamespace", metadata_format.namespace)


def list_sets(request, parent, arguments):
    if "resumptionToken" in arguments:  # the sets always fit in one answer
        raise OaiError("badResumptionToken", "The list of sets has no further part.")
    element = child(parent, OAI, "ListSets")
    for spec, name in all_sets():
        entry = child(element, OAI, "set")
        child(entry, OAI, "setSpec", spec)
        child(entry, OAI, "setName", name)


def get_record(request, parent, arguments):
    metadata_format = _format(arguments["metadataPrefix"])
    record = _record_named(arguments["identifier"])
    element = child(parent, OAI, "GetRecord")
    _write_records(request, element, [record], metadata_format, with_metadata=True)


def list_identifiers(request, parent, arguments):
    _list(request, parent, arguments, "ListIdentifiers", with_metadata=False)


def list_records(request, parent, arguments):
    _list(request, parent, arguments, "ListRecords", with_metadata=True)


def _list(request, parent, arguments, verb, with_metadata):
    if "resumptionToken" in arguments:
        try:
            position = tokens.decode(arguments["resumptionToken"], verb)
        except tokens.BadToken as error:
            raise OaiError("badResumptionToken", "The resumption token is not valid.") from error
        metadata_format = FORMATS.get(position.prefix)
        if metadata_format is None:
            raise OaiError("badResumptionToken", "The resumption token is not valid.")
    else:
        metadata_format = _format(arguments["metadataPrefix"])
        position = _first_position(verb, arguments)
    selected = _selected(position)
    if position.total == 0:
        raise OaiError("noRecordsMatch", "No record matches the arguments.")
    page = _page_after(selected, position.after)
    size = settings.OAI_PAGE_SIZE
    records, more = page[:size], len(page) > size
    element = child(parent, OAI, verb)
    _write_records(request, element, records, metadata_format, with_metadata)
    if position.after is None and not more:
        return  # a complete list in one answer needs no token
    token = child(element, OAI, "resumptionToken")
    token.set("completeListSize", str(position.total))
    token.set("cursor", str(position.sent))
    if more:
        last = records[-1]
        following = tokens.ListPosition(
            **{
                **position.__dict__,
                "after": (to_text(last.datestamp), last.pk),
                "sent": position.sent + len(records),
            }
        )
        expiry = timezone.now() + datetime.timedelta(seconds=settings.OAI_TOKEN_MAX_AGE)
        token.set("expirationDate", to_datestamp(expiry))
        token.text = tokens.encode(following)


def _first_position(verb, arguments):
    start = until = None
    granularities = set()
    try:
        if "from" in arguments:
            start, granularity = parse(arguments["from"])
            granularities.add(granularity)
        if "until" in arguments:
            until, granularity = parse(arguments["until"], upper=True)
            granularities.add(granularity)
    except BadDate as error:
        raise bad_argument(str(error)) from error
    if len(granularities) > 1:
        raise bad_argument("from and until must have the same granularity.")
    if start and until and start > until:
        raise bad_argument("from is later than until.")
    now = timezone.now()
    position = tokens.ListPosition(
        verb=verb,
        prefix=arguments["metadataPrefix"],
        set_spec=arguments.get("set"),
        start=to_text(start) if start else None,
        until=to_text(min(until, now) if until else now),
        after=None,
        sent=0,
        total=0,
    )
    return tokens.ListPosition(**{**position.__dict__, "total": _selected(position).count()})


def _selected(position):
    """The records of a list, in keyset order, up to its fixed ``until``."""
    records = OaiRecord.objects.filter(datestamp__lte=from_text(position.until))
    if position.start:
        records = records.filter(datestamp__gte=from_text(position.start))
    if position.set_spec:
        records = records.filter(sets__spec=position.set_spec)
    return records.order_by("datestamp", "pk")


def _page_after(records, after):
    if after is not None:
        moment, pk = from_text(after[0]), after[1]
        records = records.filter(Q(datestamp__gt=moment) | Q(datestamp=moment, pk__gt=pk))
    return list(records.prefetch_related("sets")[: settings.OAI_PAGE_SIZE + 1])


def _format(prefix):
    if prefix not in FORMATS:
        raise OaiError("cannotDisseminateFormat", f"No metadata format {prefix}.")
    return FORMATS[prefix]


def _record_named(value):
    named = parse_identifier(value)
    record = named and OaiRecord.objects.filter(external_id=named[0], language=named[1]).first()
    if not record:
        raise OaiError("idDoesNotExist", "No record has this identifier.")
    return record


def _write_records(request, parent, records, metadata_format, with_metadata):
    """Each record's header (and metadata): a record whose page is no longer public, even
    before its state has caught up, is told as deleted, never shown."""
    live = [r.page_id for r in records if not r.deleted]
    if not live:
        contents = {}
    elif with_metadata:
        contents = load_contents(live, request)
    else:
        contents = dict.fromkeys(public_page_ids(live), True)
    for record in records:
        content = None if record.deleted else contents.get(record.page_id)
        target = child(parent, OAI, "record") if with_metadata else parent
        _header(target, record, deleted=content is None)
        if with_metadata and content is not None:
            child(target, OAI, "metadata").append(metadata_format.write(content))


def _header(parent, record, deleted):
    header = child(parent, OAI, "header")
    if deleted:
        header.set("status", "deleted")
    child(header, OAI, "identifier", identifier(record.external_id, record.language))
    child(header, OAI, "datestamp", to_datestamp(record.datestamp))
    for spec in sorted(s.spec for s in record.sets.all()):
        if ":" in spec:
            child(header, OAI, "setSpec", spec)
