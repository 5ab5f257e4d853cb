"""Check the rows against each other and the repository, and decide what each valid row does.

Nothing is written here. A dry run stops after this step and reports the plan; a real run
hands it to ``upsert``. Deciding everything first is what lets a file with one bad row write
nothing at all, and lets a dry run be exact without sending review e-mails.

Rows sharing an external ID are one resource in several languages. The first row without
``translation_of`` describes it in full; a row with ``translation_of`` is a translation whose
empty cells are taken from that row, or from the resource already in the repository.
"""

import enum
import uuid
from dataclasses import dataclass, field

from wagtail.models import Locale

from resources.models import Institution, external_ids_read_in_advance

from .columns import (
    ALL_COLUMNS,
    CONTENT_COLUMNS,
    DOCUMENT_LINK_COLUMNS,
    HEADER_REQUIRED,
    LINK_TARGETS,
    PAGE_LINK_COLUMNS,
    TYPE_OF_MODEL,
    TYPES,
)
from .readers import FileError
from .repository import Repository
from .resolve import RowChecker, cells_from_page
from .rows import ParsedRow, RowError, parse_row
from .values import differences


class Action(enum.StrEnum):
    CREATE = "create"
    TRANSLATE = "create translation"
    UPDATE = "update"
    PUBLISH = "publish"  # unchanged, but not live yet and --publish was given
    UNCHANGED = "unchanged"


@dataclass
class PlannedRow:
    row: ParsedRow
    model: type
    locale: Locale
    institution: Institution  # in the row's language where it is translated
    values: dict  # model field name -> value to store
    action: Action
    page: object = None  # the page already in this language, if any
    latest: object = None  # ...as its latest revision has it, the row's plain values set
    title: str = ""  # ...and its title before the row
    source_line: int | None = None  # a new translation copies the page of this row...
    source: object = None  # ...or, when None, this page of the repository
    new_section: bool = False  # the institution has no section in this language yet
    changed: list = field(default_factory=list)

    @property
    def line(self):
        return self.row.line

    def describe(self):
        changed = f" ({', '.join(self.changed)})" if self.action == Action.UPDATE else ""
        return (
            f"line {self.line}: {self.row.external_id} [{self.row.language}] "
            f"{TYPE_OF_MODEL[self.model]}: {self.action}{changed}"
        )


@dataclass
class Plan:
    rows: list[PlannedRow]  # the valid rows, in the order they are written
    errors: list[RowError]
    total: int  # rows in the file

    @property
    def invalid_lines(self):
        return sorted({e.line for e in self.errors})

    def count(self, *actions):
        return sum(1 for p in self.rows if p.action in actions)

    def new_sections(self):
        """'Institution name [language]' of each section a translation will need."""
        return sorted(
            {f"{p.institution.name} [{p.locale.language_code}]" for p in self.rows if p.new_section}
        )


def check_file(catalogue):
    """Problems with the header concern every row: they stop the import whatever the options."""
    columns = catalogue.columns
    if catalogue.has_header:
        if not any(c in ALL_COLUMNS for c in columns):
            raise FileError(
                "line 1: the header is missing: line 1 must name the columns, e.g. "
                f"{', '.join(ALL_COLUMNS[:5])} (see docs/import.md)."
            )
        unknown = [c for c in columns if c not in ALL_COLUMNS]
        if unknown:
            raise FileError(
                f"line 1: unknown column(s) {', '.join(unknown)}. The columns are "
                f"{', '.join(ALL_COLUMNS)} (see docs/import.md)."
            )
        missing = [c for c in HEADER_REQUIRED if c not in columns]
        if "external_id" not in columns and "translation_of" not in columns:
            missing.insert(0, "external_id")
        if missing:
            raise FileError(f"line 1: the header lacks the column(s) {', '.join(missing)}.")
    if not catalogue.rows:
        where = "below the header" if catalogue.has_header else "in the file"
        raise FileError(f"there are no resource rows {where}.")


def build_plan(catalogue, publish=False, tick=lambda: None):
    """The Plan of ``catalogue``: every row checked, every valid row's action decided."""
    check_file(catalogue)
    errors, parsed = [], []
    for raw in catalogue.rows:
        row, row_errors = parse_row(raw)
        errors += row_errors
        if row is None:
            tick()
        else:
            parsed.append(row)
    failed = {e.line for e in errors}
    linked = {i for r in parsed for c in PAGE_LINK_COLUMNS for i in r.cells.get(c, [])}
    documents = {i for r in parsed for c in DOCUMENT_LINK_COLUMNS for i in r.cells.get(c, [])}
    repository = Repository({r.external_id for r in parsed} | linked, documents)
    managed = set(catalogue.columns) & set(CONTENT_COLUMNS)
    planner = Planner(repository, publish, tick, failed, managed)
    with external_ids_read_in_advance(r.external_id for r in parsed):
        planned = planner.check_links(planner.plan(parsed))
    errors = sorted(errors + planner.errors, key=lambda e: e.line)
    # A new resource is written before its translations, which are copied from it; resources
    # linking to others after those (in every language), so that the pages they link exist.
    planned.sort(key=lambda p: (links_pages(p), p.action == Action.TRANSLATE, p.line))
    return Plan(planned, errors, total=len(catalogue.rows))


def links_pages(planned):
    """Whether the row manages links to other resources (the same for all its languages)."""
    return any(relation in planned.values for relation, _ in PAGE_LINK_COLUMNS.values())


def link_target(model, relation):
    """The page model a link of ``relation`` points at."""
    link_model = model._meta.get_field(relation).related_model
    return link_model._meta.get_field(LINK_TARGETS[relation]).related_model


