"""What a discovery search returns, whichever backend answered it.

``Hit`` is the one definition of a search hit: the engine copies its stored fields from the
index document, the database fallback fills it from the page, and the JSON API's schema and
serialisation are generated from the fields it marks as public (discovery.api).
"""

from dataclasses import dataclass, field, fields

from discovery.facets import FACETS_BY_NAME
from downloads.opening import pdf_page_url


def public(description, *, nullable=False, stored=False, **options):
    """A field shown in the API, with its ``description`` (``{types}``: the resource types);
    ``nullable``: sent as null when empty; ``stored``: copied as-is from the index document."""
    metadata = {"api": description, "nullable": nullable, "stored": stored}
    return field(metadata=metadata, **options)


def internal(*, stored=False, **options):
    """A field the site uses but the API does not show."""
    return field(metadata={"stored": stored}, **options)


@dataclass
class FoundIn:
    """Where in a material's files a search's words were found, when a file matched best."""

    file_title: str = public("Title of the file.")
    file_name: str = public("Its download file name, e.g. handbook-lo.pdf.")
    file_language: str = public("The language the file is written in.")
    location: str = public(
        "What `number` counts: page, slide, sheet or chapter; empty for formats without pages."
    )
    number: int = public("The page, slide, sheet or chapter (from 1); 0 without location.")
    label: str = public("The sheet's or chapter's name, when it has one.", default="")
    url: str = public(
        "The file's download address, with #page=N for a PDF page (browsers that show PDFs "
        "open it there).",
        default="",
    )
    highlight: list[str] = public(
        "Passages of the file around the words: HTML, text escaped, words in <mark>.",
        default_factory=list,
    )


def file_location_url(url, location, number):
    """The address that opens a file where the words were found: a PDF shown in the browser
    at its page (downloads.opening); the file itself for the other formats."""
    if location == "page" and number:
        return pdf_page_url(url, number)
    return url


@dataclass
class Hit:
    external_id: str = public(
        "The resource's identifier, the same in every language (e.g. LM-CRS-EV-1).", stored=True
    )
    title: str = public("Title in `language`.", stored=True)
    summary: str = public("Summary in `language`, plain text.", stored=True)
    url: str = public("Address of the resource's page in `language`.", stored=True)
    type: str = public(
        "Resource type: {types}; empty for a harvested resource of another type.", stored=True
    )
    language: str = public(
        "Language of the translation shown: one of the `language` filter's when there is one, "
        "else `lang` where the resource is translated into it, else the reader's next language "
        "(the one the words are written in, then Accept-Language), the resource's original "
        "language, English, Chinese.",
        stored=True,
    )
    available_languages: list[str] = public(
        "Every language the resource is published in.", stored=True
    )
    # field name ("title", "summary", "body") -> list of HTML fragments: text escaped, matches
    # wrapped in <mark>. Safe to output as-is.
    highlight: dict[str, list[str]] = public(
        "Matching passages by field (title, summary, body): HTML with the text escaped and the "
        "matched words in <mark>. Empty without search words.",
        default_factory=dict,
    )
    origin: str = public(
        "For a resource harvested from a member institution's own repository, that "
        "repository's name: `url` is then the original's address there. Null for resources "
        "published here.",
        nullable=True,
        default="",
    )
    institution: str = public(  # display name in the visitor's language when known
        "The publishing institution's name, in `lang` if known.", default=""
    )
    country: str = public("ISO 3166-1 code of the institution's country.", default="")
    translation_key: str = internal(stored=True, default="")
    page_id: int = internal(stored=True, default=0)
    # The language whose text matched the words, when a search had words ("" when browsing):
    # it may differ from ``language``, the translation shown.
    matched_language: str = public(
        "The language whose text matched the words, which may differ from `language` (found in "
        "English, shown in Lao). Null without search words.",
        nullable=True,
        default="",
    )
    # The termbase term through which the resource matched, in the visitor's language, when
    # it matched only through another language's label of that term.
    matched_term: str = public(
        "When the resource matched only through the alliance termbase (an English “welding” "
        "finding a Lao “ການເຊື່ອມ”), the term, in `lang` where the termbase has it. Null "
        "otherwise.",
        nullable=True,
        default="",
    )
    found_in: FoundIn | None = public(
        "When the words were found inside one of a teaching material's files rather than in "
        "its page: which file, where, and the passage. Null otherwise.",
        nullable=True,
        default=None,
    )


def public_fields(cls):
    """The fields of ``cls`` (Hit, Suggestion) that the API shows, in order."""
    return [f for f in fields(cls) if "api" in f.metadata]


def stored_fields(cls=Hit):
    """The names of the fields of ``cls`` copied as-is from an index document."""
    return [f.name for f in fields(cls) if f.metadata.get("stored")]


@dataclass
class Suggestion:
    """A title completing what a visitor types (discovery.service.suggest gives them as dicts)."""

    title: str = public("Title of a resource matching the text typed.", stored=True)
    url: str = public("Address of its page.", stored=True)
    type: str = public("Resource type: {types}.", stored=True)
    language: str = public("Language of the title.", stored=True)


@dataclass
class FacetValue:
    value: str  # the filter value to send back (e.g. "LA", "welding", "course")
    label: str  # display label in the visitor's language
    count: int
    selected: bool = False


@dataclass
class DiscoveryResult:
    query: object  # params.DiscoveryQuery
    count: int  # resources (not translations) matching
    results: list  # of Hit
    facets: dict  # facet name (the filter parameter, e.g. "country") -> list of FacetValue
    degraded: bool = False  # True when the engine was unreachable and the database answered

    @property
    def num_pages(self):
        size = self.query.page_size
        return max(1, -(-self.count // size))


def facet_values(name, counts, selected, labels):
    """The FacetValues of one facet from {value: count}: chosen values always listed (to be
    unchosen), a facet with a fixed list of values (types, languages) in its order, the
    others by count."""
    counts = dict(counts)
    for value in selected:
        counts.setdefault(value, 0)
    values = [
        FacetValue(value=v, label=labels.get(v, v), count=c, selected=v in selected)
        for v, c in counts.items()
    ]
    facet = FACETS_BY_NAME.get(name)
    if facet is not None and facet.choices is not None:
        position = {v: i for i, v in enumerate(facet.choices())}
        return sorted(values, key=lambda v: position.get(v.value, 99))
    return sorted(values, key=lambda v: (-v.count, v.label))
