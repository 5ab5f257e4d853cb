"""Discovery searches answered by the database search backend over PostgreSQL: the quick
start's search, and everyone's when the engine is unreachable.

It gives the same shape of answer as the engine, more simply: matches come from Wagtail's
database backend, filters and facet counts from the ORM, one hit per resource in the
visitor's language when that translation exists. No highlights, no typo tolerance.

The text of public files counts too: a teaching material whose files hold every word comes
after the resources whose own page matched, with where the words were found (``found_in``).
"""

import hashlib
from dataclasses import asdict

from django.db.models import Q
from taggit.models import Tag
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from digital_lm.languages import LANGUAGE_CODES, in_alliance_order
from discovery.external_documents import external_resources
from discovery.facets import FACETS
from discovery.labels import labels
from discovery.normalize import normalize_text, search_text
from discovery.results import DiscoveryResult, Hit, Suggestion, facet_values
from filetext.matching import documents_q, matching_segments, passage_html, search_words
from filetext.search import found_in
from resources.caching import (
    attach_kept,
    cached,
    cached_many,
    locales,
    public,
    restricted_collection_paths,
    taxonomy_rows,
)
from resources.models import MaterialFile, TeachingMaterialPage
from resources.models.base import resource_page_models

# The database backend ranks this many best matches (or, without words, the newest); filters,
# counts and facets work within them, so a degraded answer stays fast on a large repository.
MAX_MATCHES = 1000
# Each termbase label is one more database search: the first few only.
MAX_VARIANTS = 8
# File text: at most this many matching pages of public files are read per search, in one
# query whatever the number of files.
MAX_FILE_SEGMENTS = 200


def _backend():
    from django.conf import settings

    alias = "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"
    return get_search_backend(alias)


def _public_resources():
    # By locale id: the search backend filters on Page's own indexed fields only.
    kept = locales()
    ids = [kept[code].pk for code in LANGUAGE_CODES if code in kept]
    return public(Page.objects.live().type(*resource_page_models())).filter(locale__in=ids)


def _matching_page_ids(texts, expansions=()):
    """Page ids matching any of ``texts`` (the forms of the words), best first (all public
    resources, newest first, without), then those matching only a termbase expansion of the
    words: {page id: that Expansion}."""
    pages = _public_resources()
    if not any(texts):
        newest = pages.order_by("-first_published_at", "-pk").values_list("pk", flat=True)
        return list(newest[:MAX_MATCHES]), {}
    ids = []
    for text in texts:
        ids += [pk for pk in _search_ids(text) if pk not in ids]
    through = {}
    variants = [(e, lang, v) for e in expansions for lang, v in e.variants][:MAX_VARIANTS]
    for expansion, language, variant in variants:
        for pk in _search_ids(variant, language):
            if pk not in through and pk not in ids:
                through[pk] = expansion
    return ids + list(through), through


def _search_ids(text, language=None):
    """Ids of the public resources matching every word of ``text`` (only those in
    ``language``, if given), best first, kept for the generation: each form of the words and
    each termbase label is a search of its own, and the same words come back from one
    visitor to the next."""

    def run():
        pages = _public_resources()
        if language is not None:
            locale = locales().get(language)
            pages = pages.filter(locale=locale.pk) if locale else pages.none()
        found = _backend().search(_without_syntax(text), pages, operator="and")
        return [page.pk for page in found[:MAX_MATCHES]]

    digest = hashlib.sha256(text.encode()).hexdigest()
    return cached("fallback-matches", run, language or "any", digest)


def _found_in_files(text):
    """{material page id: FoundIn} of the live public materials whose public files hold every
    word of ``text`` on one page, the first such page of each, in three queries."""
    words = search_words(text)
    if not words:
        return {}
    materials = _public_resources().type(TeachingMaterialPage).values("pk")
    files = MaterialFile.objects.filter(material__in=materials).values("document_id")
    segments, _more = matching_segments(
        documents_q(pk__in=files) & ~_in_private_collections(), words, MAX_FILE_SEGMENTS
    )
    if not segments:
        return {}
    links = MaterialFile.objects.filter(
        document_id__in={s.document_text.document_id for s in segments}, material__in=materials
    ).values_list("document_id", "material_id", "material__translation_key")
    pages_of = {}
    for document_id, page_id, key in links.order_by("material_id"):
        pages_of.setdefault(document_id, []).append((page_id, key))
    found, resources = {}, set()
    for segment in segments:
        document = segment.document_text.document
        for page_id, key in pages_of.get(document.pk, ()):
            if key in resources:
                continue
            resources.add(key)
            passage = passage_html(segment.text, words)
            found[page_id] = found_in(document, segment.number, [passage], segment.label)
    return found


