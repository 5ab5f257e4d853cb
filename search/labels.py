"""Display labels of facet values and result fields, in the visitor's language.

The index stores stable codes (ISO country codes, sector codes, institution slugs, level keys);
names come from the snippets of the visitor's locale, falling back to any translation."""

from django.utils import translation

from digital_lm.languages import LANGUAGES
from resources.models import Country, Institution, QualificationLevel, Sector
from search.documents import model_by_type

LANGUAGE_NAMES = dict(LANGUAGES)


def _names(model, key_field, values, lang):
    if not values:
        return {}
    names = {}
    rows = model.objects.filter(**{f"{key_field}__in": values}).values_list(
        key_field, "name", "locale__language_code"
    )
    for key, name, language in rows:
        # The visitor's locale wins; otherwise the first translation found.
        if language == lang or key not in names:
            names[key] = name
    return names


def _level_names(values, lang):
    wanted = {}
    for value in values:
        framework, _sep, level = value.rpartition("-")
        if level.isdigit():
            wanted[(framework, int(level))] = value
    if not wanted:
        return {}
    names = {}
    rows = QualificationLevel.objects.filter(
        framework__in={f for f, _l in wanted}, level__in={lv for _f, lv in wanted}
    ).values_list("framework", "level", "name", "locale__language_code")
    for framework, level, name, language in rows:
        value = wanted.get((framework, level))
        if value and (language == lang or value not in names):
            names[value] = name
    return names


def type_labels(lang):
    with translation.override(lang):
        return {
            name: str(model._meta.verbose_name).capitalize()
            for name, model in model_by_type().items()
        }


def labels(values_by_facet, lang):
    """{facet: {value: label}} for the values given per facet (one query per taxonomy)."""
    get = values_by_facet.get
    return {
        "type": type_labels(lang),
        "language": LANGUAGE_NAMES,
        "country": _names(Country, "code", get("country", ()), lang),
        "sector": _names(Sector, "code", get("sector", ()), lang),
        "institution": _names(Institution, "slug", get("institution", ()), lang),
        "level": _level_names(get("level", ()), lang),
        "tag": {},
    }
