"""Synthetic resources for the benchmarks, written straight into PostgreSQL.

    python manage.py generate_synthetic_resources --count 10000

``--count N`` is the number of synthetic *documents* (published resource page translations)
wanted: the run tops up to N (or does nothing if there are already N or more). Every resource
has 1 to 7 translations (most in zh-hans and en, fewer in lo, km and my) sharing one
translation_key and one external ID ("SYN-COURSE-0000042"); slugs start with "syn-".

The pages are not created through Wagtail's add_child/save_revision (far too slow for 100,000
pages): the page rows get treebeard paths computed here and go in with COPY, followed by the
rows of the specific models, their many-to-many and tag rows. They live under one section per
language, "syn-library", below the language's resource library, with a sub-section per
institution. After the insert the Wagtail database search backend's index is filled for every
synthetic page it lacks, and the tree, ``.specific`` and page rendering are checked.

Destructive: refuses to run unless the database name ends in "_bench" (or
--i-know-this-is-a-bench-db). --reset deletes the previous synthetic pages first.
"""

import datetime as dt
import html
import json
import os
import random
import sys
import time
import uuid
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Locale, Page

from demo import data as demo_data
from demo.sync import Tally
from demo.taxonomy import upsert_translated
from digital_lm.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from resources.models import (
    NATIONAL_FRAMEWORKS,
    CertificationPage,
    Country,
    CoursePage,
    Institution,
    QualificationLevel,
    ResourceIndexPage,
    Sector,
    TeachingMaterialPage,
    VocationalStandardPage,
)

from . import vocabulary as words

SLUG_PREFIX = "syn-"
ID_PREFIX = "SYN-"
LIBRARY_SLUG = "syn-library"
# Fixed namespace: the sections' translation keys are the same on every run.
NAMESPACE = uuid.UUID("5d0f3c52-8f44-4c1e-9a53-0c1b8f7a6e10")

MODELS = {
    "course": CoursePage,
    "standard": VocationalStandardPage,
    "material": TeachingMaterialPage,
    "certification": CertificationPage,
}
KINDS = list(MODELS)
KIND_WEIGHTS = [35, 15, 30, 20]
ID_PARTS = {"course": "COURSE", "standard": "STD", "material": "MAT", "certification": "CERT"}
# Chance that a resource has a translation in each language; the language of the publishing
# institution's country gets HOME_LANGUAGE_ODDS instead.
LANGUAGE_ODDS = {
    "zh-hans": 0.9,
    "en": 0.85,
    "th": 0.22,
    "vi": 0.22,
    "lo": 0.12,
    "km": 0.12,
    "my": 0.1,
}
HOME_LANGUAGE_ODDS = 0.7
LICENCES = ["CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC0-1.0"]
LICENCE_WEIGHTS = [50, 20, 15, 10, 5]
COUNTRY_ORDER = ["CN", "MM", "LA", "TH", "KH", "VN"]
FRAMEWORK_OF_COUNTRY = {country: code for code, (_n, country, _h) in NATIONAL_FRAMEWORKS.items()}
COURSE_HOURS = [16, 24, 32, 40, 48, 64, 72, 96, 120, 160]
PUBLISHED_OVER = dt.timedelta(days=3 * 365)
BATCH_DOCUMENTS = 5000
DB_INDEX_CHUNK = 500


class BenchError(SystemExit):
    """Stops the run with a message (a SystemExit, so the command line shows it plainly)."""


# ---------------------------------------------------------------------------------------------
# Safety and set-up


def database_name():
    return connection.settings_dict["NAME"]


def check_database(allow_any=False):
    if connection.vendor != "postgresql":
        raise BenchError(f"synthetic: needs PostgreSQL, not {connection.vendor}.")
    name = database_name()
    if not name.endswith("_bench") and not allow_any:
        raise BenchError(
            f"synthetic: refusing to write to database {name!r}: its name does not end in "
            "'_bench'. Point DATABASE_URL at a bench database, or pass "
            "--i-know-this-is-a-bench-db."
        )


def check_migrations():
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        raise BenchError(
            f"synthetic: {len(plan)} migration(s) not applied to {database_name()!r} "
            f"(first: {plan[0][0]}). Run `manage.py migrate` first."
        )


def ensure_demo_content(out):
    """The demo's snippets and page tree (six countries, sectors, levels, 13 institutions, the
    resource library in every language): loaded once if missing."""
    libraries = ResourceIndexPage.objects.filter(depth=3, institution__isnull=True)
    if Country.objects.exists() and libraries.count() >= len(LANGUAGE_CODES):
        return
    out.write("synthetic: loading the demo content first (load_demo_content)\n")
    call_command("load_demo_content", stdout=out)


# ---------------------------------------------------------------------------------------------
# Snippets


@dataclass
class InstitutionInfo:
    slug: str
    country: str
    kind: str
    sectors: list
    names: dict  # language -> display name (falls back to English)
    rows: dict  # language -> Institution row (the zh-hans row where there is no translation)
    weight: float = 1.0

    def name(self, lang):
        return self.names.get(lang) or self.names["en"]


@dataclass
class Snippets:
    locales: dict  # language -> Locale
    countries: dict  # code -> {language: Country}
    sectors: dict  # code -> {language: Sector}
    sector_names: dict  # code -> {language: name}
    levels: dict  # (framework, level) -> {language: QualificationLevel}
    institutions: list  # of InstitutionInfo


def _by_language(queryset, key):
    result = defaultdict(dict)
    for obj in queryset.select_related("locale"):
        result[key(obj)][obj.locale.language_code] = obj
    return result