def _in_private_collections():
    """A filter of the segments of files in a collection with a view restriction (or under
    one): they never count, whoever searches."""
    private = documents_q(pk__in=[])
    for path in restricted_collection_paths():
        private |= documents_q(collection__path__startswith=path)
    return private


def _without_syntax(text):
    """The words only: SQLite's full-text search reads a double quote as the start of a
    phrase, and an unbalanced one is an error, where the visitor meant plain text."""
    return " ".join(text.replace('"', " ").split())


def _pages(page_ids):
    """{page id: specific page} with everything filters and facets read: a query per model,
    the taxonomies and each page's links to them kept between requests (resources.caching)."""
    pages = {}
    for model in resource_page_models():
        # Neither the filters nor a hit read the bodies: not decoded for every match.
        bodies = [field.name for field in model._meta.fields if isinstance(field, StreamField)]
        for page in model.objects.filter(pk__in=page_ids).defer(*bodies):
            pages[page.pk] = attach_kept(page)
    if pages:
        links = cached_many(
            "facet-links", list(pages), lambda ids: _links({k: pages[k] for k in ids})
        )
        for pk, page in pages.items():
            _attach_links(page, links[pk])
    return pages


# The relations of a resource its facets read, each to a taxonomy.
LINKED_TAXONOMIES = ("sectors", "countries")


def _links(pages):
    """{page id: {relation: [ids]} and its tags as [(id, name, slug)]}, a query per relation
    and model."""
    found = {pk: {name: [] for name in (*LINKED_TAXONOMIES, "tags")} for pk in pages}
    by_model = {}
    for page in pages.values():
        by_model.setdefault(type(page), []).append(page.pk)
    for model, ids in by_model.items():
        for name in LINKED_TAXONOMIES:
            field = model._meta.get_field(name)
            through = field.remote_field.through
            source = field.m2m_field_name()
            target = field.m2m_reverse_field_name()
            rows = (
                through.objects.filter(**{f"{source}_id__in": ids})
                .order_by(f"{target}__name", f"{target}_id")
                .values_list(f"{source}_id", f"{target}_id")
            )
            for pk, linked in rows:
                found[pk][name].append(linked)
        tags = (
            model.tags.through.objects.filter(content_object_id__in=ids)
            .order_by("pk")
            .values_list("content_object_id", "tag_id", "tag__name", "tag__slug")
        )
        for pk, tag_id, tag_name, slug in tags:
            found[pk]["tags"].append((tag_id, tag_name, slug))
    return found


def _attach_links(page, links):
    """Give ``page`` its sectors, countries and tags as if prefetched."""
    cache = page.__dict__.setdefault("_prefetched_objects_cache", {})
    for name in LINKED_TAXONOMIES:
        rows = taxonomy_rows(type(page)._meta.get_field(name).related_model)
        cache[name] = [rows[pk] for pk in links[name] if pk in rows]
    through = type(page).tags.through
    cache["tagged_items"] = [
        through(content_object_id=page.pk, tag=Tag(id=tag_id, name=name, slug=slug))
        for tag_id, name, slug in links["tags"]
    ]


def _rows(pages, translations):
    """{page id: row}: the page, its resource and the values of every facet, read from the
    page; its languages are those of the resource's public translations ("in Lao" means "has
    a Lao translation", whichever translation matched)."""
    rows = {}
    for pk, page in pages.items():
        page.available_languages = in_alliance_order(translations[page.translation_key]["pages"])
        row = {facet.name: facet.read(page) for facet in FACETS}
        rows[pk] = {**row, "page": page, "key": page.translation_key}
    return rows