class Planner:
    def __init__(self, repository, publish, tick, failed, managed=()):
        self.repo = repository
        self.publish = publish
        self.tick = tick
        self.errors = []
        self.failed = set(failed)  # lines with errors: not planned, nor sources of translations
        self.managed = managed  # the stream and link columns the file has

    def fail(self, row, column, reason):
        self.errors.append(RowError(row.line, column, reason))
        self.failed.add(row.line)

    def plan(self, rows):
        self.mark_duplicates(rows)
        groups = {}
        for row in rows:
            groups.setdefault(row.external_id, []).append(row)
        planned = []
        for external_id, group in groups.items():
            planned += self.plan_group(external_id, group)
        return planned

    def mark_duplicates(self, rows):
        """Two rows for the same resource and language: neither can be trusted."""
        lines = {}
        for row in (r for r in rows if r.language):
            lines.setdefault((row.external_id, row.language), []).append(row)
        for (external_id, language), same in lines.items():
            for row in same if len(same) > 1 else []:
                others = ", ".join(str(r.line) for r in same if r is not row)
                self.fail(
                    row, "external_id", f"{external_id} [{language}] is also on line {others}"
                )

    def plan_group(self, external_id, rows):
        try:
            existing = self.repo.resource(external_id)
        except ValueError:
            for row in rows:
                self.fail(row, "external_id", "used by several resources in the repository")
            existing = None
        done = []
        full = [r for r in rows if not r.is_translation]
        for row in full:
            if existing is not None:
                self.keep(done, self.plan_row(row, row.type, row.cells, existing, done))
            self.tick()
        base = full[0] if full else None
        for row in (r for r in rows if r.is_translation):
            source = self.source_cells(row, base, existing) if existing is not None else None
            if source is not None:
                type_name, cells = source
                planned = self.plan_row(
                    row, row.type or type_name, {**cells, **row.cells}, existing, done
                )
                self.keep(done, planned)
            self.tick()
        return done

    @staticmethod
    def keep(done, planned):
        if planned is not None:
            done.append(planned)

    def source_cells(self, row, base, existing):
        """(type, cells) a translation row starts from: its source row's, else the resource's
        in the repository."""
        if base is not None:
            if base.line in self.failed:
                if row.line not in self.failed:
                    self.fail(
                        row, "translation_of", f"the source row (line {base.line}) has errors"
                    )
                return None
            return base.type, base.cells
        if existing:
            return cells_from_page(self.repo.original(existing).get_latest_revision_as_object())
        self.fail(
            row,
            "translation_of",
            f"no resource {row.translation_of!r} in this file or in the repository",
        )
        return None

    def plan_row(self, row, type_name, cells, existing, done):
        """The PlannedRow of ``row`` with these ``cells``, or None (errors recorded).

        A row that already failed is still checked, so that its author sees all its problems
        at once, but never planned."""
        if type_name not in TYPES:
            return None  # the type cell is missing or wrong: reported already
        checker = RowChecker(self.repo, row, type_name, cells, self.managed)
        values, institution = checker.values()
        checker.check_group(values, institution, existing, done)
        if checker.problems:
            return self.reject(row, checker.problems)
        locale = self.repo.locales[row.language]
        page = existing.get(locale.pk)
        latest = page.get_latest_revision_as_object() if page is not None else None
        # Its title now: check_model below sets the row's on it (``latest`` may be the page).
        title = latest.title if latest is not None else ""
        changed = differences(latest, values) if latest is not None else []
        candidate = latest or checker.model(
            locale=locale,
            translation_key=next(iter(existing.values())).translation_key
            if existing
            else uuid.uuid4(),
        )
        checker.check_model(candidate, values)
        if checker.problems or row.line in self.failed:
            return self.reject(row, checker.problems)
        if page is not None:
            action = (
                Action.UPDATE
                if changed
                else Action.PUBLISH
                if self.publish and not page.live
                else Action.UNCHANGED
            )
        else:
            action = Action.TRANSLATE if existing or done else Action.CREATE
        planned = PlannedRow(row, checker.model, locale, institution, values, action, page)
        planned.changed = changed
        planned.latest, planned.title = latest, title
        if action == Action.TRANSLATE:
            if done and done[0].action != Action.TRANSLATE:
                planned.source_line = done[0].line
            else:
                planned.source = self.repo.original(existing)
        if action in (Action.CREATE, Action.TRANSLATE):
            section = (institution.translation_key, locale.pk)
            planned.new_section = section not in self.repo.sections
        return planned

    def check_links(self, planned):
        """Drop the rows linking to a resource that has no page of the right type in their
        language, in this file or the repository, and the translations copied from them."""
        while True:
            known = {
                (page.external_id, page.locale_id): type(page)
                for pages in self.repo.pages.values()
                for page in pages
            }
            known.update({(p.row.external_id, p.locale.pk): p.model for p in planned})
            for p in planned:
                self.check_row_links(p, known)
                if p.source_line in self.failed and p.line not in self.failed:
                    self.fail(p.row, "row", f"the source row (line {p.source_line}) has errors")
            kept = [p for p in planned if p.line not in self.failed]
            if len(kept) == len(planned):
                return kept
            planned = kept

    def check_row_links(self, planned, known):
        for column, (relation, _target) in PAGE_LINK_COLUMNS.items():
            model = link_target(planned.model, relation) if relation in planned.values else None
            missing = [
                external_id
                for external_id in planned.values.get(relation, [])
                if known.get((external_id, planned.locale.pk)) is not model
            ]
            if missing:
                self.fail(
                    planned.row,
                    column,
                    f"no {TYPE_OF_MODEL[model]} {', '.join(missing)} in "
                    f"{planned.row.language}, in this file or the repository",
                )

    def reject(self, row, problems):
        self.errors += [p for p in problems if p.column not in row.failed_columns]
        self.failed.add(row.line)
        return None
