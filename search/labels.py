"""Display labels of facet values and result fields, in the visitor's language.

The index stores stable codes (ISO country codes, sector codes, institution slugs, level keys);
names come from the snippets of the visitor's locale, falling back to any translation."""

from django.core.cache import cache
from django.utils import translation

from digital_lm.languages import LANGUAGES
from resources.models import Country, Institution, QualificationLevel, Sector
from search.documents import model_by_type

LANGUAGE_NAMES = dict(LANGUAGES)


CACHE_SECONDS = 300
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
        names[facet] = _prefer(lang, rows)
    rows = QualificationLevel.objects.values_list(
        "framework", "level", "name", "locale__language_code"
    )
    names["level"] = _prefer(lang, ((f"{f}-{lv}", n, la) for f, lv, n, la in rows))
    cache.set(_cache_key(lang), names, CACHE_SECONDS)
    return names


def _prefer(lang, rows):
    names = {}
    for key, name, language in rows:
        # The visitor's locale wins; otherwise the first translation found.
        if language == lang or key not in names:
            names[key] = name
    return names


def forget_names():
    """A taxonomy changed: labels are read afresh."""
    cache.delete_many([_cache_key(code) for code, _name in LANGUAGES])


def type_labels(lang):
    with translation.override(lang):
        return {
            name: str(model._meta.verbose_name).capitalize()
            for name, model in model_by_type().items()
        }


def labels(lang):
    """{facet: {value: label}} in ``lang`` (values without a name show as themselves)."""
    return {"type": type_labels(lang), "language": LANGUAGE_NAMES, "tag": {}, **_all_names(lang)}