def ensure_snippets():
    """The demo's snippets plus the benchmark's extra member institutions (idempotent)."""
    locales = {code: Locale.objects.get(language_code=code) for code in LANGUAGE_CODES}
    countries = _by_language(Country.objects.all(), lambda c: c.code)
    tally = Tally()
    for slug, kind, country, _sectors, names in words.INSTITUTIONS:
        upsert_translated(
            Institution,
            {"slug": slug},
            {
                lang: {
                    "name": name,
                    "kind": kind,
                    "country": countries[country][lang],
                    "website": "",
                    "description": "",
                }
                for lang, name in names.items()
            },
            locales,
            tally,
        )

    rows = _by_language(Institution.objects.all(), lambda i: i.slug)
    infos = []
    demo_sectors = defaultdict(list)
    for programme in demo_data.PROGRAMMES:
        demo_sectors[programme["institution"]] += programme["sectors"]
    for item in demo_data.INSTITUTIONS:
        infos.append(
            InstitutionInfo(
                slug=item["slug"],
                country=item["country"],
                kind=item["kind"],
                sectors=sorted(set(demo_sectors[item["slug"]])),
                names=dict(item["name"]),
                rows=rows[item["slug"]],
            )
        )
    for slug, kind, country, sectors, names in words.INSTITUTIONS:
        infos.append(InstitutionInfo(slug, country, kind, sectors, dict(names), rows[slug]))
    for info in infos:
        info.weight = 0.5 if info.kind == "company" else 1.0
        source = info.rows[DEFAULT_LANGUAGE]
        info.rows = {lang: info.rows.get(lang, source) for lang in LANGUAGE_CODES}

    levels = defaultdict(dict)
    for level in QualificationLevel.objects.select_related("locale"):
        levels[(level.framework, level.level)][level.locale.language_code] = level
    return Snippets(
        locales=locales,
        countries=countries,
        sectors=_by_language(Sector.objects.all(), lambda s: s.code),
        sector_names=dict(demo_data.SECTORS),
        levels=levels,
        institutions=infos,
    )


def ensure_tags(names):
    """Tag rows for these names; returns {name: id}."""
    existing = dict(Tag.objects.filter(name__in=names).values_list("name", "id"))
    missing = [n for n in names if n not in existing]
    Tag.objects.bulk_create([Tag(name=n, slug=slugify(n)) for n in missing], ignore_conflicts=True)
    return dict(Tag.objects.filter(name__in=names).values_list("name", "id"))


# ---------------------------------------------------------------------------------------------
# Bulk writing


class Table:
    """The columns of one model's own table, in order, with their defaults: turns a dict of
    values (by attname) into a row for COPY. Auto-incremented ids are left to the database
    unless the caller gives one."""

    def __init__(self, model, with_pk=None):
        self.model = model
        self.db_table = model._meta.db_table
        pk = model._meta.pk
        auto_pk = pk.get_internal_type() in ("AutoField", "BigAutoField", "SmallAutoField")
        keep_pk = with_pk if with_pk is not None else not auto_pk
        self.fields = [
            f for f in model._meta.local_concrete_fields if keep_pk or f is not pk or not auto_pk
        ]
        self.columns = [f.column for f in self.fields]
        self.defaults = []
        for f in self.fields:
            if f.has_default() and callable(f.default):
                self.defaults.append(f.default)
            else:
                self.defaults.append(_Static(f.get_default()))
        self.attnames = [f.attname for f in self.fields]

    def row(self, values):
        return tuple(
            values[name] if name in values else default()
            for name, default in zip(self.attnames, self.defaults, strict=True)
        )

    def copy(self, cursor, rows):
        if not rows:
            return
        quote = connection.ops.quote_name
        columns = ", ".join(quote(c) for c in self.columns)
        sql = f"COPY {quote(self.db_table)} ({columns}) FROM STDIN"
        with cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)


class _Static:
    def __init__(self, value):
        self.value = value

    def __call__(self):
        return self.value


class LinkTable:
    """A two-column link table (many-to-many or tag through model), written with COPY."""

    def __init__(self, db_table, left, right):
        self.db_table, self.left, self.right = db_table, left, right

    def copy(self, cursor, rows):
        if not rows:
            return
        quote = connection.ops.quote_name
        sql = f"COPY {quote(self.db_table)} ({quote(self.left)}, {quote(self.right)}) FROM STDIN"
        with cursor.copy(sql) as copy:
            for row in rows:
                copy.write_row(row)


def m2m_table(model, name):
    f = model._meta.get_field(name)
    return LinkTable(
        f.remote_field.through._meta.db_table, f.m2m_column_name(), f.m2m_reverse_name()
    )


def tag_table(model):
    through = model.tags.through
    return LinkTable(
        through._meta.db_table,
        through._meta.get_field("content_object").column,
        through._meta.get_field("tag").column,
    )


def reserve_page_ids(cursor, n):
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        [Page._meta.db_table, n],
    )
    return [row[0] for row in cursor.fetchall()]


@dataclass
class Parent:
    """A page below which we insert, and the next free step of its children's paths."""

    id: int
    path: str
    depth: int
    url_path: str
    next_step: int = 1
    added: int = 0

    def child_path(self):
        step = self.next_step
        self.next_step += 1
        self.added += 1
        key = Page._int2str(step)
        if len(key) > Page.steplen:
            raise BenchError(f"synthetic: too many children below page {self.id}")
        return self.path + Page.alphabet[0] * (Page.steplen - len(key)) + key

    @classmethod
    def of(cls, page):
        last = (
            Page.objects.filter(path__startswith=page.path, depth=page.depth + 1)
            .aggregate(last=Max("path"))
            .get("last")
        )
        next_step = Page._str2int(last[-Page.steplen :]) + 1 if last else 1
        return cls(page.id, page.path, page.depth, page.url_path, next_step)


