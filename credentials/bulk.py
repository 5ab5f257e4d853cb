"""Issuing certificates from a file of learners (CSV or XLSX), for the admin's upload and the
``issue_certificates`` command: reading (with the resource import's readers), checking every
row, and issuing them all in one transaction.

A file is read in full and every row checked before anything is issued; a file with any bad
row issues nothing, and each problem names the row a spreadsheet user sees (the header is row
1), the column and what is wrong, in the user's language. Cells are text: one that starts like
a formula (``=``, ``+``, ``-``, ``@``) is a name or a result like any other.
"""

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from credentials.emails import send_link_on_commit
from credentials.issuing import Learner, issue
from credentials.models import IssuedCredential
from digital_lm.languages import LANGUAGE_CODES
from resources.importing.readers import FileError, read_csv, read_xlsx

COLUMNS = ("name", "identifier", "achieved_on", "result", "language")
REQUIRED_COLUMNS = ("name", "achieved_on")
READERS = {".csv": read_csv, ".xlsx": read_xlsx}
MAX_BYTES = 2 * 1024 * 1024  # some thousand learners; a bigger file is surely not a list of them
MAX_ROWS = 500  # about 45 ms to sign each: a request must end well within a proxy timeout
NAME_LENGTH = IssuedCredential._meta.get_field("learner_name").max_length
RESULT_LENGTH = IssuedCredential._meta.get_field("result").max_length
IDENTIFIER_LENGTH = 254  # an e-mail address's maximum
LEARNER_NUMBER = re.compile(r"^[0-9A-Za-z][0-9A-Za-z ./_-]{0,63}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class BulkFileError(Exception):
    """The file cannot be read as a list of learners; the message says why (translated)."""


@dataclass(frozen=True)
class RowError:
    line: int  # as a spreadsheet numbers it: the header is row 1
    column: str
    message: str

    def __str__(self):
        return _("row %(line)s: %(column)s: %(message)s") % {
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class Checked:
    """A file's learners (with their row) and its problems; issue only when ``ok``."""

    name: str
    rows: int = 0  # the rows with values, header not counted
    learners: list = field(default_factory=list)  # [(line, Learner)]
    errors: list = field(default_factory=list)  # [RowError]

    @property
    def ok(self):
        return bool(self.learners) and not self.errors

    @property
    def rows_with_errors(self):
        return len({error.line for error in self.errors})


# One learner's values: shared with the admin's single form -------------------------------------


def check_name(value):
    value = " ".join(str(value).split())
    if not value:
        raise ValidationError(_("The learner's name is required."))
    if len(value) > NAME_LENGTH:
        raise ValidationError(
            _("At most %(limit)d characters (this has %(count)d).")
            % {"limit": NAME_LENGTH, "count": len(value)}
        )
    return value


def check_identifier(value):
    """An e-mail address or a national learner number, or nothing."""
    value = str(value).strip()
    if not value:
        return ""
    if len(value) > IDENTIFIER_LENGTH:
        raise ValidationError(
            _("At most %(limit)d characters (this has %(count)d).")
            % {"limit": IDENTIFIER_LENGTH, "count": len(value)}
        )
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValidationError(_("This is not a valid e-mail address.")) from None
        return value
    if not LEARNER_NUMBER.match(value):
        raise ValidationError(
            _(
                "Give an e-mail address or a national learner number (letters, digits, spaces, "
                "'.', '/', '_' and '-', at most 64)."
            )
        )
    return value


def check_achieved_on(value):
    """A date (or its ISO text, YYYY-MM-DD) that is not in the future."""
    if not isinstance(value, date):
        text = str(value).strip()
        if not text:
            raise ValidationError(_("The date of achievement is required."))
        try:
            if not ISO_DATE.match(text):
                raise ValueError(text)
            value = date.fromisoformat(text)
        except ValueError:
            raise ValidationError(
                _("%(value)s is not a date written YYYY-MM-DD (e.g. 2026-03-31).") % {"value": text}
            ) from None
    if value > timezone.localdate():
        raise ValidationError(_("The date of achievement is in the future."))
    if value.year < 1950:
        raise ValidationError(_("The date of achievement is too long ago: check the year."))
    return value


def check_result(value):
    value = " ".join(str(value).split())
    if len(value) > RESULT_LENGTH:
        raise ValidationError(
            _("At most %(limit)d characters (this has %(count)d).")
            % {"limit": RESULT_LENGTH, "count": len(value)}
        )
    return value


def check_language(value, default):
    value = str(value).strip().lower()
    if not value:
        return default
    if value not in LANGUAGE_CODES:
        raise ValidationError(
            _("Unknown language %(value)s: use one of %(codes)s.")
            % {"value": value, "codes": ", ".join(LANGUAGE_CODES)}
        )
    return value


CHECKS = {
    "name": check_name,
    "identifier": check_identifier,
    "achieved_on": check_achieved_on,
    "result": check_result,
}


# A file -------------------------------------------------------------------------------------


def read_table(data, name):
    """The file's rows (resources.importing.readers' RawRow), its type by its extension."""
    suffix = PurePath(name).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        raise BulkFileError(
            _("%(name)s is not a CSV or XLSX file: save the list of learners as .csv or .xlsx.")
            % {"name": name}
        )
    if len(data) > MAX_BYTES:
        raise BulkFileError(
            _("The file is too big (%(size)s MB): at most %(limit)s MB.")
            % {"size": round(len(data) / 1024 / 1024, 1), "limit": MAX_BYTES // 1024 // 1024}
        )
    if not data.strip(b"\xef\xbb\xbf \t\r\n"):
        raise BulkFileError(_("The file is empty."))
    if suffix == ".csv":
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise BulkFileError(
                _(
                    "Row %(line)s: the file is not UTF-8 text. Save it with the UTF-8 encoding "
                    "(“CSV UTF-8” in Excel or LibreOffice)."
                )
                % {"line": data[: error.start].count(b"\n") + 1}
            ) from None
    elif not data.startswith(b"PK"):
        raise BulkFileError(
            _("This is not an .xlsx workbook: open it in a spreadsheet program and save it again.")
        )
    try:
        return reader(data, name)
    except FileError as error:
        raise BulkFileError(_("The file cannot be read: %(reason)s") % {"reason": error}) from None


def check_file(data, name, default_language):
    """Read and check every row of a file of learners (raises ``BulkFileError`` when the file
    cannot be read at all)."""
    table = read_table(data, name)
    checked = Checked(name)
    unknown = [column for column in table.columns if column not in COLUMNS]
    missing = [column for column in REQUIRED_COLUMNS if column not in table.columns]
    for column in unknown:
        checked.errors.append(
            RowError(1, column, _("Unknown column: the columns are %s.") % ", ".join(COLUMNS))
        )
    for column in missing:
        checked.errors.append(RowError(1, column, _("This column is missing from the header.")))
    if missing:
        return checked
    if not table.rows:
        raise BulkFileError(_("The file names no learner: only its header has values."))
    if len(table.rows) > MAX_ROWS:
        raise BulkFileError(
            _("The file has %(count)d learners: at most %(limit)d at a time; split it.")
            % {"count": len(table.rows), "limit": MAX_ROWS}
        )
    checked.rows = len(table.rows)
    seen = {}
    for raw in table.rows:
        learner, errors = check_row(raw, default_language)
        checked.errors += errors
        if learner is None:
            continue
        same = (learner.name.casefold(), learner.identifier.casefold(), learner.achieved_on)
        if same in seen:
            checked.errors.append(
                RowError(
                    raw.line,
                    "name",
                    _("The same learner and date as row %(line)d: one certificate each.")
                    % {"line": seen[same]},
                )
            )
            continue
        seen[same] = raw.line
        checked.learners.append((raw.line, learner))
    return checked


def check_row(raw, default_language):
    """(Learner or None, [RowError]) for one row of the file."""
    errors = []
    for column, _reason in raw.problems:  # more values than the header has columns
        errors.append(RowError(raw.line, column, _("More values than the header has columns.")))
    values = {}
    for column, check in CHECKS.items():
        try:
            values[column] = check(raw.values.get(column, ""))
        except ValidationError as error:
            errors.append(RowError(raw.line, column, " ".join(error.messages)))
    try:
        values["language"] = check_language(raw.values.get("language", ""), default_language)
    except ValidationError as error:
        errors.append(RowError(raw.line, "language", " ".join(error.messages)))
    if errors:
        return None, errors
    return Learner(**values), []


# Issuing ------------------------------------------------------------------------------------


def issue_all(certification, learners, user):
    """Issue a certificate to each learner, all or none (``issue`` raises ``PermissionDenied``
    or ``NotIssuable``); each learner given an e-mail address is sent their link once every
    certificate is stored."""
    issued = []
    with transaction.atomic():
        for learner in learners:
            credential = issue(certification, learner, user)
            send_link_on_commit(credential, learner)
            issued.append(credential)
    return issued


# What the admin's confirmation step carries (signed) between the preview and issuing.


def as_data(learners):
    return [
        [line, learner.name, learner.identifier, learner.achieved_on.isoformat(),
         learner.result, learner.language]
        for line, learner in learners
    ]  # fmt: skip


def from_data(data):
    """The learners of ``as_data``, checked again (a day may have passed)."""
    learners = []
    for line, name, identifier, achieved_on, result, language in data:
        learner = Learner(
            name=check_name(name),
            identifier=check_identifier(identifier),
            achieved_on=check_achieved_on(achieved_on),
            result=check_result(result),
            language=check_language(language, ""),
        )
        learners.append((line, learner))
    return learners
