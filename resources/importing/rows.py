"""Check each row on its own and turn its cells into typed values.

Everything that can be judged from the row alone is judged here: required cells, the type and
language, identifiers, integers, ISO dates, choices and lengths (using the model fields, so the
limits are the admin's). What needs the repository or other rows (taxonomies, translations,
duplicates) is ``plan``'s job. Every problem becomes a ``RowError`` naming line and column.
"""

import datetime
import json
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models

from digital_lm.languages import LANGUAGE_CODES

from .columns import (
    ALL_COLUMNS,
    LIST_COLUMNS,
    PAGE_LINK_COLUMNS,
    REQUIRED_UNLESS_TRANSLATION,
    STREAM_COLUMNS,
    TYPE_OF_COLUMN,
    TYPES,
    model_field,
    stream_field,
)

LIST_SEPARATORS = re.compile(r"[,，、]")  # Chinese spreadsheets often use the full-width comma
LEVEL_PATTERN = re.compile(r"^([A-Za-z]{2}-[A-Za-z]+)-(\d+)$")
INTEGER_PATTERN = re.compile(r"^[+-]?\d+$")
ISO_DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TAG_MAX_LENGTH = 100  # taggit's Tag.name


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    reason: str

    def __str__(self):
        return f"line {self.line}: {self.column}: {self.reason}"


@dataclass
class ParsedRow:
    line: int
    external_id: str  # shared by every language of the resource
    language: str
    type: str  # "" when a translation row leaves it to its source
    translation_of: str  # "" unless the row is a translation
    cells: dict = field(default_factory=dict)  # column -> typed value, non-empty cells only
    failed_columns: set = field(default_factory=set)  # cells already reported as wrong

    @property
    def is_translation(self):
        return bool(self.translation_of)


class CellError(Exception):
    """A cell's value is unusable; the message is the reason shown to the user."""


def parse_row(raw):
    """(ParsedRow, [RowError]) for one RawRow; the row is None when it has no usable
    external ID. A row with errors must not be imported."""
    errors = [RowError(raw.line, column, reason) for column, reason in raw.problems]
    cells = {}
    for column, value in raw.values.items():
        if column not in ALL_COLUMNS:
            errors.append(RowError(raw.line, column, "unknown column (see docs/import.md)"))
            continue
        if value in ("", []):
            continue
        try:
            cells[column] = parse_cell(column, value)
        except CellError as exc:
            errors.append(RowError(raw.line, column, str(exc)))

    required = ["title", "summary", "language"]
    if not raw.values.get("translation_of"):
        required += REQUIRED_UNLESS_TRANSLATION
    failed = {e.column for e in errors}
    errors += [
        RowError(raw.line, column, "required")
        for column in required
        if column not in cells and column not in failed
    ]
    translation_of = cells.pop("translation_of", "")
    external_id = cells.pop("external_id", "")
    if translation_of and external_id and external_id != translation_of:
        errors.append(
            RowError(
                raw.line,
                "external_id",
                "a translation keeps its source's external ID: leave it empty or write "
                f"{translation_of!r}",
            )
        )
    if not (external_id or translation_of):
        return None, errors
    # Even a row with errors is returned: its translations must know that their source failed.
    row = ParsedRow(
        line=raw.line,
        external_id=external_id or translation_of,
        language=cells.pop("language", ""),
        type=cells.pop("type", ""),
        translation_of=translation_of,
        cells=cells,
        failed_columns={e.column for e in errors},
    )
    return row, errors


def parse_cell(column, value):
    if column in LIST_COLUMNS:
        return parse_list(column, value)
    if isinstance(value, list):
        raise CellError("expected a single value, not a list")
    if column in STREAM_COLUMNS:
        return stream(column, value)
    if column in ("external_id", "translation_of"):
        return identifier(value)
    if column == "language":
        return language(value)
    if column == "type":
        return resource_type(value)
    if column == "institution":
        return value
    if column == "level":
        return level(value)
    return field_value(model_field(column), value)


def identifier(text):
    """An external ID: the model's pattern and length."""
    model_field_ = model_field("external_id")
    check_length(text, model_field_.max_length)
    try:
        model_field_.run_validators(text)
    except ValidationError as exc:
        raise CellError(f"{text!r}: " + " ".join(exc.messages)) from None
    return text


def language(text):
    code = text.lower().replace("_", "-")
    if code not in LANGUAGE_CODES:
        raise CellError(f"{text!r} is not one of the languages: {', '.join(LANGUAGE_CODES)}")
    return code


