"""What a discovery search returns, whichever backend answered it."""

from dataclasses import dataclass, field


@dataclass
class Hit:
    external_id: str
    title: str
    summary: str
    url: str
    type: str  # one of params.RESOURCE_TYPES
    language: str  # language of the translation shown
    available_languages: list
    # field name ("title", "summary", "body") -> list of HTML fragments: text escaped, matches
    # wrapped in <mark>. Safe to output as-is.
    highlight: dict = field(default_factory=dict)
    institution: str = ""  # display name in the visitor's language when known
    country: str = ""  # ISO code
    translation_key: str = ""
    page_id: int = 0
    # The language whose text matched the words, when a search had words ("" when browsing):
    # it may differ from ``language``, the translation shown.
    matched_language: str = ""
    # The termbase term through which the resource matched, in the visitor's language, when
    # it matched only through another language's label of that term.
    matched_term: str = ""


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
    unchosen), types and languages in their fixed order, the others by count."""
    from digital_lm.languages import LANGUAGE_CODES
    from search.params import RESOURCE_TYPES

    counts = dict(counts)
    for value in selected:
        counts.setdefault(value, 0)
    values = [
        FacetValue(value=v, label=labels.get(v, v), count=c, selected=v in selected)
        for v, c in counts.items()
    ]
    fixed_order = {"type": RESOURCE_TYPES, "language": LANGUAGE_CODES}.get(name)
    if fixed_order:
        position = {v: i for i, v in enumerate(fixed_order)}
        return sorted(values, key=lambda v: position.get(v.value, 99))
    return sorted(values, key=lambda v: (-v.count, v.label))
