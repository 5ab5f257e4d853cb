"""The documented columns of a catalogue, and the model fields they fill.

Limits, choices and defaults are read from the models themselves, so the import accepts
exactly what the admin's forms accept (docs/import.md describes the same columns).
"""

import functools

from django.core.exceptions import FieldDoesNotExist

from resources.models.base import resource_types

# The value of the "type" column -> the page model; each type's own columns (a concrete field
# of that name, or recognised_in), as its model declares them.
TYPES = {kind.name: kind.model for kind in resource_types()}
TYPE_OF_MODEL = {model: name for name, model in TYPES.items()}
SPECIFIC_COLUMNS = {kind.name: kind.import_columns for kind in resource_types()}
TYPE_OF_COLUMN = {c: t for t, columns in SPECIFIC_COLUMNS.items() for c in columns}

# Columns that fill a concrete field of the same name on every resource type.
COMMON_FIELDS = ["title", "summary", "licence"]

# Columns managed only when the file has them: a file without the column leaves the field as
# editors made it in the admin. Streams are written in Wagtail's JSON form of a stream...
STREAM_COLUMNS = {"description": "body", "modules": "modules", "competencies": "competencies"}
# ...links are lists: column -> (the page's child relation, the field each link row points with).
# Links to other resources name them by external ID...
PAGE_LINK_COLUMNS = {
    "standards": ("standard_links", "standard"),
    "materials": ("material_links", "material"),
}
# ...files name documents already uploaded to the admin's Documents by their ID.
DOCUMENT_LINK_COLUMNS = {"files": ("files", "document")}
LINK_COLUMNS = {**PAGE_LINK_COLUMNS, **DOCUMENT_LINK_COLUMNS}
CONTENT_COLUMNS = [*STREAM_COLUMNS, *LINK_COLUMNS]

# Columns holding comma-separated lists (or JSON arrays).
LIST_COLUMNS = {"country", "sector", "tags", "recognised_in", *LINK_COLUMNS}

# Every column, in the order docs/import.md documents them.
ALL_COLUMNS = [
    "external_id",
    "type",
    "language",
    "translation_of",
    "title",
    "summary",
    "institution",
    "country",
    "sector",
    "level",
    "tags",
    "licence",
    *[column for columns in SPECIFIC_COLUMNS.values() for column in columns],
    "slug",
    *CONTENT_COLUMNS,
]
# A header must name these; the other columns may be left out (they count as empty).
HEADER_REQUIRED = ["title", "summary", "language"]
# Each row needs these, unless it is a translation (translation rows inherit them).
REQUIRED_UNLESS_TRANSLATION = ["external_id", "type", "institution"]

# Column -> model field name, where they differ.
FIELD_OF_COLUMN = {
    "country": "countries",
    "sector": "sectors",
    **STREAM_COLUMNS,
    **{column: relation for column, (relation, _target) in LINK_COLUMNS.items()},
}
COLUMN_OF_FIELD = {f: c for c, f in FIELD_OF_COLUMN.items()}
MANY_TO_MANY = {"sectors", "countries", "recognised_in"}
STREAM_FIELDS = set(STREAM_COLUMNS.values())
# The page's child relation -> the field of its link rows that points at the linked object.
LINK_TARGETS = dict(LINK_COLUMNS.values())


def field_name(column):
    """The model field (or child relation) that ``column`` fills."""
    return FIELD_OF_COLUMN.get(column, column)


def has_field(model, name):
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def table_values(model, cells):
    """``cells`` by column name as ``model``'s own table columns (``institution`` ->
    ``institution_id``, ``description`` -> ``body``), for writers that bypass the ORM, such as
    the benchmarks' bulk generator: a foreign key's column takes the object's id."""
    return {table_column(model, column): value for column, value in cells.items()}


@functools.cache  # the bulk generator asks for every page it writes
def table_column(model, column):
    if column not in ALL_COLUMNS:
        raise LookupError(f"{column!r} is not an import column (see docs/import.md)")
    return model._meta.get_field(field_name(column)).attname


def many_to_many_columns(model):
    """The list columns ``model`` stores in many-to-many tables: country, sector..."""
    return [
        c for c in LIST_COLUMNS if field_name(c) in MANY_TO_MANY and has_field(model, field_name(c))
    ]


def content_columns(type_name):
    """The stream and link columns of ``type_name``: those whose field its model has."""
    return [c for c in CONTENT_COLUMNS if has_field(TYPES[type_name], field_name(c))]


def stream_field(column):
    """The StreamField behind a stream column (the same block definition on every type)."""
    type_name = next(t for t in TYPES if column in content_columns(t))
    return TYPES[type_name]._meta.get_field(field_name(column))


def model_field(column):
    """The model field a scalar column fills (common columns: any resource model has it)."""
    model = TYPES[TYPE_OF_COLUMN.get(column, next(iter(TYPES)))]
    return model._meta.get_field(column)


def scalar_columns(type_name):
    """The columns of ``type_name`` stored as plain field values."""
    return COMMON_FIELDS + [c for c in SPECIFIC_COLUMNS[type_name] if c not in LIST_COLUMNS]


def shared_columns(model):
    """Columns every language of a resource must agree on: the fields wagtail-localize keeps
    synchronized and translators may not override (external_id aside, the identity itself)."""
    return [
        f.field_name
        for f in model.override_translatable_fields
        if not f.overridable and f.field_name != "external_id"
    ]
