"""Show translatable snippets in the visitor's language without a query per object, and link a
view that is not a page to itself in each language."""

from collections import defaultdict

from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from wagtail.models import Locale

from digital_lm.languages import LANGUAGES, bcp47


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


def language_links(request, url_name, not_carried=("page",)):
    """The language switcher of a view that is not a page: this view, with the same query
    (less ``not_carried``), in each language. The header shows them as
    ``search_language_links``."""
    carried = request.GET.copy()
    for name in not_carried:
        carried.pop(name, None)
    query_string = f"?{carried.urlencode()}" if carried else ""
    current = translation.get_language()
    links = []
    for code, name in LANGUAGES:
        with translation.override(code):
            url = reverse(url_name) + query_string
        links.append(
            {
                "code": code,
                "lang": bcp47(code),
                "name": name,
                "url": url,
                "available": True,
                "is_current": code == current,
            }
        )
    return links


class ListsInVisitorsLanguages:
    """A page whose lists choose each resource's translation by the browser's languages
    (Accept-Language) as well as the URL's: a shared cache must keep one copy per header."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        patch_vary_headers(response, ["Accept-Language"])
        return response