def resource_type(text):
    name = text.lower()
    if name not in TYPES:
        raise CellError(f"{text!r} is not a resource type: use {', '.join(TYPES)}")
    return name


def level(text):
    match = LEVEL_PATTERN.match(text)
    if not match:
        raise CellError(
            f"{text!r} is not a qualification level: write the framework code and the level, "
            "e.g. LA-LNQF-3 or CN-VSL-4"
        )
    return match.group(1).upper(), int(match.group(2))


def parse_list(column, value):
    items = value if isinstance(value, list) else LIST_SEPARATORS.split(value)
    result = []
    seen = set()
    for item in (i.strip() for i in items):
        if not item:
            continue
        item = item.upper() if column in ("country", "recognised_in") else item
        item = item.lower() if column == "sector" else item
        if column == "tags":
            check_length(item, TAG_MAX_LENGTH, what=f"the tag {item[:20]!r}…")
        if column in PAGE_LINK_COLUMNS:
            item = identifier(item)
        if column == "files":
            item = document_id(item)
        key = str(item).casefold()
        if key not in seen:
            seen.add(key)
            result.append(item)
    return result


def document_id(text):
    if not INTEGER_PATTERN.match(text) or int(text) <= 0:
        raise CellError(f"{text!r} is not a document ID (the number in its address in the admin)")
    return int(text)


def stream(column, text):
    """A stream written as Wagtail stores it: a JSON list of {"type": ..., "value": ...} blocks,
    checked by the field's own blocks. The JSON itself is kept, as the page will store it."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CellError(f"not valid JSON ({exc.msg} at character {exc.pos + 1})") from None
    if not isinstance(data, list) or not all(
        isinstance(block, dict) and "type" in block and "value" in block for block in data
    ):
        raise CellError('expected a JSON list of blocks: [{"type": ..., "value": ...}, ...]')
    block = stream_field(column).stream_block
    known = set(block.child_blocks)
    unknown = sorted({b["type"] for b in data} - known)
    if unknown:
        raise CellError(
            f"unknown block type(s) {', '.join(unknown)}: use {', '.join(sorted(known))}"
        )
    try:
        block.clean(block.to_python(data))
    except ValidationError as exc:
        raise CellError("; ".join(block_messages(exc))) from None
    return data


def block_messages(error, where=""):
    """'#1: title: This field is required.' for each problem in a stream's nested blocks."""
    children = getattr(error, "block_errors", None)
    if not children:
        return [f"{where}{message}" for message in error.messages]
    items = children.items() if isinstance(children, dict) else enumerate(children)
    messages = [
        message
        for key, child in items
        if child is not None
        for message in block_messages(
            child, f"{where}{f'#{key + 1}' if isinstance(key, int) else key}: "
        )
    ]
    non_block = getattr(error, "non_block_errors", None)
    return messages + [f"{where}{m}" for e in non_block or [] for m in getattr(e, "messages", [e])]


def check_length(text, max_length, what=None):
    if max_length and len(text) > max_length:
        subject = what or "the value"
        raise CellError(f"{subject} has {len(text)} characters; at most {max_length} are allowed")


def field_value(model_field_, text):
    """``text`` as a value of ``model_field_``: its choices, type, length and validators."""
    if model_field_.choices:
        by_key = {str(key).casefold(): key for key, _label in model_field_.flatchoices}
        if text.casefold() not in by_key:
            raise CellError(f"{text!r} is not one of: {', '.join(map(str, by_key.values()))}")
        return by_key[text.casefold()]
    if isinstance(model_field_, models.DateField):
        value = iso_date(text)
    elif isinstance(model_field_, models.IntegerField):
        if not INTEGER_PATTERN.match(text):
            raise CellError(f"{text!r} is not a whole number")
        value = int(text)
    else:
        value = text
        check_length(value, model_field_.max_length)
    try:
        model_field_.run_validators(value)
    except ValidationError as exc:
        raise CellError(" ".join(exc.messages)) from None
    return value


def iso_date(text):
    try:
        if not ISO_DATE_PATTERN.match(text):
            raise ValueError
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CellError(f"{text!r} is not a date written YYYY-MM-DD, e.g. 2025-10-20") from None


def other_types_columns(type_name):
    """Type-specific columns that do not belong to ``type_name``."""
    return {c for c, t in TYPE_OF_COLUMN.items() if t != type_name}
