"""The facets of a discovery search, declared once.

A facet is a filter parameter and the counts of its values: the parameter parser
(discovery.params) checks values against it, the engine query (discovery.service) filters and
counts its index field, the database fallback (discovery.fallback) reads its values from the
pages, the search page shows its legend and the OpenAPI description (discovery.api) documents
it. Each of them iterates over FACETS, in the order the page and the API show them.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from digital_lm.languages import LANGUAGE_CODES, LANGUAGE_NAMES
from resources.models.base import resource_type_names, resource_types

DEFAULT_SIZE = 50


@dataclass(frozen=True)
class Facet:
    name: str  # the filter parameter, and the facet's key in a result
    field: str  # the index field it filters and counts
    legend: str  # its heading on the search page
    description: str  # what filtering by it keeps (the OpenAPI description)
    read: Callable  # page -> the set of its values, for the database fallback
    pattern: str = ""  # what every value must match, when the values are not a fixed list
    choices: Callable | None = None  # () -> the values, in their fixed order, when listed
    value_labels: Callable | None = None  # lang -> {value: label}, when not a taxonomy's names
    size: int = DEFAULT_SIZE  # the most values the engine counts

    def accepts(self, value):
        if self.choices is not None:
            return value in self.choices()
        return re.match(self.pattern, value) is not None

    def label(self, value, lang):
        """The label of ``value`` in ``lang`` where the facet has its own, else the value."""
        labels = self.value_labels(lang) if self.value_labels else {}
        return labels.get(value, value)


def level_key(framework, level):
    """A qualification level as a filter value: "LA-LNQF-3"."""
    return f"{framework}-{level}"


def _level(page):
    return {level_key(page.level.framework, page.level.level)} if page.level else set()


def type_labels(lang):
    with translation.override(lang):
        return {kind.name: str(kind.label) for kind in resource_types()}


def _countries(page):
    return {country.code for country in page.countries.all()} | {page.institution.country.code}


FACETS = (
    Facet(
        name="type",
        field="type",
        legend=_("Resource type"),
        description="Only these resource types.",
        read=lambda page: {page.discovery_type},
        choices=resource_type_names,
        value_labels=type_labels,
    ),
    Facet(
        name="country",
        field="country",
        legend=_("Country"),
        description="Only resources for these countries (ISO 3166-1 codes, e.g. LA, KH).",
        read=_countries,
        pattern=r"^[A-Z]{2}$",
    ),
    Facet(
        name="language",
        # "In Lao" means "has a Lao translation", whichever translation the words matched in
        # (the Lao one is then shown): every document of a resource lists its languages, and
        # the fallback sets a page's ``available_languages`` before reading it.
        field="available_languages",
        legend=_("Language"),
        description="Only resources published in these languages, shown in one of them, "
        "whichever language the words matched in.",
        read=lambda page: set(page.available_languages),
        choices=lambda: LANGUAGE_CODES,
        value_labels=lambda lang: LANGUAGE_NAMES,
    ),
    Facet(
        name="sector",
        field="sector",
        legend=_("Sector"),
        description="Only resources of these sectors (sector codes, e.g. electrical).",
        read=lambda page: {sector.code for sector in page.sectors.all()},
        pattern=r"^[a-z0-9][a-z0-9_-]{0,49}$",
    ),
    Facet(
        name="institution",
        field="institution",
        legend=_("Institution"),
        description="Only resources of these institutions (their slugs).",
        read=lambda page: {page.institution.slug},
        pattern=r"^[a-z0-9][a-z0-9_-]{0,79}$",
    ),
    Facet(
        name="level",
        field="level",
        legend=_("Qualification level"),
        description="Only resources at these qualification levels (e.g. LA-LNQF-3).",
        read=_level,
        pattern=r"^[A-Z]{2}-[A-Z]{2,5}-[1-9]$",
    ),
    Facet(
        name="tag",
        field="tag",
        legend=_("Tag"),
        description="Only resources with these tags.",
        read=lambda page: {item.tag.name for item in page.tagged_items.all()},
        pattern=r"^[^\x00-\x1f<>]{1,100}$",
        size=30,
    ),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}