class PageWriter:
    """Collects page rows and the rows of their specific tables, then COPYs them."""

    def __init__(self):
        self.page_table = Table(Page, with_pk=True)
        self.content_types = {}
        self.tables = {}
        self.page_rows = []
        self.child_rows = defaultdict(list)
        self.links = defaultdict(list)
        self.link_tables = {}

    def content_type_id(self, model):
        if model not in self.content_types:
            self.content_types[model] = ContentType.objects.get_for_model(model).id
        return self.content_types[model]

    def add(self, model, page_id, parent, page_values, child_values):
        path = parent.child_path()
        self.page_rows.append(
            self.page_table.row(
                {
                    "id": page_id,
                    "path": path,
                    "depth": parent.depth + 1,
                    "numchild": 0,
                    "content_type_id": self.content_type_id(model),
                    "url_path": f"{parent.url_path}{page_values['slug']}/",
                    "draft_title": page_values["title"],
                    "live": True,
                    "has_unpublished_changes": False,
                    **page_values,
                }
            )
        )
        if model not in self.tables:
            self.tables[model] = Table(model, with_pk=True)
        pointer = model._meta.pk.attname
        self.child_rows[model].append(self.tables[model].row({pointer: page_id, **child_values}))
        return path

    def link(self, key, table, left, right):
        self.link_tables[key] = table
        self.links[key].append((left, right))

    def flush(self, cursor):
        self.page_table.copy(cursor, self.page_rows)
        for model, rows in self.child_rows.items():
            self.tables[model].copy(cursor, rows)
        for key, rows in self.links.items():
            self.link_tables[key].copy(cursor, rows)
        count = len(self.page_rows)
        self.page_rows = []
        self.child_rows = defaultdict(list)
        self.links = defaultdict(list)
        return count


def update_numchild(cursor, parents):
    rows = [(p.added, p.id) for p in parents if p.added]
    if rows:
        cursor.executemany(
            f"UPDATE {Page._meta.db_table} SET numchild = numchild + %s WHERE id = %s",  # noqa: S608 - a model's table name
            rows,
        )
    for p in parents:
        p.added = 0


# ---------------------------------------------------------------------------------------------
# Sections


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
        raise BenchError(f"synthetic: no resource library in {', '.join(missing)}")
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
                _page_values(
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
                _page_values(info.name(lang), slug, key, snippets, lang, now, now),
                {"intro": "", "institution_id": info.rows[lang].id},
            )
            sections[(info.slug, lang)] = Parent(
                page_id, path, library.depth + 1, f"{library.url_path}{slug}/"
            )
            created.append(page_id)
    writer.flush(cursor)
    update_numchild(cursor, libraries.values())
    return sections, created


def _page_values(title, slug, translation_key, snippets, lang, first, last):
    return {
        "title": title[:255],
        "slug": slug,
        "translation_key": translation_key,
        "locale_id": snippets.locales[lang].id,
        "first_published_at": first,
        "last_published_at": last,
    }


# ---------------------------------------------------------------------------------------------
# Resources


def _capitalised(text):
    return text[:1].upper() + text[1:]


def _join(items, lang):
    if len(items) <= 1:
        return "".join(items)
    return words.LIST_SEP[lang].join(items[:-1]) + words.LIST_AND[lang] + items[-1]


def _paragraph(text):
    return f"<p>{html.escape(text, quote=False)}</p>"


