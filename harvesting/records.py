"""An ``oai_dc`` record read into the fields of an external resource, or a clear error.

Text goes through the same normalisation as the site's own (Zawgyi Burmese converted to
Unicode, NFC); the language is the record's ``dc:language`` read as an alliance language, or,
when it names none, the language its title and summary are written in.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from django.utils.translation import gettext_noop

from digital_lm.languages import alliance_language, language_of_text
from discovery.normalize import normalize_text
from harvesting.messages import note, shown
from resources.models.base import resource_type_names
from resources.models.snippets import MEKONG_COUNTRIES

OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
# Longer values are cut: a record's metadata is a description, not the resource.
MAX_TITLE = 1000
MAX_SUMMARY = 4000
MAX_VALUES = 50
_COUNTRY_CODES = {
    **{code.lower(): code for code in MEKONG_COUNTRIES},
    **{name.lower(): code for code, name in MEKONG_COUNTRIES.items()},
    "laos": "LA",
    "lao pdr": "LA",
    "burma": "MM",
    "viet nam": "VN",
}


class BadRecord(ValueError):
    """A record that cannot become an external resource; its ``report`` says why."""

    def __init__(self, text, **params):
        self.report = note(text, **params)
        super().__init__(text)

    def __str__(self):
        return shown(self.report)


@dataclass
class HarvestedRecord:
    identifier: str
    datestamp: datetime
    deleted: bool = False
    title: str = ""
    summary: str = ""
    language: str = ""
    url: str = ""
    related_urls: list = field(default_factory=list)
    resource_type: str = ""
    publisher: str = ""
    countries: list = field(default_factory=list)
    subjects: list = field(default_factory=list)
    rights: str = ""


def parse_datestamp(value):
    """An OAI-PMH datestamp (day or second granularity, UTC) as an aware datetime."""
    value = (value or "").strip()
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            return datetime(day.year, day.month, day.day, tzinfo=UTC)
        return datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        text = gettext_noop("The datestamp “%(value)s” is not a UTC date.")
        raise BadRecord(text, value=value[:40]) from None


def read_header(record):
    """(identifier, datestamp, deleted) of a ``<record>`` element."""
    header = record.find(f"{OAI}header")
    if header is None:
        raise BadRecord(gettext_noop("The record has no header."))
    identifier = (header.findtext(f"{OAI}identifier") or "").strip()
    if not identifier:
        raise BadRecord(gettext_noop("The record has no identifier."))
    datestamp = parse_datestamp(header.findtext(f"{OAI}datestamp"))
    return identifier, datestamp, header.get("status") == "deleted"


def read_record(record):
    """The ``HarvestedRecord`` of an OAI-PMH ``<record>`` element carrying ``oai_dc``."""
    identifier, datestamp, deleted = read_header(record)
    found = HarvestedRecord(identifier=identifier, datestamp=datestamp, deleted=deleted)
    if deleted:
        return found
    metadata = record.find(f"{OAI}metadata")
    if metadata is None:
        raise BadRecord(gettext_noop("The record has no metadata."))

    def values(name):
        texts = (normalize_text(" ".join((e.text or "").split())) for e in metadata.iter(DC + name))
        return [text for text in texts if text][:MAX_VALUES]

    titles = values("title")
    if not titles:
        raise BadRecord(gettext_noop("The record has no title (dc:title)."))
    found.title = titles[0][:MAX_TITLE]
    found.summary = (values("description") or [""])[0][:MAX_SUMMARY]
    addresses = [v for v in values("identifier") if v.startswith(("https://", "http://"))]
    if not addresses:
        raise BadRecord(
            gettext_noop("No dc:identifier is a web address: there is nothing to link to.")
        )
    found.url = addresses[0][:1000]
    found.related_urls = [
        v[:1000] for v in values("relation") if v.startswith(("https://", "http://"))
    ]
    declared = values("language")
    found.language = next(filter(None, map(alliance_language, declared)), "")
    if not found.language:
        found.language = language_of_text(f"{found.title} {found.summary}")
    if not found.language or declared and not any(map(alliance_language, declared)):
        raise BadRecord(
            gettext_noop("The record's language (%(language)s) is not one of the alliance's."),
            language=", ".join(declared)[:60] or "?",
        )
    types = set(resource_type_names())
    found.resource_type = next((v.lower() for v in values("type") if v.lower() in types), "")
    found.publisher = ((values("publisher") or values("creator")) or [""])[0][:300]
    found.countries = sorted(
        {_COUNTRY_CODES[v.lower()] for v in values("coverage") if v.lower() in _COUNTRY_CODES}
    )
    found.subjects = values("subject")
    found.rights = (values("rights") or [""])[0][:500]
    return found
