"""Display labels of facet values and result fields, in the visitor's language.

The index stores stable codes (ISO country codes, sector codes, institution slugs, level keys);
names come from the snippets of the visitor's locale, else their first translation found
(``resources.localization.in_language``)."""

from django.core.cache import cache

from digital_lm.languages import LANGUAGE_CODES
from discovery.facets import FACETS, level_key
from resources.localization import in_language
from resources.models import Country, Institution, QualificationLevel, Sector

CACHE_SECONDS = 300
# Facets whose values are a taxonomy's codes -> (its snippet, the code's field); the level
# facet's values are framework-level keys.
TAXONOMIES = {
    "country": (Country, "code"),
    "sector": (Sector, "code"),
    "institution": (Institution, "slug"),
}


def _cache_key(lang):
    return f"discovery-labels:{lang}"


def _all_names(lang):
    """Every taxonomy value's name in ``lang`` (else its first translation), cached: the
    taxonomies are small and every search needs them."""
    names = cache.get(_cache_key(lang))
    if names is not None:
        return names
    names = {}
    for facet, (model, key_field) in TAXONOMIES.items():
        rows = model.objects.values_list(key_field, "name", "locale__language_code")
        names[facet] = in_language(rows, lang)
    rows = QualificationLevel.objects.values_list(
        "framework", "level", "name", "locale__language_code"
    )
    names["level"] = in_language(((level_key(f, lv), n, la) for f, lv, n, la in rows), lang)
    cache.set(_cache_key(lang), names, CACHE_SECONDS)
    return names


def forget_names():
    """A taxonomy changed: labels are read afresh."""
    cache.delete_many([_cache_key(code) for code in LANGUAGE_CODES])


def labels(lang):
    """{facet: {value: label}} in ``lang``: the facet's own labels (types, languages), else its
    taxonomy's names (values without a name show as themselves)."""
    names = _all_names(lang)
    return {
        facet.name: facet.value_labels(lang) if facet.value_labels else names.get(facet.name, {})
        for facet in FACETS
    }
