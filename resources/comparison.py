"""Comparing two to four certifications, or two to four vocational standards, side by side.

Items are named by their external IDs, which every translation shares, so one comparison URL
works in every language: each item is shown in the visitor's language where it has a live
translation, else in its original language (and the page says so). Only live, public pages
are ever compared. The number of queries does not depend on the number of items.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.models import Locale, Page

from digital_lm.languages import in_alliance_order, language_name
from resources.localization import (
    attach_language,
    choose,
    localize_all,
    taxonomy_labels,
    visible_versions,
)
from resources.models import (
    CertificationPage,
    CertificationStandard,
    Sector,
    VocationalStandardPage,
)
from resources.models.base import ResourceType

MIN_ITEMS = 2
MAX_ITEMS = 4
# The two kinds of things that can be compared, by their public names (a kind is a resource
# type: its name and label come from its model).
KINDS = {kind.name: kind for kind in map(ResourceType, (CertificationPage, VocationalStandardPage))}
CERTIFICATION = CertificationPage.discovery_type
EXTERNAL_ID_MAX_LENGTH = 64


class ComparisonError(ValueError):
    """Why the requested items cannot be compared, in words for the visitor."""

    def __init__(self, message, unknown=()):
        super().__init__(message)
        self.message = message
        self.unknown = list(unknown)


def parse_external_ids(values):
    """External IDs from the query string, in order, without blanks or repeats."""
    ids = (value.strip() for value in values)
    return list(dict.fromkeys(value for value in ids if value))


def check_count(external_ids):
    if len(external_ids) < MIN_ITEMS:
        raise ComparisonError(_("Choose at least two certifications or two standards to compare."))
    if len(external_ids) > MAX_ITEMS:
        raise ComparisonError(
            ngettext(
                "You chose %(count)d item; at most %(max)d can be compared at once.",
                "You chose %(count)d items; at most %(max)d can be compared at once.",
                len(external_ids),
            )
            % {"count": len(external_ids), "max": MAX_ITEMS}
        )


@dataclass
class ComparedItem:
    """One compared resource in the language it is shown in, with everything a row shows."""

    page: object
    kind: str
    is_fallback: bool
    institution: object = None
    institution_country: object = None
    level: object = None
    sectors: list = field(default_factory=list)
    countries: list = field(default_factory=list)
    recognised_in: list = field(default_factory=list)
    languages: list = field(default_factory=list)
    # Certifications: [{"page": standard, "competencies": [...]}]; standards: their own units.
    standards: list = field(default_factory=list)
    competencies: list = field(default_factory=list)


@dataclass
class Comparison:
    kind: str
    items: list

    @property
    def kind_label(self):
        return KINDS[self.kind].plural_label


def resolve(external_ids, locale):
    """(kind, [Version]) for ``external_ids``, or ComparisonError naming the unknown ones
    (unknown, unpublished and private resources look the same to a visitor)."""
    found = {}
    for kind, resource_type in KINDS.items():
        versions = visible_versions(resource_type.model, locale, external_id__in=external_ids)
        for version in versions.values():
            found[version.external_id] = (kind, version)
    unknown = [external_id for external_id in external_ids if external_id not in found]
    if unknown:
        raise ComparisonError(
            ngettext(
                "No published certification or standard has the identifier %(ids)s.",
                "No published certifications or standards have the identifiers %(ids)s.",
                len(unknown),
            )
            % {"ids": ", ".join(unknown)},
            unknown=unknown,
        )
    kinds = {found[external_id][0] for external_id in external_ids}
    if len(kinds) > 1:
        raise ComparisonError(
            _(
                "Compare certifications with certifications, or standards with standards: "
                "a comparison cannot mix the two."
            )
        )
    return kinds.pop(), [found[external_id][1] for external_id in external_ids]


def build_comparison(external_ids, locale):
    """The comparison of ``external_ids`` (already checked with check_count) in ``locale``."""
    kind, versions = resolve(external_ids, locale)
    model = KINDS[kind].model
    related = ["sectors", "countries"]
    if kind == CERTIFICATION:
        related += [
            "recognised_in",
            Prefetch(
                "standard_links",
                CertificationStandard.objects.select_related(
                    "standard", "standard__locale"
                ).order_by("sort_order"),
            ),
        ]
    pages = {
        page.id: page
        for page in model.objects.filter(id__in=[v.id for v in versions])
        .select_related("institution", "institution__country", "level")
        .prefetch_related(*related)
    }
    ordered = [pages[v.id] for v in versions if v.id in pages]
    attach_language(ordered, locale)
    items = [ComparedItem(page=page, kind=kind, is_fallback=page.is_fallback) for page in ordered]
    _attach_snippets(items)
    _attach_languages(items)
    if kind == CERTIFICATION:
        _attach_assessed_standards(items, locale)
    else:
        for item in items:
            item.competencies = [unit.value for unit in item.page.competencies]
    return Comparison(kind=kind, items=items)


def _attach_snippets(items):
    """Institutions, levels, sectors and countries in the active language (a query per
    snippet model)."""
    snippets = []
    for item in items:
        page = item.page
        snippets += [page.institution, page.institution.country, page.level]
        snippets += [*page.sectors.all(), *page.countries.all()]
        if item.kind == CERTIFICATION:
            snippets += list(page.recognised_in.all())
    local = localize_all(snippets)
    for item in items:
        page = item.page
        item.institution = local.get(page.institution)
        item.institution_country = local.get(page.institution.country)
        item.level = local.get(page.level)
        item.sectors = [local[s] for s in page.sectors.all()]
        item.countries = [local[c] for c in page.countries.all()]
        if item.kind == CERTIFICATION:
            item.recognised_in = [local[c] for c in page.recognised_in.all()]


def _attach_languages(items):
    """The languages each item can be read in (its live, public translations)."""
    keys = [item.page.translation_key for item in items]
    available = defaultdict(set)
    for key, code in (
        Page.objects.filter(translation_key__in=keys)
        .live()
        .public()
        .values_list("translation_key", "locale__language_code")
    ):
        available[key].add(code)
    for item in items:
        codes = in_alliance_order(available[item.page.translation_key])
        item.languages = [{"code": code, "name": language_name(code)} for code in codes]


def _attach_assessed_standards(items, locale):
    """The live, public standards each certification assesses, in ``locale`` where
    translated, with their units of competency."""
    links = {
        item.page.id: [row.standard for row in item.page.standard_links.all()] for item in items
    }
    keys = {standard.translation_key for standards in links.values() for standard in standards}
    versions = defaultdict(dict)
    for standard in (
        VocationalStandardPage.objects.live()
        .public()
        .filter(translation_key__in=keys)
        .select_related("locale")
        .order_by("id")
    ):
        versions[standard.translation_key].setdefault(standard.locale.language_code, standard)
    shown = []
    for item in items:
        seen = set()
        for linked in links[item.page.id]:
            choices = versions.get(linked.translation_key)
            if not choices or linked.translation_key in seen:
                continue
            seen.add(linked.translation_key)
            # The visitor's language, else the translation the certification links to, else
            # the standard's original (the first live one).
            standard = choose(
                choices,
                locale.language_code,
                preferred=(linked.locale.language_code,),
                original=next(iter(choices)),
            )
            shown.append(standard)
            item.standards.append(
                {"page": standard, "competencies": [unit.value for unit in standard.competencies]}
            )
    attach_language(shown, locale)


@dataclass
class ChoiceGroup:
    label: str
    choices: list


def choices(locale, selected=()):
    """What the comparison form lists: for each kind, the live resources in ``locale`` (or
    their original), grouped by sector (a resource under its first sector by name)."""
    sector_labels = taxonomy_labels(Sector, locale)
    language_codes = dict(Locale.objects.values_list("id", "language_code"))
    selected = set(selected)
    result = []
    for kind, resource_type in KINDS.items():
        model = resource_type.model
        versions = visible_versions(model, locale)
        ids = [v.id for v in versions.values()]
        sectors = defaultdict(set)
        for pk, code in model.objects.filter(id__in=ids).values_list("id", "sectors__code"):
            if code:
                sectors[pk].add(code)
        groups = defaultdict(list)
        for version in versions.values():
            labels = sorted(
                (sector_labels.get(code, code) for code in sectors[version.id]), key=str.casefold
            )
            groups[labels[0] if labels else ""].append(
                {
                    "version": version,
                    "checked": version.external_id in selected,
                    "language_code": language_codes.get(version.locale_id, ""),
                }
            )
        ordered = []
        for label in sorted(groups, key=lambda name: (name == "", name.casefold())):
            entries = sorted(groups[label], key=lambda e: e["version"].title.casefold())
            ordered.append(ChoiceGroup(label=label or _("No sector given"), choices=entries))
        result.append({"kind": kind, "label": resource_type.plural_label, "groups": ordered})
    return result
