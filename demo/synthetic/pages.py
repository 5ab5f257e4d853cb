"""Writing the synthetic pages: one "syn-library" section per language below its resource
library, a section per institution below it, and the resources in batches, each batch's
rows sent with COPY (see ``bulk``)."""

import html
import json
import time
import uuid
from collections import Counter, defaultdict

from wagtail.models import Page

from digital_lm.languages import LANGUAGE_CODES
from resources.importing.columns import field_name, many_to_many_columns, table_values
from resources.models import ResourceIndexPage

from . import vocabulary as words
from .bulk import PageWriter, Parent, m2m_table, reserve_page_ids, tag_table, update_numchild
from .guards import SyntheticError
from .naming import ID_PREFIX, LIBRARY_SLUG, NAMESPACE, SLUG_PREFIX
from .planning import ResourcePlanner, resource_models
from .snippets import ensure_tags
from .texts import ResourceTexts

BATCH_DOCUMENTS = 5000


def resource_libraries():
    """Each language's resource library (the catalogue below its home page)."""
    libraries = {}
    for page in (
        ResourceIndexPage.objects.filter(
            depth=3, institution__isnull=True, locale__language_code__in=LANGUAGE_CODES
        )
        .select_related("locale")
        .order_by("path")
    ):
        libraries.setdefault(page.locale.language_code, page)
    missing = [code for code in LANGUAGE_CODES if code not in libraries]
    if missing:
        raise SyntheticError(f"synthetic: no resource library in {', '.join(missing)}")
    return libraries


def ensure_sections(cursor, snippets, now):
    """One "syn-library" section per language and, below it, one section per institution.
    Returns ({(institution slug, language): Parent}, [ids of the sections created])."""
    writer = PageWriter()
    catalogues = resource_libraries()
    created = []
    libraries = {}
    pending_parents = []
    for lang in LANGUAGE_CODES:
        catalogue = catalogues[lang]
        page = Page.objects.filter(
            path__startswith=catalogue.path, depth=catalogue.depth + 1, slug=LIBRARY_SLUG
        ).first()
        if page is None:
            parent = Parent.of(catalogue)
            page_id = reserve_page_ids(cursor, 1)[0]
            title = words.LIBRARY_TITLES[lang]
            path = writer.add(
                ResourceIndexPage,
                page_id,
                parent,
                page_values(
                    title, LIBRARY_SLUG, uuid.uuid5(NAMESPACE, "library"), snippets, lang, now, now
                ),
                {"intro": f"<p>{html.escape(title)}</p>", "institution_id": None},
            )
            pending_parents.append(parent)
            libraries[lang] = Parent(
                page_id, path, parent.depth + 1, f"{parent.url_path}{LIBRARY_SLUG}/"
            )
            created.append(page_id)
        else:
            libraries[lang] = Parent.of(page)
    writer.flush(cursor)
    update_numchild(cursor, pending_parents)

    sections = {}
    for lang, library in libraries.items():
        existing = {
            p.slug: p
            for p in Page.objects.filter(path__startswith=library.path, depth=library.depth + 1)
        }
        for info in snippets.institutions:
            slug = f"{SLUG_PREFIX}{info.slug}"
            if slug in existing:
                sections[(info.slug, lang)] = Parent.of(existing[slug])
                continue
            page_id = reserve_page_ids(cursor, 1)[0]
            key = uuid.uuid5(NAMESPACE, f"section:{info.slug}")
            path = writer.add(
                ResourceIndexPage,
                page_id,
                library,
                page_values(info.name(lang), slug, key, snippets, lang, now, now),
                {"intro": "", "institution_id": info.rows[lang].id},
            )
            sections[(info.slug, lang)] = Parent(
                page_id, path, library.depth + 1, f"{library.url_path}{slug}/"
            )
            created.append(page_id)
    writer.flush(cursor)
    update_numchild(cursor, libraries.values())
    return sections, created


def page_values(title, slug, translation_key, snippets, lang, first, last):
    """The values of a page row that every synthetic page sets."""
    return {
        "title": title[:255],
        "slug": slug,
        "translation_key": translation_key,
        "locale_id": snippets.locales[lang].id,
        "first_published_at": first,
        "last_published_at": last,
    }