def _passes(row, filters, skip=None):
    return all(row[name] & set(values) for name, values in filters.items() if name != skip)


def search(query, expansions=()):
    # Titles are stored as written here (the engine holds simplified Chinese): a traditional
    # title is found by its own form, a simplified one by the converted words.
    forms = dict.fromkeys([search_text(query.q), normalize_text(query.q)])
    ordered_ids, through = _matching_page_ids(list(forms), expansions)
    # Found only in their files: after the resources whose own text matched.
    in_files = {pk: f for pk, f in _found_in_files(query.q).items() if pk not in ordered_ids}
    ordered_ids += list(in_files)
    pages = _pages(ordered_ids)
    translations = _translations({page.translation_key for page in pages.values()})
    rows = _rows(pages, translations)
    ordered = [rows[pk] for pk in ordered_ids if pk in rows]
    # Harvested resources, after those published here (their text is matched more simply).
    external = _external_rows(_matching_external(list(forms)))
    translations.update(external["translations"])
    rows.update(external["rows"])
    ordered += [external["rows"][pk] for pk in external["matched"]]
    if query.sort == "title":
        ordered.sort(key=lambda r: r["page"].title.casefold())
    elif query.sort == "newest":
        ordered.sort(key=_published, reverse=True)

    filters = query.filters
    # Facets: distinct resources per value, under every filter but the facet's own.
    counts = {}
    for facet in FACETS:
        seen = {}
        for row in ordered:
            if _passes(row, filters, skip=facet.name):
                for value in row[facet.name]:
                    seen.setdefault(value, set()).add(row["key"])
        counts[facet.name] = {value: len(keys) for value, keys in seen.items()}

    # One hit per resource, ranked by its best matching translation.
    matched = {}
    for row in ordered:
        if _passes(row, filters):
            matched.setdefault(row["key"], row)
    hits = list(matched.values())
    start = (query.page - 1) * query.page_size
    page_rows = hits[start : start + query.page_size]
    shown = _shown_pages(page_rows, translations, rows, query)

    names = labels(query.lang)
    return DiscoveryResult(
        query=query,
        count=len(hits),
        results=[
            _hit(
                row,
                shown[row["key"]],
                translations,
                names,
                query,
                through.get(row["page"].pk),
                in_files.get(row["page"].pk),
            )
            for row in page_rows
            if row["key"] in shown
        ],
        facets={
            facet.name: _facet(facet.name, counts[facet.name], query, names) for facet in FACETS
        },
        degraded=False,
    )


def _translations(keys):
    """{key: {"pages": {language: page id}, "original": language}} of public resources."""
    found = {key: {"pages": {}, "original": None} for key in keys}
    rows = _public_resources().filter(translation_key__in=keys).order_by("pk")
    for key, language, pk in rows.values_list("translation_key", "locale__language_code", "pk"):
        entry = found[key]
        entry["pages"][language] = pk
        entry["original"] = entry["original"] or language  # the earliest translation
    return found


def _shown_pages(page_rows, translations, rows, query):
    """{key: row of the translation to show}, loading those that did not match."""
    wanted = {}
    for row in page_rows:
        entry = translations[row["key"]]
        language = query.shown_language(in_alliance_order(entry["pages"]), entry["original"])
        wanted[row["key"]] = entry["pages"].get(language, row["page"].pk)
    missing = [pk for pk in wanted.values() if pk not in rows]
    loaded = {**rows, **_rows(_pages(missing), translations)} if missing else rows
    return {key: loaded[pk] for key, pk in wanted.items() if pk in loaded}


def _matching_external(forms):
    """Harvested records whose title or summary holds every word of one of ``forms``, newest
    first (all of them, newest first, without words)."""
    records = external_resources().order_by("-datestamp", "-pk")
    if not any(forms):
        return list(records[:MAX_MATCHES])
    found = {}
    for text in forms:
        words = _without_syntax(text).split()
        if not words:
            continue
        every_word = Q()
        for word in words:
            every_word &= Q(title__icontains=word) | Q(summary__icontains=word)
        for record in records.filter(every_word)[:MAX_MATCHES]:
            found.setdefault(record.pk, record)
    return list(found.values())


