"""An institution's catalogue written out in the import's own columns and formats (CSV, XLSX,
JSON Lines), to be edited in a spreadsheet and imported back: a file exported and imported
as it is changes nothing.

Each page is written as its latest revision holds it, which is what the import compares with
(what an editor sees in the admin), in every language the resource has.
"""

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Q
from wagtail.models import Locale

from resources.editorial import roles
from resources.models import Institution, InstitutionEditorial, resource_page_models

from .columns import (
    ALL_COLUMNS,
    CONTENT_COLUMNS,
    LIST_COLUMNS,
    STREAM_COLUMNS,
    field_name,
    has_field,
)
from .readers import FORMULA_STARTS, SUPPORTED, FileError
from .resolve import cells_from_page

# Every column but ``translation_of``: an exported translation names its resource by the
# external ID all its languages share.
COLUMNS = [column for column in ALL_COLUMNS if column != "translation_of"]


def exportable_institutions(user):
    """The institutions whose catalogue ``user`` may export, in the default language: their
    own, as one of its editors or reviewers; every one for the alliance and the site
    administrators. (Translators write in other institutions' sections, but a catalogue holds
    the institution's drafts in every language.)"""
    institutions = Institution.objects.filter(locale=Locale.get_default()).order_by("name")
    if not user.is_authenticated:
        return institutions.none()
    whole_alliance = [roles.ALLIANCE_REVIEWERS, roles.SITE_ADMINISTRATORS]
    if user.is_superuser or user.groups.filter(name__in=whole_alliance).exists():
        return institutions
    groups = user.groups.all()
    members = InstitutionEditorial.objects.filter(Q(editors__in=groups) | Q(reviewers__in=groups))
    return institutions.filter(translation_key__in=members.values("institution_key"))


def institution_pages(institution):
    """The resource pages of ``institution`` in every language, as their latest revisions hold
    them, a resource's languages together (its original first)."""
    keys = Institution.objects.filter(translation_key=institution.translation_key)
    pages = []
    for model in resource_page_models():
        found = model.objects.filter(institution__in=keys, alias_of__isnull=True)
        pages += found.select_related("locale", "latest_revision")
    pages.sort(key=lambda page: (page.external_id, page.pk))
    return [page.get_latest_revision_as_object() for page in pages]


def row_of(page):
    """{column: value} of ``page``: texts, lists of texts, and streams as Wagtail stores them."""
    type_name, cells = cells_from_page(page)
    row = {
        "external_id": page.external_id,
        "type": type_name,
        "language": page.locale.language_code,
        "title": page.title,
        "summary": page.summary,
        "slug": page.slug,
        **cells,
    }
    if "level" in row:
        framework, level = row["level"]
        row["level"] = f"{framework}-{level}"
    for column in CONTENT_COLUMNS:  # empty ones too: the file then keeps them empty
        if has_field(type(page), field_name(column)):
            row.setdefault(column, [])
    return row


def text_of(column, value):
    """A value as one spreadsheet cell's text."""
    if column in STREAM_COLUMNS:
        return json.dumps(value, ensure_ascii=False) if value else ""
    if column in LIST_COLUMNS:
        return ", ".join(str(item) for item in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return "" if value is None else str(value)


def write_catalogue(rows, path):
    """Write ``rows`` (``row_of``) to ``path``, in the format its extension names."""
    path = Path(path)
    path.write_bytes(catalogue_bytes(rows, path.suffix))


def catalogue_bytes(rows, suffix):
    """The file of ``rows`` (``row_of``) in the format of the extension ``suffix``."""
    file_format = FORMATS.get(suffix.lower())
    if file_format is None:
        raise FileError(f"unknown file type {suffix or '(no extension)'!r}: use {SUPPORTED}.")
    return file_format.write(list(rows))


def _table(rows):
    """The header and the cells' texts of every row, columns in the documented order."""
    used = {column for row in rows for column in row}
    header = [column for column in COLUMNS if column in used]
    return header, [[text_of(c, row[c]) if c in row else "" for c in header] for row in rows]


def _csv(rows):
    header, cells = _table(rows)
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    # A spreadsheet would run a cell that starts like a formula: it is written after a quote,
    # which the import takes off again.
    writer.writerows([[f"'{c}" if c.startswith(FORMULA_STARTS) else c for c in r] for r in cells])
    return out.getvalue().encode("utf-8-sig")  # the BOM tells Excel the file is UTF-8


def _xlsx(rows):
    import openpyxl

    header, cells = _table(rows)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "catalogue"
    sheet.append(header)
    for texts in cells:
        sheet.append(texts)
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.data_type = "s"  # text, never a formula, whatever it starts with
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _jsonl(rows):
    lines = []
    for row in rows:
        obj = {}
        for column in COLUMNS:
            if column not in row:
                continue
            value = row[column]
            if column in STREAM_COLUMNS:
                obj[column] = text_of(column, value)
            elif column in LIST_COLUMNS:
                obj[column] = list(value)
            else:
                obj[column] = text_of(column, value)
        lines.append(json.dumps(obj, ensure_ascii=False))
    return ("\n".join(lines) + "\n").encode()


@dataclass(frozen=True)
class Format:
    label: str
    content_type: str
    write: Callable


# The formats a catalogue is exported in, by extension, in the order they are offered.
FORMATS = {
    ".xlsx": Format(
        "Excel (.xlsx)",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _xlsx,
    ),
    ".csv": Format("CSV, UTF-8 (.csv)", "text/csv; charset=utf-8", _csv),
    ".jsonl": Format("JSON Lines (.jsonl)", "application/x-ndjson; charset=utf-8", _jsonl),
}