def link_tables(model):
    """The many-to-many and tag tables that link a page of ``model`` to its snippets, by the
    import column they hold (country, sector, tags, recognised_in for certifications)."""
    tables = {
        column: m2m_table(model, field_name(column)) for column in many_to_many_columns(model)
    }
    tables["tags"] = tag_table(model)
    return tables


def count_documents():
    """Synthetic documents: published resource translations with a SYN- external ID."""
    return sum(
        model.objects.filter(external_id__startswith=ID_PREFIX, live=True).count()
        for model in resource_models().values()
    )


def last_sequence():
    """The highest resource number used so far (0 if none)."""
    last = 0
    for model in resource_models().values():
        best = (
            model.objects.filter(external_id__startswith=ID_PREFIX)
            .order_by("-external_id")
            .values_list("external_id", flat=True)
            .first()
        )
        if best:
            last = max(last, int(best.rsplit("-", 1)[1]))
    return last


def insert_resources(cursor, snippets, sections, wanted, seed, now, out, progress=True):
    """Insert resources until ``wanted`` documents are written; returns
    ({model: [page ids]}, Counter of documents per language, Counter per type)."""
    planner = ResourcePlanner(snippets, seed, now)
    texts = ResourceTexts(snippets)
    writer = PageWriter()
    models = resource_models()
    links = {model: link_tables(model) for model in models.values()}
    tag_names = sorted(
        {t for *_x, tags, _n in words.TOPICS for t in tags} | set(words.GENERIC_TAGS)
    )
    tags = ensure_tags(tag_names)
    seq = last_sequence()
    new_ids = defaultdict(list)
    by_language, by_kind = Counter(), Counter()
    written = 0
    started = time.perf_counter()
    while written < wanted:
        plans = []
        batch = 0
        while batch < BATCH_DOCUMENTS and written + batch < wanted:
            seq += 1
            plan = planner.plan(seq)
            room = wanted - written - batch
            plan["languages"] = plan["languages"][:room]
            plans.append(plan)
            batch += len(plan["languages"])
        ids = iter(reserve_page_ids(cursor, batch))
        for plan in plans:
            model = models[plan["kind"]]
            slug = texts.slug(plan)
            tables = links[model]
            level = plan["level"]
            for lang in plan["languages"]:
                ctx = texts.context(plan, lang)
                page_id = next(ids)
                first, last = plan["published"][lang]
                title = texts.title(plan, lang, ctx)
                writer.add(
                    model,
                    page_id,
                    sections[(plan["institution"].slug, lang)],
                    page_values(title, slug, plan["translation_key"], snippets, lang, first, last),
                    # The page's own columns, named as a catalogue names them.
                    table_values(
                        model,
                        {
                            "external_id": plan["external_id"],
                            "summary": texts.summary(plan, lang, ctx),
                            "institution": plan["institution"].rows[lang].id,
                            "level": snippets.levels[level][lang].id if level else None,
                            "licence": plan["licence"],
                            "description": json.dumps(
                                texts.body(plan, lang, ctx), ensure_ascii=False
                            ),
                            **texts.specific(plan, lang, ctx),
                        },
                    ),
                )
                for code in plan["sectors"]:
                    writer.link(
                        (model, "s"), tables["sector"], page_id, snippets.sectors[code][lang].id
                    )
                for code in plan["countries"]:
                    country_id = snippets.countries[code][lang].id
                    writer.link((model, "c"), tables["country"], page_id, country_id)
                    if "recognised_in" in tables:
                        writer.link((model, "r"), tables["recognised_in"], page_id, country_id)
                for name in plan["tags"]:
                    writer.link((model, "t"), tables["tags"], page_id, tags[name])
                new_ids[model].append(page_id)
                by_language[lang] += 1
                by_kind[plan["kind"]] += 1
        written += writer.flush(cursor)
        update_numchild(cursor, sections.values())
        if progress:
            rate = written / (time.perf_counter() - started)
            out.write(f"  {written:>8,} / {wanted:,} documents ({rate:,.0f}/s)\r")
            out.flush()
    if progress and wanted:
        out.write("\n")
    return new_ids, by_language, by_kind
