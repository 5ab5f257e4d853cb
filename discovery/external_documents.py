"""Index documents of the resources harvested from members' repositories (harvesting): one
per record, shaped as a page translation's so that every query, facet and collapse treats
them alike, with the repository's name as ``origin`` and the original's address as ``url``.
Their text goes through the same normalisation as the site's own pages."""

from digital_lm.languages import LANGUAGE_CODES, display_language, in_alliance_order
from discovery.mapping import KIND_PAGE, document_id, language_field, resource_number
from discovery.normalize import normalize_text, search_text, sort_key
from harvesting.models import ExternalResource


def external_resources():
    """The harvested records anyone may see (all of them: they are public at their origin),
    in a language of the site."""
    return ExternalResource.objects.filter(language__in=LANGUAGE_CODES).select_related(
        "source__institution__country"
    )


def _groups(records):
    """{translation key: {language: record}}; of two records in one language, the newer."""
    groups = {}
    for record in sorted(records, key=lambda r: (r.datestamp, r.pk)):
        groups.setdefault(record.translation_key, {})[record.language] = record
    return groups


def _document(record, group):
    languages = in_alliance_order(group)
    original = min(group.values(), key=lambda r: r.pk).language
    title = normalize_text(record.title)
    institution = record.source.institution
    countries = set(record.countries)
    if institution is not None:
        countries.add(institution.country.code)
    language = record.language
    source = {
        "kind": KIND_PAGE,
        "origin": record.source.name,
        "translation_key": str(record.translation_key),
        "resource_number": resource_number(record.translation_key),
        "external_id": record.identifier,
        "type": record.resource_type or None,
        "language": language,
        "available_languages": languages,
        "original_language": original,
        "primary": languages[0] == language,
        "page_id": 0,
        "url": record.url,
        "title": title,
        "summary": normalize_text(record.summary),
        "title_sort": sort_key(title),
        "title_suggest": search_text(title),
        language_field("title", language): search_text(title),
        language_field("summary", language): search_text(record.summary),
        language_field("body", language): search_text(record.publisher),
        "institution": institution.slug if institution else None,
        "institution_name": search_text(institution.name if institution else record.publisher),
        "country": sorted(countries),
        "sector": [],
        "sector_names": "",
        "level": None,
        "aqrf_level": None,
        "tag": [],
        "tag_text": search_text(" · ".join(record.subjects)),
        "code": None,
        "first_published_at": record.datestamp,
        "last_published_at": record.datestamp,
    }
    if source["primary"]:
        titles = {code: sort_key(normalize_text(r.title)) for code, r in group.items()}
        for visitor in LANGUAGE_CODES:
            shown = display_language(titles, visitor, original=original)
            source[language_field("title_sort", visitor)] = titles[shown]
    return document_id(record.translation_key, language), source


def external_documents(records):
    """(id, source) of these harvested records' documents (pass every record of their
    resources: each document lists the languages its resource is in)."""
    for group in _groups(records).values():
        for record in group.values():
            yield _document(record, group)


def external_documents_for_keys(translation_keys):
    return dict(
        external_documents(external_resources().filter(translation_key__in=translation_keys))
    )


def iter_external_documents(chunk_size=1000):
    """Every harvested record's document, a chunk of resources at a time."""
    keys = (
        external_resources().order_by("translation_key").values_list("translation_key", flat=True)
    )
    keys = list(dict.fromkeys(keys))
    for start in range(0, len(keys), chunk_size):
        chunk = keys[start : start + chunk_size]
        yield from external_documents(external_resources().filter(translation_key__in=chunk))


def count_external_documents():
    return external_resources().count()


def visible_external(pairs):
    """The (translation key, language) pairs among ``pairs`` that are still harvested records."""
    keys = {key for key, _language in pairs}
    if not keys:
        return set()
    rows = external_resources().filter(translation_key__in=keys)
    return {
        (str(key), language) for key, language in rows.values_list("translation_key", "language")
    }