class ResourceMaker:
    """Decides everything about resource number ``seq`` from (seed, seq) alone, so a top-up
    continues the same sequence a single larger run would have made."""

    def __init__(self, snippets, seed, now):
        self.snippets = snippets
        self.seed = seed
        self.now = now
        self.topics = [
            {"sector": s, "extra": extra, "tags": tags, "names": names}
            for s, extra, tags, names in words.TOPICS
        ]
        self.by_sector = defaultdict(list)
        for topic in self.topics:
            self.by_sector[topic["sector"]].append(topic)
            if topic["extra"]:
                self.by_sector[topic["extra"]].append(topic)
        self.institution_weights = [i.weight for i in snippets.institutions]

    def make(self, seq):
        rng = random.Random(f"{self.seed}:{seq}")  # noqa: S311 - test data, not secrets
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        inst = rng.choices(self.snippets.institutions, self.institution_weights)[0]
        if inst.sectors and rng.random() < 0.75:
            topic = rng.choice(self.by_sector[rng.choice(inst.sectors)])
        else:
            topic = rng.choice(self.topics)
        sector = topic["sector"]
        sectors = [sector] + ([topic["extra"]] if topic["extra"] and rng.random() < 0.35 else [])
        tags = rng.sample(topic["tags"], rng.randint(1, len(topic["tags"])))
        if rng.random() < 0.3:
            generic = rng.choice(words.GENERIC_TAGS)
            if generic not in tags:
                tags.append(generic)
        others = [c for c in COUNTRY_ORDER if c != inst.country]
        chosen = {inst.country, *rng.sample(others, rng.choices([0, 1, 2], [50, 35, 15])[0])}
        countries = [c for c in COUNTRY_ORDER if c in chosen]
        level = None
        if rng.random() < 0.92:
            framework = FRAMEWORK_OF_COUNTRY[inst.country if rng.random() < 0.75 else "CN"]
            level = (framework, rng.randint(1, NATIONAL_FRAMEWORKS[framework][2]))

        home = demo_data.COUNTRY_LANGUAGE[inst.country]
        languages = [
            lang
            for lang in LANGUAGE_CODES
            if rng.random()
            < (
                HOME_LANGUAGE_ODDS
                if lang == home and lang not in ("zh-hans", "en")
                else LANGUAGE_ODDS[lang]
            )
        ] or [DEFAULT_LANGUAGE]

        first = self.now - dt.timedelta(seconds=rng.uniform(86400, PUBLISHED_OVER.total_seconds()))
        published = {}
        for i, lang in enumerate(languages):
            at = first if i == 0 else min(self.now, first + dt.timedelta(days=rng.uniform(0, 120)))
            last = (
                at
                if rng.random() < 0.6
                else min(self.now, at + dt.timedelta(days=rng.uniform(1, 200)))
            )
            published[lang] = (at, last)

        plan = {
            "seq": seq,
            "kind": kind,
            "institution": inst,
            "topic": topic,
            "sector": sector,
            "sectors": sectors,
            "tags": tags,
            "countries": countries,
            "level": level,
            "languages": languages,
            "published": published,
            "translation_key": uuid.UUID(int=rng.getrandbits(128), version=4),
            "external_id": f"{ID_PREFIX}{ID_PARTS[kind]}-{seq:07d}",
            "licence": rng.choices(LICENCES, LICENCE_WEIGHTS)[0],
            "qualifier": rng.randrange(len(words.QUALIFIERS["en"])),
            "keywords": rng.sample(range(6), 2),
            "summary": rng.randrange(6),
            "paragraphs": rng.sample(range(6), rng.randint(1, 2)),
            "material_kind": rng.choice(list(words.MATERIAL_KINDS)),
            "hours": rng.choice(COURSE_HOURS),
            "delivery": rng.choice(["workshop", "blended", "workshop", "online"]),
            "modules": rng.sample(range(len(words.MODULES["en"])), rng.randint(2, 4)),
            "version": rng.choice(["1.0", "1.0", "1.1", "2.0"]),
            "issued_on": (first - dt.timedelta(days=rng.randint(30, 400))).date(),
            "issuing": rng.randrange(len(words.ISSUING_BODIES["en"])),
            "grade": rng.randrange(3),
            "validity": rng.choice([2, 3, 5, None]),
            "assessment": rng.randrange(len(words.ASSESSMENT["en"])),
            "block_ids": [str(uuid.UUID(int=rng.getrandbits(128), version=4)) for _ in range(12)],
        }
        chinese = plan["sector"] == "chinese-for-work"
        plan["chinese_hours"] = plan["hours"] if chinese else rng.choice([0, 8, 16, 24])
        plan["chinese_hours"] = min(plan["chinese_hours"], plan["hours"])
        return plan

    # -- text of one translation

    def context(self, plan, lang):
        topic = plan["topic"]["names"][lang]
        keywords = words.KEYWORDS[plan["sector"]][lang]
        kw1, kw2 = (keywords[i % len(keywords)] for i in plan["keywords"])
        if kw1 == kw2:
            kw2 = keywords[(plan["keywords"][1] + 1) % len(keywords)]
        type_name = words.TYPE_NAMES[lang][plan["kind"]]
        return {
            "topic": topic,
            "Topic": _capitalised(topic),
            "type": type_name,
            "Type": _capitalised(type_name),
            "institution": plan["institution"].name(lang),
            "hours": plan["hours"],
            "countries": _join([demo_data.COUNTRY_NAMES[c][lang] for c in plan["countries"]], lang),
            "kw1": kw1,
            "Kw1": _capitalised(kw1),
            "kw2": kw2,
            "sector": self.snippets.sector_names[plan["sector"]][lang],
        }

    def title(self, plan, lang, ctx):
        kind = plan["kind"]
        q = words.QUALIFIERS[lang][plan["qualifier"]]
        material = words.MATERIAL_KINDS[plan["material_kind"]][lang]
        grade = words.GRADES[lang][plan["grade"]]
        topic, Topic = ctx["topic"], ctx["Topic"]
        if lang == "zh-hans":
            return {
                "course": f"{topic}{q}",
                "standard": f"{topic}职业技能标准（{plan['version']}版）",
                "material": f"{topic}{q}{material}",
                "certification": f"{topic}职业技能等级证书（{grade}）",
            }[kind]
        if lang == "en":
            return {
                "course": f"{Topic}: {q}",
                "standard": f"{Topic} occupational skill standard, version {plan['version']}",
                "material": f"{Topic} {material} ({q})",
                "certification": f"{Topic} vocational skills certificate ({grade})",
            }[kind]
        type_name = ctx["type"]
        return {
            "course": f"{type_name}: {topic} {q}",
            "standard": f"{type_name}: {topic} ({plan['version']})",
            "material": f"{type_name}: {topic} {q} ({material})",
            "certification": f"{type_name}: {topic} ({grade})",
        }[kind]

    def summary(self, plan, lang, ctx):
        templates = words.SUMMARIES[lang]
        if plan["kind"] != "course":
            templates = [t for t in templates if "{hours}" not in t] or templates
        return templates[plan["summary"] % len(templates)].format(**ctx)

    def body(self, plan, lang, ctx):
        pool = words.PARAGRAPHS[lang]
        ids = iter(plan["block_ids"])
        blocks = [{"type": "heading", "value": words.HEADINGS[lang], "id": next(ids)}]
        for i in plan["paragraphs"]:
            text = pool[i % len(pool)].format(**ctx)
            blocks.append({"type": "paragraph", "value": _paragraph(text), "id": next(ids)})
        return blocks

    def units(self, plan, lang, ctx):
        """Module or unit titles: zh-hans and en their own, other languages the English."""
        detail = lang if lang in words.MODULES else "en"
        if detail != lang:
            ctx = self.context(plan, "en")
        return detail, [words.MODULES[detail][i].format(**ctx) for i in plan["modules"]]

    def specific(self, plan, lang, ctx):
        kind = plan["kind"]
        ids = iter(plan["block_ids"][4:])
        if kind == "course":
            detail, titles = self.units(plan, lang, ctx)
            share = max(1, plan["hours"] // len(titles))
            modules = [
                {
                    "type": "module",
                    "value": {
                        "title": t,
                        "hours": share,
                        "outcomes": [o.format(module=t) for o in words.OUTCOMES[detail]],
                    },
                    "id": next(ids),
                }
                for t in titles
            ]
            return {
                "duration_hours": plan["hours"],
                "delivery_mode": plan["delivery"],
                "chinese_language_hours": plan["chinese_hours"],
                "modules": json.dumps(modules, ensure_ascii=False),
            }
        if kind == "standard":
            detail, titles = self.units(plan, lang, ctx)
            code = f"LM-{plan['institution'].country}-SYN-{plan['seq']:07d}"
            units = [
                {
                    "type": "competency",
                    "value": {
                        "code": f"{code}-U{n:02d}",
                        "title": t,
                        "performance_criteria": [
                            c.format(module=t) for c in words.CRITERIA[detail]
                        ],
                    },
                    "id": next(ids),
                }
                for n, t in enumerate(titles, start=1)
            ]
            issuing = words.ISSUING_BODIES[detail][plan["issuing"]].format(**ctx)
            return {
                "code": code,
                "version": plan["version"],
                "issuing_body": issuing[:200],
                "issued_on": plan["issued_on"],
                "competencies": json.dumps(units, ensure_ascii=False),
            }
        if kind == "material":
            return {"kind": plan["material_kind"]}
        detail = lang if lang in words.AWARDING else "en"
        detail_ctx = (
            ctx
            if detail == lang
            else {**self.context(plan, "en"), "institution": ctx["institution"]}
        )
        return {
            "awarding_body": words.AWARDING[detail].format(**detail_ctx)[:200],
            "assessment_method": words.ASSESSMENT[detail][plan["assessment"]].format(**detail_ctx),
            "validity_years": plan["validity"],
        }

    def slug(self, plan):
        english = self.title(plan, "en", self.context(plan, "en"))
        return f"{SLUG_PREFIX}{plan['seq']:07d}-{slugify(english)[:60].strip('-')}"


def count_documents():
    """Synthetic documents: published resource translations with a SYN- external ID."""
    return sum(
        model.objects.filter(external_id__startswith=ID_PREFIX, live=True).count()
        for model in MODELS.values()
    )


def last_sequence():
    """The highest resource number used so far (0 if none)."""
    last = 0
    for model in MODELS.values():
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
    maker = ResourceMaker(snippets, seed, now)
    writer = PageWriter()
    links = {
        model: {
            "sectors": m2m_table(model, "sectors"),
            "countries": m2m_table(model, "countries"),
            "tags": tag_table(model),
            **(
                {"recognised_in": m2m_table(model, "recognised_in")}
                if model is CertificationPage
                else {}
            ),
        }
        for model in MODELS.values()
    }
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
            plan = maker.make(seq)
            room = wanted - written - batch
            plan["languages"] = plan["languages"][:room]
            plans.append(plan)
            batch += len(plan["languages"])
        ids = iter(reserve_page_ids(cursor, batch))
        for plan in plans:
            model = MODELS[plan["kind"]]
            slug = maker.slug(plan)
            tables = links[model]
            level = plan["level"]
            for lang in plan["languages"]:
                ctx = maker.context(plan, lang)
                page_id = next(ids)
                first, last = plan["published"][lang]
                title = maker.title(plan, lang, ctx)
                writer.add(
                    model,
                    page_id,
                    sections[(plan["institution"].slug, lang)],
                    _page_values(title, slug, plan["translation_key"], snippets, lang, first, last),
                    {
                        "external_id": plan["external_id"],
                        "summary": maker.summary(plan, lang, ctx),
                        "institution_id": plan["institution"].rows[lang].id,
                        "level_id": snippets.levels[level][lang].id if level else None,
                        "licence": plan["licence"],
                        "body": json.dumps(maker.body(plan, lang, ctx), ensure_ascii=False),
                        **maker.specific(plan, lang, ctx),
                    },
                )
                for code in plan["sectors"]:
                    writer.link(
                        (model, "s"), tables["sectors"], page_id, snippets.sectors[code][lang].id
                    )
                for code in plan["countries"]:
                    country_id = snippets.countries[code][lang].id
                    writer.link((model, "c"), tables["countries"], page_id, country_id)
                    if model is CertificationPage:
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


# ---------------------------------------------------------------------------------------------
# Reset


def synthetic_page_filter():
    """Q matching every synthetic page: the "syn-library" sections and all below them."""
    condition = Q(pk__in=[])
    for path in Page.objects.filter(slug=LIBRARY_SLUG, depth=4).values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    return condition


def delete_synthetic(out):
    """Delete the synthetic pages and everything that points at them, in SQL (Wagtail's own
    delete collects every object in memory: minutes at 100,000 pages). Returns the number
    of pages deleted."""
    pages = Page.objects.filter(synthetic_page_filter())
    ids_query = pages.values("pk")
    total = pages.count()
    if not total:
        return 0
    page_models = {m for m in apps.get_models() if issubclass(m, Page)}
    page_type_ids = [ContentType.objects.get_for_model(m).id for m in page_models]
    with transaction.atomic():
        parents = list(
            Page.objects.filter(slug=LIBRARY_SLUG, depth=4).values_list("path", flat=True)
        )
        # Rows of other models that point at these pages (link tables, tags, permissions,
        # workflows, log entries...). Rows nothing else points at go in one DELETE; the others
        # through the ORM, which follows their own cascades.
        for model in apps.get_models(include_auto_created=True):
            if model in page_models:
                continue
            for f in model._meta.concrete_fields:
                if f.is_relation and f.related_model in page_models:
                    rows = model._base_manager.filter(**{f"{f.name}__in": ids_query})
                    if model._meta.related_objects:
                        rows.delete()
                    else:
                        rows._raw_delete(rows.db)
        # Generic references by object id: search index entries, revisions, the reference index.
        string_ids = pages.values_list("pk", flat=True)
        string_ids = [str(pk) for pk in string_ids]
        for label, type_field in (
            ("wagtailsearch.IndexEntry", "content_type_id"),
            ("wagtailcore.Revision", "base_content_type_id"),
            ("wagtailcore.ReferenceIndex", "base_content_type_id"),
            ("wagtailcore.WorkflowState", "base_content_type_id"),
        ):
            try:
                model = apps.get_model(label)
            except LookupError:
                continue
            for start in range(0, len(string_ids), 10_000):
                model._base_manager.filter(
                    **{
                        f"{type_field}__in": page_type_ids,
                        "object_id__in": string_ids[start : start + 10_000],
                    }
                )._raw_delete(model._base_manager.db)
        # The specific tables, then the pages.
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            where = " OR ".join(["path LIKE %s"] * len(parents))
            select = f"SELECT id FROM {quote(Page._meta.db_table)} WHERE {where}"  # noqa: S608 - table name
            cursor.execute(
                f"CREATE TEMPORARY TABLE syn_doomed ON COMMIT DROP AS {select}",
                [p + "%" for p in parents],
            )
            for model in page_models:
                if model is Page:
                    continue
                pointer = model._meta.pk.column
                cursor.execute(
                    f"DELETE FROM {quote(model._meta.db_table)} WHERE {quote(pointer)} IN (SELECT id FROM syn_doomed)"  # noqa: S608 - table names
                )
            cursor.execute(
                f"DELETE FROM {quote(Page._meta.db_table)} WHERE id IN (SELECT id FROM syn_doomed)"  # noqa: S608 - table name
            )
            # The resource libraries each lost their "syn-library" child.
            for path in parents:
                parent_path = path[: -Page.steplen]
                cursor.execute(
                    f"UPDATE {quote(Page._meta.db_table)} p SET numchild = ("  # noqa: S608 - table name
                    f"SELECT count(*) FROM {quote(Page._meta.db_table)} c "
                    "WHERE c.path LIKE p.path || '%%' AND c.depth = p.depth + 1) WHERE p.path = %s",
                    [parent_path],
                )
    out.write(f"synthetic: deleted {total:,} synthetic pages\n")
    return total


# ---------------------------------------------------------------------------------------------
# The database search backend


def database_backend_name():
    """The name of the Wagtail search backend that is the database backend, or None."""
    for name, conf in getattr(settings, "WAGTAILSEARCH_BACKENDS", {}).items():
        backend = conf.get("BACKEND", "")
        if backend.rsplit(".", 1)[-1] == "database" or backend.endswith(".database.SearchBackend"):
            return name
    if not getattr(settings, "WAGTAILSEARCH_BACKENDS", None):
        return "default"  # Wagtail's default is the database backend
    return None


def preload_parental_m2m(model, objects):
    """Load the ParentalManyToManyFields the search fields follow (sectors) for a whole chunk
    in one query. Wagtail does not prefetch them, and the database backend reads each one five
    times per object: five queries per page otherwise. Assigning the list keeps it in memory
    (modelcluster defers it until a save, which never comes); the indexed text is the same."""
    from modelcluster.fields import ParentalManyToManyField
    from wagtail.search import index

    followed = {
        f.field_name for f in model.get_search_fields() if isinstance(f, index.RelatedFields)
    }
    for f in model._meta.many_to_many:
        if not isinstance(f, ParentalManyToManyField) or f.name not in followed:
            continue
        through = f.remote_field.through
        source, target = f.m2m_field_name(), f.m2m_reverse_field_name()
        related = defaultdict(list)
        for link in through._base_manager.filter(**{f"{source}__in": objects}).select_related(
            target
        ):
            related[getattr(link, f"{source}_id")].append(getattr(link, target))
        ordering = f.related_model._meta.ordering
        for obj in objects:
            values = related.get(obj.pk, [])
            if ordering and all(isinstance(o, str) and not o.startswith("-") for o in ordering):
                values.sort(key=lambda v: tuple(getattr(v, o) for o in ordering))
            setattr(obj, f.name, values)


def unindexed_synthetic_pages():
    """{model: [ids]} of the synthetic pages (sections included) that have no entry in the
    database search backend's index yet."""
    if database_backend_name() is None:
        return {}
    entry = apps.get_model("wagtailsearch", "IndexEntry")
    quote = connection.ops.quote_name
    libraries = list(Page.objects.filter(slug=LIBRARY_SLUG, depth=4).values_list("path", flat=True))
    if not libraries:
        return {}
    where = " OR ".join(["p.path LIKE %s"] * len(libraries))
    sql = (
        f"SELECT p.content_type_id, p.id FROM {quote(Page._meta.db_table)} p "  # noqa: S608 - table names
        f"WHERE ({where}) AND NOT EXISTS (SELECT 1 FROM {quote(entry._meta.db_table)} e "
        "WHERE e.content_type_id = p.content_type_id AND e.object_id = p.id::text) ORDER BY p.id"
    )
    by_type = defaultdict(list)
    with connection.cursor() as cursor:
        cursor.execute(sql, [path + "%" for path in libraries])
        for content_type_id, page_id in cursor.fetchall():
            by_type[content_type_id].append(page_id)
    return {
        ContentType.objects.get_for_id(type_id).model_class(): ids
        for type_id, ids in by_type.items()
    }


def _index_pages(task):
    """Worker: index one slice of pages of one model with the database backend. The backend
    refreshes every entry's title norm after each chunk (a scan of the whole index table, and
    overlapping updates between workers); here that is done once, by the caller, at the end."""
    from django.db import connections
    from wagtail.search.backends import get_search_backend

    backend_name, label, ids = task
    model = apps.get_model(label)
    index = get_search_backend(backend_name).get_index_for_model(model)
    index._refresh_title_norms = lambda full=False: None
    try:
        for start in range(0, len(ids), DB_INDEX_CHUNK):
            objects = list(
                model.get_indexed_objects().filter(pk__in=ids[start : start + DB_INDEX_CHUNK])
            )
            preload_parental_m2m(model, objects)
            index.add_items(model, objects)
    finally:
        connections.close_all()
    return len(ids)


def fill_database_index(new_ids, mode, out, workers=None):
    """Put the new pages into the database search backend's index. ``mode``: "add" (only the
    new pages, with the backend's own add_items, in ``workers`` processes), "rebuild"
    (manage.py update_index for that backend: every indexed object, one process) or "none".
    Returns seconds (None when skipped)."""
    import multiprocessing

    from django.db import connections
    from wagtail.search.backends import get_search_backend

    if mode == "none":
        return None
    name = database_backend_name()
    if name is None:
        out.write("synthetic: no database search backend configured; its index is not filled\n")
        return None
    started = time.perf_counter()
    if mode == "rebuild":
        call_command("update_index", backend_name=name, verbosity=0)
        return time.perf_counter() - started

    workers = workers or os.cpu_count() or 1
    slice_size = 4 * DB_INDEX_CHUNK
    tasks = [
        (name, model._meta.label, ids[start : start + slice_size])
        for model, ids in new_ids.items()
        for start in range(0, len(ids), slice_size)
    ]
    total = sum(len(ids) for ids in new_ids.values())
    done = 0
    connections.close_all()  # the workers are forked: each opens its own connection
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for n in pool.imap_unordered(_index_pages, tasks):
            done += n
            rate = done / (time.perf_counter() - started)
            out.write(f"  {done:>8,} / {total:,} pages indexed ({rate:,.0f}/s)\r")
            out.flush()
    if total:
        out.write("\n")
        backend = get_search_backend(name)
        backend.get_index_for_model(Page)._refresh_title_norms()
    return time.perf_counter() - started


# ---------------------------------------------------------------------------------------------
# Checks


TREE_CHECKS = {
    "bad path characters, length or depth": """
        SELECT count(*) FROM {page}
        WHERE path !~ '^[0-9A-Z]+$' OR length(path) % {steplen} <> 0
           OR depth <> length(path) / {steplen}""",
    "orphans": """
        SELECT count(*) FROM {page} c WHERE c.depth > 1 AND NOT EXISTS (
            SELECT 1 FROM {page} p WHERE p.path = substr(c.path, 1, length(c.path) - {steplen}))""",
    "wrong numchild": """
        SELECT count(*) FROM {page} p LEFT JOIN (
            SELECT substr(path, 1, length(path) - {steplen}) AS parent, count(*) AS n
            FROM {page} WHERE depth > 1 GROUP BY 1) c ON c.parent = p.path
        WHERE p.numchild <> coalesce(c.n, 0)""",
    "wrong url_path": """
        SELECT count(*) FROM {page} c JOIN {page} p
            ON p.path = substr(c.path, 1, length(c.path) - {steplen})
        WHERE c.url_path <> p.url_path || c.slug || '/'""",
    "duplicate slugs among siblings": """
        SELECT count(*) FROM (
            SELECT substr(path, 1, length(path) - {steplen}), slug FROM {page}
            WHERE depth > 1 GROUP BY 1, 2 HAVING count(*) > 1) d""",
    "translations of one resource in two types or with two external IDs": """
        SELECT count(*) FROM (
            SELECT translation_key FROM {page} WHERE slug LIKE 'syn-%' AND depth > 5
            GROUP BY 1 HAVING count(DISTINCT content_type_id) > 1) d""",
}


def check_everything(out, full=False, samples=3):
    """Tree consistency (in SQL over the whole tree, and treebeard's own find_problems on a
    synthetic section, or everywhere with ``full``), .specific of every type, and rendering.
    Returns a list of problems (empty when all is well)."""
    from django.test import Client

    problems = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for label, sql in TREE_CHECKS.items():
            cursor.execute(sql.format(page=quote(Page._meta.db_table), steplen=Page.steplen))
            n = cursor.fetchone()[0]
            if n:
                problems.append(f"{n} pages: {label}")
        # Same external ID on two resources.
        for model in MODELS.values():
            dupes = (
                model.objects.filter(external_id__startswith=ID_PREFIX)
                .values("external_id")
                .annotate(keys=Count("translation_key", distinct=True))
                .filter(keys__gt=1)
                .count()
            )
            if dupes:
                problems.append(f"{dupes} external IDs of {model.__name__} used by two resources")

    if full:
        scope = None
    else:
        scope = (
            Page.objects.filter(slug__startswith=SLUG_PREFIX, depth=5, numchild__gt=0)
            .order_by("numchild")
            .first()
        )
    found = Page.find_problems(scope)
    if any(found):
        problems.append(f"treebeard find_problems: {found}")

    # WhiteNoise warns, once per client, that static files were never collected: not our subject.
    warnings.filterwarnings("ignore", message="No directory at", category=UserWarning)
    client = Client(HTTP_HOST="localhost")
    urls = []
    for kind, model in MODELS.items():
        pages = list(
            Page.objects.filter(slug__startswith=SLUG_PREFIX).type(model).order_by("?")[:samples]
        )
        if not pages:
            problems.append(f"no synthetic {kind} pages")
        for page in pages:
            specific = page.specific
            if type(specific) is not model:
                problems.append(f"page {page.pk}: .specific is {type(specific).__name__}")
            urls.append(page.url)
        # Loading them specific in bulk works too.
        list(Page.objects.filter(slug__startswith=SLUG_PREFIX).type(model).specific()[:50])
    library = Page.objects.filter(slug=LIBRARY_SLUG).order_by("path").first()
    if library is not None:
        urls.append(library.url)
    for url in urls:
        if url is None:
            problems.append("a synthetic page has no URL")
            continue
        response = client.get(url)
        if response.status_code != 200:
            problems.append(f"GET {url}: {response.status_code}")
    out.write(
        f"synthetic: checked the tree ({'whole tree' if full else 'SQL + one section'} with "
        f"treebeard), .specific and {len(urls)} page renders: "
        f"{'no problems' if not problems else f'{len(problems)} problem(s)'}\n"
    )
    for problem in problems:
        out.write(f"  PROBLEM: {problem}\n")
    return problems


# ---------------------------------------------------------------------------------------------
# Entry points


@dataclass
class GenerateStats:
    documents: int  # synthetic documents now in the database
    created: int  # created by this run
    deleted: int = 0
    sections: int = 0
    seconds: float = 0.0  # writing the pages (snippets, sections, resources, ANALYZE)
    db_index_seconds: float | None = None
    db_index_pages: int = 0
    by_language: dict = field(default_factory=dict)
    by_kind: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)

    @property
    def per_second(self):
        return self.created / self.seconds if self.seconds else 0.0


