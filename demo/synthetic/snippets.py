"""The snippets the synthetic resources point at: the demo's countries, sectors, levels and
institutions, plus the benchmark's own member institutions (created once, as an
administrator would add them), and the tags."""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Locale

from demo import data as demo_data
from demo.sync import Tally
from demo.taxonomy import upsert_translated
from digital_lm.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from resources.models import Country, Institution, QualificationLevel, Sector

from . import vocabulary as words


@dataclass
class InstitutionInfo:
    slug: str
    country: str
    kind: str
    sectors: list
    names: dict  # language -> display name (falls back to English)
    rows: dict  # language -> Institution row (the zh-hans row where there is no translation)
    weight: float = 1.0

    def name(self, lang):
        return self.names.get(lang) or self.names["en"]


@dataclass
class Snippets:
    locales: dict  # language -> Locale
    countries: dict  # code -> {language: Country}
    sectors: dict  # code -> {language: Sector}
    sector_names: dict  # code -> {language: name}
    levels: dict  # (framework, level) -> {language: QualificationLevel}
    institutions: list  # of InstitutionInfo


def _by_language(queryset, key):
    result = defaultdict(dict)
    for obj in queryset.select_related("locale"):
        result[key(obj)][obj.locale.language_code] = obj
    return result


def ensure_snippets():
    """The demo's snippets plus the benchmark's extra member institutions (idempotent)."""
    locales = {code: Locale.objects.get(language_code=code) for code in LANGUAGE_CODES}
    countries = _by_language(Country.objects.all(), lambda c: c.code)
    tally = Tally()
    for slug, kind, country, _sectors, names in words.INSTITUTIONS:
        upsert_translated(
            Institution,
            {"slug": slug},
            {
                lang: {
                    "name": name,
                    "kind": kind,
                    "country": countries[country][lang],
                    "website": "",
                    "description": "",
                }
                for lang, name in names.items()
            },
            locales,
            tally,
        )

    rows = _by_language(Institution.objects.all(), lambda i: i.slug)
    infos = []
    demo_sectors = defaultdict(list)
    for programme in demo_data.PROGRAMMES:
        demo_sectors[programme["institution"]] += programme["sectors"]
    for item in demo_data.INSTITUTIONS:
        infos.append(
            InstitutionInfo(
                slug=item["slug"],
                country=item["country"],
                kind=item["kind"],
                sectors=sorted(set(demo_sectors[item["slug"]])),
                names=dict(item["name"]),
                rows=rows[item["slug"]],
            )
        )
    for slug, kind, country, sectors, names in words.INSTITUTIONS:
        infos.append(InstitutionInfo(slug, country, kind, sectors, dict(names), rows[slug]))
    for info in infos:
        info.weight = 0.5 if info.kind == "company" else 1.0
        source = info.rows[DEFAULT_LANGUAGE]
        info.rows = {lang: info.rows.get(lang, source) for lang in LANGUAGE_CODES}

    levels = defaultdict(dict)
    for level in QualificationLevel.objects.select_related("locale"):
        levels[(level.framework, level.level)][level.locale.language_code] = level
    return Snippets(
        locales=locales,
        countries=countries,
        sectors=_by_language(Sector.objects.all(), lambda s: s.code),
        sector_names=dict(demo_data.SECTORS),
        levels=levels,
        institutions=infos,
    )


def ensure_tags(names):
    """Tag rows for these names; returns {name: id}."""
    existing = dict(Tag.objects.filter(name__in=names).values_list("name", "id"))
    missing = [n for n in names if n not in existing]
    Tag.objects.bulk_create([Tag(name=n, slug=slugify(n)) for n in missing], ignore_conflicts=True)
    return dict(Tag.objects.filter(name__in=names).values_list("name", "id"))
