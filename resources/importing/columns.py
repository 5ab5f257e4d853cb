"""The documented columns of a catalogue, and the model fields they fill.

Limits, choices and defaults are read from the models themselves, so the import accepts
exactly what the admin's forms accept (docs/import.md describes the same columns).
"""

from resources.models.base import resource_types

# The value of the "type" column -> the page model; each type's own columns (a concrete field
# of that name, or recognised_in), as its model declares them.
TYPES = {kind.name: kind.model for kind in resource_types()}
TYPE_OF_MODEL = {model: name for name, model in TYPES.items()}
SPECIFIC_COLUMNS = {kind.name: kind.import_columns for kind in resource_types()}
TYPE_OF_COLUMN = {c: t for t, columns in SPECIFIC_COLUMNS.items() for c in columns}

# Columns that fill a concrete field of the same name on every resource type.
COMMON_FIELDS = ["title", "summary", "licence"]

# Columns holding comma-separated lists (or JSON arrays).
LIST_COLUMNS = {"country", "sector", "tags", "recognised_in"}

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
]
# A header must name these; the other columns may be left out (they count as empty).
HEADER_REQUIRED = ["title", "summary", "language"]
# Each row needs these, unless it is a translation (translation rows inherit them).
REQUIRED_UNLESS_TRANSLATION = ["external_id", "type", "institution"]

# Column -> model field name, where they differ.
FIELD_OF_COLUMN = {"country": "countries", "sector": "sectors"}
COLUMN_OF_FIELD = {f: c for c, f in FIELD_OF_COLUMN.items()}
MANY_TO_MANY = {"sectors", "countries", "recognised_in"}


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
