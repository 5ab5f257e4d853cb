"""Index documents built from PostgreSQL: one per live, public page translation, and, for
teaching materials, one per public file with its pages' text (discovery.file_documents).

The unit of work is the resource (its translation key): all its translations are rebuilt
together, because each document lists the languages the resource is available in.
Lists are built per model with a fixed number of queries per chunk, whatever its size: the
pages, then their countries, sectors and tags as plain values (ids and names, no model
instances); the small tables they name (locales, institutions, levels, sectors, countries)
are read once per build. StreamFields' text is read from their stored JSON
(discovery.stream_text).
"""

import functools

from django.core.exceptions import FieldDoesNotExist
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail.search import index as wagtail_index

from digital_lm.languages import LANGUAGE_CODES, display_language, in_alliance_order
from discovery.external_documents import (
    count_external_documents,
    external_documents_for_keys,
    iter_external_documents,
)
from discovery.file_documents import (
    count_files,
    is_material_model,
    iter_file_documents,
)
from discovery.mapping import KIND_PAGE, document_id, language_field, resource_number
from discovery.normalize import normalize_text, search_text, sort_key
from discovery.stream_text import stream_field_content
from resources.models import Country, Institution, QualificationLevel, Sector
from resources.models.base import resource_page_models

# Title and summary have their own fields; related names have theirs (institution_name...).
_OWN_FIELDS = {"title", "summary"}


def public_pages(model):
    """Pages of ``model`` that anyone may see: live, without view restrictions, in a language
    of the site. Drafts never reach the index: a live page's row holds its published content."""
    return (
        model.objects.live()
        .public()
        .filter(locale__language_code__in=LANGUAGE_CODES)
        .select_related("locale", "institution", "institution__country", "level")
    )


def _document_pages(model):
    """``public_pages`` without the joins: what the documents need of the locale, institution
    and level comes from ``_Related``."""
    return public_pages(model).select_related(None)


class _Related:
    """The small tables every document names, read once per build as plain values: locales,
    institutions (slug, name as searched, country), qualification levels, sectors (code, name
    as searched, their order) and countries. Also the cache of the sites' root paths.
    A row added since they were read (a page naming a new institution) reads them again."""

    def __init__(self):
        self.url_cache = _UrlCache()
        self._load()

    def get(self, table, pk):
        """The row ``pk`` of ``table`` ("institutions", "levels"...); None for a null key."""
        if pk is None:
            return None
        rows = getattr(self, table)
        if pk not in rows:
            self._load()
            rows = getattr(self, table)
        return rows[pk]

    def _load(self):
        self.languages = dict(Locale.objects.values_list("pk", "language_code"))
        self.institutions = {
            pk: (slug, search_text(name), country)
            for pk, slug, name, country in Institution.objects.values_list(
                "pk", "slug", "name", "country__code"
            )
        }
        self.levels = {
            pk: (f"{framework}-{level}", aqrf_level)
            for pk, framework, level, aqrf_level in QualificationLevel.objects.values_list(
                "pk", "framework", "level", "aqrf_level"
            )
        }
        # A page's sectors in the order a query of them gives (the model's ordering).
        ordering = [*(Sector._meta.ordering or []), "pk"]
        self.sectors = {
            pk: (code, search_text(name), rank)
            for rank, (pk, code, name) in enumerate(
                Sector.objects.order_by(*ordering).values_list("pk", "code", "name")
            )
        }
        self.countries = dict(Country.objects.values_list("pk", "code"))


