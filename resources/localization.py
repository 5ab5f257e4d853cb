"""Which version of a thing a visitor is shown, decided in one place: the one in the visitor's
language where it exists, else, for pages and taxonomy labels (``choose``), the next language
of ``digital_lm.languages.fallback_order`` that has one (the visitor's other languages, the
original's, English, Chinese...); a translatable snippet falls back to the version linked
(``localize_all``). A fixed number of queries, however many things are shown. Also: link a
view that is not a page to itself in each language."""

from collections import defaultdict
from dataclasses import dataclass

from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from wagtail.models import Page

from digital_lm.languages import LANGUAGES, bcp47, display_language, in_alliance_order
from resources.caching import active_locale, cached, locales, public, translations_in


def choose(versions, visitor, preferred=(), original=None):
    """Of ``versions`` ({language code: a version of one thing}), the one to show a visitor
    reading ``visitor`` (then ``preferred``): theirs where it exists, else the first of the
    fallback order that exists, the ``original``'s before the working languages."""
    return versions[display_language(versions, visitor, preferred, original) or original]


def shown_translation(translations, visitor, preferred=()):
    """Of one page's translations (by id: the original first), the one to show a visitor,
    with its ``shown_language`` and the ``available_languages``."""
    by_language = {page.locale.language_code: page for page in translations}
    original = translations[0].locale.language_code
    page = choose(by_language, visitor, preferred, original)
    page.shown_language = page.locale.language_code
    page.available_languages = in_alliance_order(by_language)
    return page


def one_per_translation(pages, visitor, preferred=()):
    """Of ``pages`` (ordered by id) holding several translations of the same pages, the one
    to show of each, in the order their first translation came."""
    groups = {}
    for page in pages:
        groups.setdefault(page.translation_key, []).append(page)
    return [shown_translation(group, visitor, preferred) for group in groups.values()]


def in_language(rows, language):
    """{key: value} from ``rows`` of (key, value, language code), the first row of each key
    being its original: each key's value in ``language``, else its original's. Taxonomy
    labels (sectors, countries...) are named this way."""
    versions, originals = defaultdict(dict), {}
    for key, value, code in rows:
        versions[key].setdefault(code, value)
        originals.setdefault(key, code)
    return {
        key: choose(values, language, original=originals[key]) for key, values in versions.items()
    }


def taxonomy_labels(model, locale):
    """{code: name} of a translatable taxonomy (sectors, countries) in ``locale``, falling
    back to the first translation made where one is missing. Kept for the generation."""

    def compute():
        rows = model.objects.order_by("id").values_list("code", "name", "locale__language_code")
        return in_language(rows, locale.language_code)

    return cached("labels", compute, model._meta.label_lower, locale.language_code)


@dataclass(frozen=True)
class Version:
    """The one version of a resource a visitor is shown."""

    id: int
    translation_key: object
    locale_id: int
    title: str
    external_id: str
    is_fallback: bool


def visible_versions(model, locale, **filters):
    """{translation_key: Version}: one live, public version per resource of ``model``, the
    one in ``locale`` where it exists, else the original (the first version created).

    One query (the private sections are kept, resources.caching)."""
    rows = (
        public(model.objects.live())
        .filter(**filters)
        .order_by("id")
        .values_list(
            "id", "translation_key", "locale_id", "title", "external_id", "locale__language_code"
        )
    )
    versions, originals = defaultdict(dict), {}
    for pk, key, locale_id, title, external_id, code in rows:
        version = Version(pk, key, locale_id, title, external_id, locale_id != locale.id)
        versions[key].setdefault(code, version)
        originals.setdefault(key, code)
    return {
        key: choose(by_language, locale.language_code, original=originals[key])
        for key, by_language in versions.items()
    }


def attach_language(pages, locale):
    """Set ``language_code`` and ``is_fallback`` (not in ``locale``) on each page, with one
    query for all locales."""
    codes = {locale.id: code for code, locale in locales().items()}
    for page in pages:
        page.language_code = codes.get(page.locale_id, "")
        page.is_fallback = page.locale_id != locale.id


def localize_all(objects, locale=None):
    """Map each object to its translation in ``locale`` (the active one by default).

    One query per model, however many objects; an object without a translation stays as it is.
    """
    locale = locale or active_locale()
    by_model = defaultdict(set)
    for obj in objects:
        if obj is not None and obj.locale_id != locale.id:
            by_model[type(obj)].add(obj.translation_key)
    translations = {}
    for model, keys in by_model.items():
        if issubclass(model, Page):
            matches = model.objects.filter(locale=locale, translation_key__in=keys)
        else:  # a taxonomy: the same for every visitor, kept between requests
            in_locale = translations_in(model, locale)
            matches = [in_locale[key] for key in keys if key in in_locale]
        for match in matches:
            translations[(model, match.translation_key)] = match
    return {
        obj: translations.get((type(obj), obj.translation_key), obj)
        for obj in objects
        if obj is not None
    }


def localized_list(objects, locale=None):
    """``objects`` (None left out) in ``locale`` (the active one by default), in order, one
    query per model."""
    objects = list(objects)
    local = localize_all(objects, locale)
    return [local[obj] for obj in objects if obj is not None]


def language_links(request, url_name, not_carried=("page",), args=()):
    """The language switcher of a view that is not a page: this view (with its ``args``), with
    the same query (less ``not_carried``), in each language. The header shows them as
    ``search_language_links``."""
    carried = request.GET.copy()
    for name in not_carried:
        carried.pop(name, None)
    query_string = f"?{carried.urlencode()}" if carried else ""
    current = translation.get_language()
    links = []
    for code, name in LANGUAGES:
        with translation.override(code):
            url = reverse(url_name, args=args) + query_string
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