def generate(
    count,
    seed=1,
    stdout=None,
    reset=False,
    db_index="add",
    check=True,
    full_check=False,
    allow_any_database=False,
    db_index_workers=None,
):
    """Make sure there are ``count`` synthetic documents (published resource translations),
    creating the missing ones; returns GenerateStats."""
    out = stdout or sys.stdout
    check_database(allow_any_database)
    check_migrations()
    stats = GenerateStats(documents=0, created=0)
    if reset:
        started = time.perf_counter()
        stats.deleted = delete_synthetic(out)
        out.write(f"synthetic: reset in {time.perf_counter() - started:.1f} s\n")

    existing = count_documents()
    wanted = max(0, count - existing)
    stats.documents = existing
    if wanted:
        write_resources(stats, existing, wanted, seed, out)
    else:
        out.write(
            f"synthetic: {existing:,} synthetic documents already (wanted {count:,}); "
            "nothing to add\n"
        )

    pending = unindexed_synthetic_pages() if db_index == "add" else {}
    stats.db_index_pages = sum(len(ids) for ids in pending.values())
    if db_index == "rebuild" or stats.db_index_pages:
        stats.db_index_seconds = fill_database_index(pending, db_index, out, db_index_workers)
        if db_index == "rebuild":
            out.write(
                f"synthetic: database search index rebuilt (update_index, every indexed object) "
                f"in {stats.db_index_seconds:.1f} s\n"
            )
        else:
            out.write(
                f"synthetic: database search index filled for {stats.db_index_pages:,} pages in "
                f"{stats.db_index_seconds:.1f} s "
                f"({stats.db_index_pages / stats.db_index_seconds:,.0f} pages/s)\n"
            )
    if check:
        stats.problems = check_everything(out, full=full_check)
    return stats