def _m2m_pairs(model, name, page_ids):
    """(page id, related id) of a many-to-many field of ``model`` for these pages."""
    field = model._meta.get_field(name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    rows = through.objects.filter(**{f"{source}__in": page_ids})
    return rows.values_list(f"{source}_id", f"{target}_id")


class _PageRelations:
    """The countries, sectors and tags of a chunk of pages, one query each, as values."""

    def __init__(self, model, page_ids, related):
        self.related = related
        self.countries, self.sectors, self.tags = {}, {}, {}
        for page_id, country_id in _m2m_pairs(model, "countries", page_ids):
            self.countries.setdefault(page_id, set()).add(related.get("countries", country_id))
        for page_id, sector_id in _m2m_pairs(model, "sectors", page_ids):
            self.sectors.setdefault(page_id, []).append(related.get("sectors", sector_id))
        for found in self.sectors.values():
            found.sort(key=lambda sector: sector[2])
        tagged = model.tags.through.objects.filter(content_object_id__in=page_ids)
        for page_id, name in tagged.values_list("content_object_id", "tag__name"):
            self.tags.setdefault(page_id, set()).add(name)


@functools.cache
def _body_fields(model):
    """(search field, its StreamField or None) of every other searchable field ``model``
    declares in ``search_fields`` (its description, modules, competencies, code...)."""
    fields = []
    for field in model.search_fields:
        if isinstance(field, wagtail_index.SearchField) and field.field_name not in _OWN_FIELDS:
            try:
                model_field = field.get_field(model)
            except FieldDoesNotExist:
                model_field = None
            fields.append((field, model_field if isinstance(model_field, StreamField) else None))
    return tuple(fields)


def _body_text(page):
    """Every other searchable field the model declares in ``search_fields`` (its description,
    modules, competencies, code...), as plain text."""
    parts = []
    for field, stream_field in _body_fields(type(page)):
        if stream_field is not None:
            value = stream_field_content(stream_field, stream_field.value_from_object(page))
        else:
            value = field.get_value(page)
        if isinstance(value, (list, tuple)):
            parts.extend(str(v) for v in value if v)
        elif value:
            parts.append(str(value))
    return "\n".join(parts)


class Translations:
    """The live, public translations of some resources: their languages, titles and original."""

    def __init__(self, model, keys):
        self.titles = {}
        self.first_page = {}  # translation key -> (lowest page id, its language)
        rows = (
            model.objects.live()
            .public()
            .filter(translation_key__in=keys, locale__language_code__in=LANGUAGE_CODES)
            .values_list("translation_key", "locale__language_code", "title", "pk")
        )
        for key, language, title, pk in rows:
            self.titles.setdefault(key, {})[language] = normalize_text(title)
            if key not in self.first_page or pk < self.first_page[key][0]:
                self.first_page[key] = (pk, language)

    def languages(self, key):
        return in_alliance_order(self.titles.get(key, {}))

    def original(self, key):
        """The language the resource was first written in: its earliest live translation."""
        return self.first_page.get(key, (None, None))[1]

    def title_sort_keys(self, key):
        """Per visitor language, the sort key of the title that visitor sees (the same
        fallback order as the results show)."""
        titles = self.titles.get(key, {})
        if not titles:
            return {}
        original = self.original(key)
        return {
            language_field("title_sort", language): sort_key(
                titles[display_language(titles, language, original=original)]
            )
            for language in LANGUAGE_CODES
        }


class _UrlCache:
    """Lets Wagtail cache the site root paths across a whole chunk of pages."""

    def __init__(self):
        from wagtail.models import Site

        default = Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()
        self.default_site_id = default


def _url(page, url_cache):
    """Relative URL on the default site, absolute on any other; None outside every site."""
    parts = page.get_url_parts(request=url_cache)
    if parts is None:
        return None
    site_id, root_url, page_path = parts
    return page_path if site_id == url_cache.default_site_id else root_url + page_path


def to_document(page, translations, relations=None):
    """The index document (id, source) of one live page translation, or None without a URL.

    One translation of each resource, the first in the alliance's language order, is its
    *primary* document: it also carries what the resource is as a whole (the languages it is
    in, per-language title sort keys), so lists without search words, and their facet counts,
    read one document per resource with no collapsing or distinct counting.
    ``relations``: the ``_PageRelations`` of a chunk of pages with this one."""
    if relations is None:
        relations = _PageRelations(type(page), [page.pk], _Related())
    related = relations.related
    url = _url(page, related.url_cache)
    if url is None:
        return None
    language = related.get("languages", page.locale_id)
    title = normalize_text(page.title)
    summary = normalize_text(page.summary)
    institution = related.get("institutions", page.institution_id)
    level = related.get("levels", page.level_id)
    countries = set(relations.countries.get(page.pk, ()))
    if institution is not None:
        countries.add(institution[2])
    sectors = relations.sectors.get(page.pk, [])
    tags = sorted(relations.tags.get(page.pk, ()))
    title_text = search_text(title)
    available_languages = translations.languages(page.translation_key) or [language]
    primary = available_languages[0] == language
    source = {
        "kind": KIND_PAGE,
        "translation_key": str(page.translation_key),
        "resource_number": resource_number(page.translation_key),
        "external_id": page.external_id,
        "type": page.discovery_type,
        "language": language,
        "available_languages": available_languages,
        "original_language": translations.original(page.translation_key) or language,
        "primary": primary,
        "page_id": page.pk,
        "url": url,
        "title": title,
        "summary": summary,
        "title_sort": sort_key(title),
        "title_suggest": title_text,
        language_field("title", language): title_text,
        language_field("summary", language): search_text(summary),
        language_field("body", language): search_text(_body_text(page)),
        "institution": institution[0] if institution else None,
        "institution_name": institution[1] if institution else "",
        "country": sorted(countries),
        "sector": sorted(code for code, _name, _rank in sectors),
        "sector_names": " · ".join(name for _code, name, _rank in sectors),
        "level": level[0] if level else None,
        "aqrf_level": level[1] if level else None,
        "tag": tags,
        "tag_text": search_text(" · ".join(tags)),
        "code": getattr(page, "code", None) or None,
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
    }
    if primary:
        source.update(translations.title_sort_keys(page.translation_key))
    return document_id(page.translation_key, language), source


def _documents_of(model, pages, related):
    """(id, source) of these pages' documents, then of their resources' files' text (for the
    resources whose primary translation is among ``pages``, so each is written once)."""
    translations = Translations(model, {p.translation_key for p in pages})
    relations = _PageRelations(model, [p.pk for p in pages], related)
    primary_sources = {}
    for page in pages:
        document = to_document(page, translations, relations)
        if document is not None:
            if document[1]["primary"]:
                primary_sources[document[1]["translation_key"]] = document[1]
            yield document
    if is_material_model(model):
        yield from iter_file_documents(primary_sources, public_pages(model))


def documents_for_keys(translation_keys):
    """{document id: source} of every live, public translation of these resources, of their
    files' text, and of the harvested records among them."""
    keys = list(translation_keys)
    documents = {}
    if not keys:
        return documents
    related = _Related()
    for model in resource_page_models():
        pages = list(_document_pages(model).filter(translation_key__in=keys))
        if pages:
            documents.update(_documents_of(model, pages, related))
    documents.update(external_documents_for_keys(keys))
    return documents


def all_document_ids(translation_key):
    """Every id a document of this resource could have: one per language."""
    return [document_id(translation_key, language) for language in LANGUAGE_CODES]


def count_public_pages():
    return sum(public_pages(model).count() for model in resource_page_models())


def count_public_documents():
    """About how many documents a rebuild writes: the pages, their files, harvested records."""
    return count_external_documents() + sum(
        public_pages(model).count()
        + (count_files(public_pages(model)) if is_material_model(model) else 0)
        for model in resource_page_models()
    )


def iter_all_documents(chunk_size=1000):
    """(id, source) for every live, public resource translation and every one of its files'
    text, streamed in chunks of pages (keyset pagination) whose files are streamed in turn,
    then every harvested record: memory stays flat whatever the size of the repository."""
    related = _Related()
    for model in resource_page_models():
        yield from _chunked_documents(model, _document_pages(model), chunk_size, related)
    yield from iter_external_documents(chunk_size)


def public_page_ids(model):
    """Ids of ``model``'s public pages, in order: a parallel rebuild splits them in ranges."""
    return list(public_pages(model).order_by("pk").values_list("pk", flat=True))


def documents_in_range(model, first, last, chunk_size=1000):
    """(id, source) of the documents of ``model``'s public pages with ids from ``first`` to
    ``last``, and of the files of the resources whose primary translation is among them."""
    pages = _document_pages(model).filter(pk__gte=first, pk__lte=last)
    yield from _chunked_documents(model, pages, chunk_size, _Related())


def _chunked_documents(model, pages, chunk_size, related):
    last_pk = 0
    while True:
        chunk = list(pages.filter(pk__gt=last_pk).order_by("pk")[:chunk_size])
        if not chunk:
            break
        last_pk = chunk[-1].pk
        yield from _documents_of(model, chunk, related)


def resource_keys_under(page):
    """Translation keys of the resources at or below ``page`` (a move, a privacy change...)."""
    pages = Page.objects.filter(path__startswith=page.path).type(*resource_page_models())
    return set(pages.values_list("translation_key", flat=True))