def _external_rows(matched):
    """Rows, translations and the matched rows' ids of harvested records, shaped as pages'
    (a negative id each, so the two never meet): every record of the matched resources is
    read, in one query, to show each in the visitor's language."""
    keys = {record.translation_key for record in matched}
    records = external_resources().filter(translation_key__in=keys).order_by("pk")
    translations, rows = {}, {}
    for record in records:
        entry = translations.setdefault(record.translation_key, {"pages": {}, "original": None})
        entry["pages"].setdefault(record.language, -record.pk)
        entry["original"] = entry["original"] or record.language
    for record in records:
        institution = record.source.institution
        row = {facet.name: set() for facet in FACETS}
        row.update(
            type={record.resource_type} - {""},
            country=set(record.countries) | ({institution.country.code} if institution else set()),
            language=set(in_alliance_order(translations[record.translation_key]["pages"])),
            institution={institution.slug} if institution else set(),
        )
        rows[-record.pk] = {**row, "page": record, "key": record.translation_key, "external": True}
    matched_ids = [-record.pk for record in matched if -record.pk in rows]
    return {"rows": rows, "translations": translations, "matched": matched_ids}


def _published(row):
    page = row["page"]
    return page.datestamp if row.get("external") else page.first_published_at


def _external_hit(row, shown, translations, names, query):
    record = shown["page"]
    institution = record.source.institution
    return Hit(
        external_id=record.identifier,
        title=record.title,
        summary=record.summary,
        url=record.url,
        type=record.resource_type,
        language=record.language,
        available_languages=in_alliance_order(translations[row["key"]]["pages"]),
        highlight={},
        origin=record.source.name,
        institution=names["institution"].get(institution.slug, "") if institution else "",
        country=",".join(sorted(shown["country"])),
        translation_key=str(row["key"]),
        page_id=0,
        matched_language=row["page"].language if query.q else "",
    )


def _hit(row, shown, translations, names, query, expansion, in_file=None):
    if row.get("external"):
        return _external_hit(row, shown, translations, names, query)
    page = shown["page"]
    institution = page.institution.slug
    text_search = bool(query.q)
    matched_language = row["page"].locale.language_code if text_search else ""
    return Hit(
        external_id=page.external_id,
        title=page.title,
        summary=page.summary,
        url=page.get_url() or "",
        type=page.discovery_type,
        language=page.locale.language_code,
        available_languages=in_alliance_order(translations[row["key"]]["pages"]),
        highlight={},
        institution=names["institution"].get(institution, institution),
        country=",".join(sorted(shown["country"])),
        translation_key=str(row["key"]),
        page_id=page.pk,
        matched_language=in_file.file_language if in_file else matched_language,
        matched_term=expansion.label(query.lang) if expansion and text_search else "",
        found_in=in_file,
    )


def _facet(name, counts, query, names):
    return facet_values(name, counts, query.selected(name), names.get(name, {}))


def suggest(text, lang, limit=8):
    text = _without_syntax(text)  # the same unbalanced quote breaks autocomplete
    if not text:
        return []
    pages = _public_resources()
    results = _backend().autocomplete(text, pages)[: limit * 4]
    suggestions, seen = [], set()
    for page in sorted(results, key=lambda p: p.locale.language_code != lang):
        if page.translation_key in seen:
            continue
        seen.add(page.translation_key)
        suggestion = Suggestion(
            title=page.title,
            url=page.get_url() or "",
            type=getattr(page.specific_class, "discovery_type", ""),
            language=page.locale.language_code,
        )
        suggestions.append(asdict(suggestion))
    # Then harvested titles holding the text (part of a word too: Lao and Thai have no spaces).
    harvested = external_resources().filter(title__icontains=text).order_by("-datestamp", "-pk")
    for record in harvested[: limit * 4]:
        if len(suggestions) >= limit or record.translation_key in seen:
            continue
        seen.add(record.translation_key)
        suggestion = Suggestion(
            title=record.title, url=record.url, type=record.resource_type, language=record.language
        )
        suggestions.append(asdict(suggestion))
    return suggestions[:limit]
