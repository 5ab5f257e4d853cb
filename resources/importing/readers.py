"""Read a catalogue file into rows of cells keyed by column name.

Every row keeps the line number its author sees: the spreadsheet row for CSV and XLSX (the
header is line 1), the physical line for JSON Lines. Every later message points there.

A file that cannot be read at all (unknown type, bad encoding, broken JSON, not a workbook,
empty, no header) raises ``FileError`` with a message meant for the person who made the file;
problems confined to one row are attached to that row instead, so the other rows can still be
checked and reported together.
"""

import csv
import datetime
import io
import json
import warnings
from dataclasses import dataclass, field
from pathlib import Path

SUPPORTED = ".csv, .xlsx or .jsonl"
# What a spreadsheet takes for the start of a formula. An exported CSV writes such a cell
# after a quote ('=...), as spreadsheets themselves do; reading takes the quote off again.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class FileError(Exception):
    """The file cannot be read as a catalogue; the message says why and what to do."""


@dataclass
class RawRow:
    """One row as written: cell text (or a list of texts, from JSON arrays) by column name."""

    line: int
    values: dict[str, str | list[str]]
    problems: list[tuple[str, str]] = field(default_factory=list)  # (column, reason)


@dataclass
class Catalogue:
    name: str
    columns: list[str]  # normalised column names, in the file's order
    rows: list[RawRow]
    has_header: bool  # CSV and XLSX: the columns come from line 1


def normalise_column(name):
    """'External ID ' -> 'external_id': header cells are matched forgivingly."""
    return "_".join(str(name).strip().lower().replace("-", " ").split())


def read_catalogue(path):
    """The catalogue in ``path``, its format chosen by the file extension."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise FileError("old .xls workbooks are not supported: save it as .xlsx (Excel 2007+).")
    reader = READERS.get(suffix)
    if reader is None:
        raise FileError(
            f"unknown file type {suffix or '(no extension)'!r}: use {SUPPORTED} "
            "(see docs/import.md)."
        )
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise FileError("no such file.") from None
    except IsADirectoryError:
        raise FileError("this is a folder, not a file.") from None
    except OSError as exc:
        raise FileError(f"cannot be read: {exc.strerror}.") from None
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        raise FileError("the file is empty.")
    return reader(data, path.name)


def decode(data):
    """UTF-8 text, with or without the byte-order mark spreadsheet programs write."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise FileError(
            f"line {line}: the file is not UTF-8 text (byte 0x{data[exc.start]:02x}). Save it "
            "with the UTF-8 encoding, e.g. 'CSV UTF-8' in Excel or LibreOffice."
        ) from None


# CSV ----------------------------------------------------------------------------------------


def sniff_delimiter(text):
    """',' unless the header clearly uses ';' or tabs, as spreadsheets in some locales save."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] > counts[","] else ","


def read_csv(data, name):
    text = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text), strict=True)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise FileError(
            f"line {reader.line_num}: not valid CSV ({exc}). Check the quotes around values "
            "that contain commas or line breaks."
        ) from None
    records = [[unquote_formula(cell) for cell in record] for record in records]
    # Spreadsheet row numbers count records, not physical lines: a quoted value may span lines.
    return table(name, [(number, cells) for number, cells in enumerate(records, start=1)])


def unquote_formula(cell):
    """'=SUM(...) as =SUM(...): the quote only kept a spreadsheet from running it."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def table(name, numbered_rows):
    """Rows of cells under a header on line 1, as in CSV files and worksheets."""
    if not numbered_rows or not any(str(c).strip() for c in numbered_rows[0][1]):
        raise FileError("line 1: the header is missing: line 1 must name the columns.")
    _number, header_cells = numbered_rows[0]
    columns = [normalise_column(c) for c in header_cells]
    while columns and not columns[-1]:
        columns.pop()
    seen = set()
    for index, column in enumerate(columns, start=1):
        if not column:
            raise FileError(f"line 1: column {index} of the header has no name.")
        if column in seen:
            raise FileError(f"line 1: the column {column!r} appears twice in the header.")
        seen.add(column)
    rows = []
    for number, cells in numbered_rows[1:]:
        cells = [cell_text(c) for c in cells]
        if not any(cells):
            continue  # blank lines, common at the end of sheets
        row = RawRow(number, dict(zip(columns, cells, strict=False)))
        extra = [c for c in cells[len(columns) :] if c]
        if extra:
            row.problems.append(
                (
                    "row",
                    f"{len(columns) + len(extra)} values but the header names {len(columns)} "
                    "columns (a value containing a comma must be in quotes)",
                )
            )
        rows.append(row)
    return Catalogue(name, columns, rows, has_header=True)


def cell_text(value):
    """A cell as text: numbers without a spurious '.0', dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value).strip()


# XLSX ---------------------------------------------------------------------------------------


def read_xlsx(data, name):
    """The first worksheet; formulas are read as the values the spreadsheet last computed."""
    import openpyxl

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not need
            workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # any failure to open means the same thing to the user
        raise FileError(
            f"not a valid .xlsx workbook ({type(exc).__name__}). Open it in a spreadsheet "
            "program and save it again as .xlsx."
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows = list(enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1))
    finally:
        workbook.close()
    return table(name, rows)


# JSON Lines ---------------------------------------------------------------------------------


def read_jsonl(data, name):
    """One JSON object per line; blank lines are ignored. Arrays are allowed for list columns."""
    text = decode(data)
    rows = []
    columns = {}
    # Split on newlines only: JSON strings may hold U+2028 and other "line breaks" unescaped.
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FileError(
                f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})."
            ) from None
        if not isinstance(obj, dict):
            raise FileError(
                f"line {number}: each line must be one JSON object {{...}}, "
                f"not a {type(obj).__name__}."
            )
        row = RawRow(number, {})
        for key, value in obj.items():
            column = normalise_column(key)
            columns.setdefault(column, None)
            row.values[column] = json_cell(value, column, row)
        rows.append(row)
    return Catalogue(name, list(columns), rows, has_header=False)


def json_cell(value, column, row):
    if isinstance(value, list):
        items = []
        for item in value:
            if isinstance(item, dict | list):
                row.problems.append((column, "a list may only hold texts and numbers"))
                return ""
            items.append(cell_text(item))
        return items
    if isinstance(value, dict):
        row.problems.append((column, "expected a text, a number or a list, not an object"))
        return ""
    return cell_text(value)


READERS = {".csv": read_csv, ".xlsx": read_xlsx, ".jsonl": read_jsonl, ".ndjson": read_jsonl}