def write_resources(stats, existing, wanted, seed, out):
    out.write(
        f"synthetic: {existing:,} synthetic documents in {database_name()!r}; adding {wanted:,} "
        f"(seed {seed})\n"
    )
    ensure_demo_content(out)
    started = time.perf_counter()
    now = timezone.now()
    with transaction.atomic():
        snippets = ensure_snippets()
        with connection.cursor() as wrapper:
            cursor = wrapper.cursor  # psycopg's own cursor, for COPY
            sections, section_ids = ensure_sections(cursor, snippets, now)
            stats.sections = len(section_ids)
            _ids, by_language, by_kind = insert_resources(
                cursor, snippets, sections, wanted, seed, now, out
            )
    with connection.cursor() as cursor:
        for model in [Page, *MODELS.values()]:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    stats.seconds = time.perf_counter() - started
    stats.created = sum(by_language.values())
    stats.documents = existing + stats.created
    stats.by_language = dict(by_language)
    stats.by_kind = dict(by_kind)
    out.write(
        f"synthetic: wrote {stats.created:,} documents in {stats.seconds:.1f} s "
        f"({stats.per_second:,.0f} documents/s); {stats.documents:,} synthetic documents now\n"
        f"  per language: "
        + ", ".join(f"{lang} {by_language[lang]:,}" for lang in LANGUAGE_CODES)
        + "\n  per type: "
        + ", ".join(f"{kind} {by_kind[kind]:,}" for kind in KINDS)
        + "\n"
    )
