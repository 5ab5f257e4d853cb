"""What an institution's section lists of the resources harvested from its own repository."""

from django.db.models import Max

from digital_lm.languages import LANGUAGE_CODES, display_language
from harvesting.models import ExternalResource

# The newest few: the search lists them all (its institution filter).
LIMIT = 6


def held_elsewhere(institution, visitor, limit=LIMIT):
    """(the newest harvested resources of ``institution``, each record in the ``visitor``'s
    language where there is one, else the fallback order's; how many resources in all), in
    three queries."""
    records = ExternalResource.objects.filter(
        source__institution__translation_key=institution.translation_key,
        language__in=LANGUAGE_CODES,
    )
    resources = records.values("translation_key").annotate(newest=Max("datestamp"))
    keys = [row["translation_key"] for row in resources.order_by("-newest")[:limit]]
    translations = {}
    for record in records.filter(translation_key__in=keys).select_related("source").order_by("pk"):
        translations.setdefault(record.translation_key, {}).setdefault(record.language, record)
    shown = []
    for key in keys:
        by_language = translations[key]
        original = next(iter(by_language))
        shown.append(by_language[display_language(by_language, visitor, original=original)])
    return shown, resources.count()
