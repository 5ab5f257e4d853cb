"""The repository's sets, named in English: the resource types, the institutions, the
countries and the languages, each under the top of its hierarchy (``type``, ...)."""

from django.utils import translation
from django.utils.translation import get_language_info

from digital_lm.languages import LANGUAGE_CODES
from resources.localization import in_language
from resources.models import Country, Institution
from resources.models.base import resource_types

HIERARCHIES = {
    "type": "Resource types",
    "institution": "Institutions",
    "country": "Countries",
    "language": "Languages",
}


def all_sets():
    """[(setSpec, setName)] of every set, each hierarchy's top before its members."""
    members = {
        "type": _types(),
        "institution": _named_in_english(Institution, "slug"),
        "country": _named_in_english(Country, "code"),
        "language": [(code, get_language_info(code)["name"]) for code in LANGUAGE_CODES],
    }
    sets = []
    for kind, name in HIERARCHIES.items():
        sets.append((kind, name))
        sets += [(f"{kind}:{code}", label) for code, label in members[kind]]
    return sets


def _types():
    with translation.override("en"):
        return [(kind.name, str(kind.plural_label)) for kind in resource_types()]


def _named_in_english(model, code_field):
    """[(code, name in English, else in its original language)], by code. One query."""
    rows = model.objects.order_by("id").values_list(code_field, "name", "locale__language_code")
    return sorted(in_language(rows, "en").items())
