"""Rows written with COPY, hundreds of times faster than Wagtail's add_child/save_revision at
100,000 pages: page rows with the treebeard paths computed here, then the rows of their
specific tables and of their many-to-many and tag tables."""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Max
from wagtail.models import Page

from .guards import SyntheticError


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


def reserve_ids(cursor, model, n):
    """``n`` ids from the sequence of ``model``'s table, for rows that others point at."""
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
        [model._meta.db_table, n],
    )
    return [row[0] for row in cursor.fetchall()]


def reserve_page_ids(cursor, n):
    return reserve_ids(cursor, Page, n)


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
            raise SyntheticError(f"synthetic: too many children below page {self.id}")
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
