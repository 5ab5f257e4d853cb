"""Show translatable snippets in the visitor's language without a query per object."""

from collections import defaultdict

from wagtail.models import Locale


def localize_all(objects, locale=None):
    """Map each object to its translation in ``locale`` (the active one by default).

    One query per model, however many objects; an object without a translation stays as it is.
    """
    locale = locale or Locale.get_active()
    by_model = defaultdict(set)
    for obj in objects:
        if obj is not None and obj.locale_id != locale.id:
            by_model[type(obj)].add(obj.translation_key)
    translations = {}
    for model, keys in by_model.items():
        for match in model.objects.filter(locale=locale, translation_key__in=keys):
            translations[(model, match.translation_key)] = match
    return {
        obj: translations.get((type(obj), obj.translation_key), obj)
        for obj in objects
        if obj is not None
    }
