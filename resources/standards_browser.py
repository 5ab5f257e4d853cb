"""The standards browser, /<lang>/standards/: every live vocational standard once, in the
visitor's language where it is translated (else its original, flagged), filtered by sector
and country, with counts. A fixed number of queries, however many standards there are."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from wagtail.models import Page

from resources.listing import load_specific
from resources.localization import attach_language, taxonomy_labels, visible_versions
from resources.models import Country, Sector, VocationalStandardPage

PAGE_SIZE = 20


def memberships(model, ids, relation):
    """{page id: set of codes} of ``relation`` (``sectors`` or ``countries``). One query."""
    result = {pk: set() for pk in ids}
    for pk, code in model.objects.filter(id__in=ids).values_list("id", f"{relation}__code"):
        if code:
            result[pk].add(code)
    return result


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class StandardsBrowser:
    page_obj: object
    standards: list
    sector_facets: list
    country_facets: list
    selected_sectors: list
    selected_countries: list

    @property
    def count(self):
        return self.page_obj.paginator.count

    @property
    def is_filtered(self):
        return bool(self.selected_sectors or self.selected_countries)


def _facet(labels, members, candidates, selected):
    """Facet values with the number of ``candidates`` carrying each code; selected values
    always present (so they can be unchecked), others only with a count."""
    counts = dict.fromkeys(labels, 0)
    for pk in candidates:
        for code in members[pk]:
            counts[code] = counts.get(code, 0) + 1
    values = [
        FacetValue(code, labels.get(code, code), count, code in selected)
        for code, count in counts.items()
        if count or code in selected
    ]
    return sorted(values, key=lambda v: v.label.casefold())


def browse_standards(locale, sectors=(), countries=(), page_number=1, per_page=PAGE_SIZE):
    """The standards browser's page ``page_number``: standards matching any of the
    ``sectors`` and any of the ``countries`` (codes), by title, with facet counts.

    A sector's count is how many standards it would show with the current country filter,
    and a country's with the current sector filter."""
    versions = visible_versions(VocationalStandardPage, locale)
    ids = [v.id for v in versions.values()]
    in_sectors = memberships(VocationalStandardPage, ids, "sectors")
    in_countries = memberships(VocationalStandardPage, ids, "countries")
    sector_labels = taxonomy_labels(Sector, locale)
    country_labels = taxonomy_labels(Country, locale)
    sectors = [code for code in dict.fromkeys(sectors) if code in sector_labels]
    countries = [code for code in dict.fromkeys(countries) if code in country_labels]

    def matches(pk, members, selected):
        return not selected or bool(members[pk] & set(selected))

    by_country = [pk for pk in ids if matches(pk, in_countries, countries)]
    by_sector = [pk for pk in ids if matches(pk, in_sectors, sectors)]
    shown = set(by_country) & set(by_sector)
    ordered = sorted(
        (v for v in versions.values() if v.id in shown),
        key=lambda v: (v.title.casefold(), v.id),
    )
    paginator = Paginator(ordered, per_page)
    page_obj = paginator.get_page(page_number)

    page_versions = list(page_obj.object_list)
    rows = {p.id: p for p in Page.objects.filter(id__in=[v.id for v in page_versions])}
    standards = load_specific([rows[v.id] for v in page_versions if v.id in rows])
    attach_language(standards, locale)

    return StandardsBrowser(
        page_obj=page_obj,
        standards=standards,
        sector_facets=_facet(sector_labels, in_sectors, by_country, sectors),
        country_facets=_facet(country_labels, in_countries, by_sector, countries),
        selected_sectors=sectors,
        selected_countries=countries,
    )
