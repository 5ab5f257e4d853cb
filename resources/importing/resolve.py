"""Resolve one row's cells into the values its page will hold, collecting every problem.

Codes become taxonomy objects in the row's language, empty cells become the model's defaults,
and the row is checked against the other languages of its resource and the model's own rules.
Kept apart from ``plan``, which decides what happens to rows, because this is what decides
whether a single row is right.
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from resources.models import NATIONAL_FRAMEWORKS

from .columns import (
    COLUMN_OF_FIELD,
    CONTENT_COLUMNS,
    DOCUMENT_LINK_COLUMNS,
    SPECIFIC_COLUMNS,
    TYPE_OF_COLUMN,
    TYPE_OF_MODEL,
    TYPES,
    content_columns,
    field_name,
    scalar_columns,
    shared_columns,
)
from .rows import RowError, other_types_columns
from .values import concrete, current


class RowChecker:
    """Resolves one row's cells into field values, collecting every problem on the way."""

    def __init__(self, repository, row, type_name, cells, managed=()):
        self.repo = repository
        self.managed = managed  # the stream and link columns the file has
        self.row = row
        self.type_name = type_name
        self.model = TYPES[type_name]
        self.cells = cells
        self.locale = self.repo.locales.get(row.language)
        self.problems = []

    def problem(self, column, reason):
        self.problems.append(RowError(self.row.line, column, reason))

    def values(self):
        cells, model = self.cells, self.model
        if self.locale is None:
            self.problem("language", f"{self.row.language} is not set up in this repository")
            return {}, None
        for column in sorted(other_types_columns(self.type_name) & cells.keys()):
            self.problem(
                column, f"only for {TYPE_OF_COLUMN[column]} rows; this is a {self.type_name}"
            )
        values = {"external_id": self.row.external_id}
        for column in scalar_columns(self.type_name):
            model_field = model._meta.get_field(column)
            if column in cells:
                values[column] = cells[column]
            elif model_field.has_default():
                values[column] = model_field.get_default()
            elif model_field.null:
                values[column] = None
            elif model_field.blank:
                values[column] = ""
            else:
                self.problem(column, f"required for a {self.type_name}")
        institution = self.institution(cells.get("institution", ""))
        values["institution"] = institution
        values["level"] = self.level(cells.get("level"))
        values["sectors"] = self.many(self.repo.sectors, cells.get("sector", []), "sector")
        values["countries"] = self.many(self.repo.countries, cells.get("country", []), "country")
        if "recognised_in" in SPECIFIC_COLUMNS[self.type_name]:
            values["recognised_in"] = self.many(
                self.repo.countries, cells.get("recognised_in", []), "recognised_in"
            )
        values["tags"] = list(cells.get("tags", []))
        values.update(self.content(cells))
        return values, institution

    def content(self, cells):
        """Streams and links, for the columns the file has (an empty cell empties them)."""
        own = content_columns(self.type_name)
        for column in sorted(cells.keys() & set(CONTENT_COLUMNS) - set(own)):
            kinds = [t for t in TYPES if column in content_columns(t)]
            self.problem(column, f"only for {' and '.join(kinds)} rows; this is a {self.type_name}")
        for column in DOCUMENT_LINK_COLUMNS:
            missing = [str(pk) for pk in cells.get(column, []) if pk not in self.repo.documents]
            if missing:
                self.problem(column, f"no document with the ID {', '.join(missing)}")
        return {field_name(c): cells.get(c, []) for c in own if c in self.managed}

    def institution(self, slug):
        institution = self.repo.local(self.repo.institutions, slug.lower(), self.locale)
        if institution is None:
            self.problem(
                "institution",
                f"no institution with the slug {slug!r}"
                + self.repo.suggest(self.repo.institutions, slug.lower()),
            )
        elif institution.translation_key not in self.repo.sectioned:
            self.problem(
                "institution",
                f"{slug!r} has no section in the resource library yet "
                "(run `manage.py setup_editorial`)",
            )
        return institution

    def level(self, key):
        if key is None:
            return None
        level = self.repo.local(self.repo.levels, key, self.locale)
        if level is None:
            framework, number = key
            if framework not in NATIONAL_FRAMEWORKS:
                self.problem(
                    "level",
                    f"{framework!r} is not a qualification framework: use "
                    f"{', '.join(NATIONAL_FRAMEWORKS)}",
                )
            else:
                highest = NATIONAL_FRAMEWORKS[framework][2]
                self.problem(
                    "level",
                    f"{framework}-{number} is not in the repository "
                    f"({framework} has levels 1 to {highest})",
                )
        return level

    def many(self, table, codes, column):
        found, missing = [], []
        for code in codes:
            obj = self.repo.local(table, code, self.locale)
            if obj is None:
                missing.append(code)
            else:
                found.append(obj)
        if missing:
            known = (
                f"; known codes: {', '.join(sorted(table))}"
                if len(table) <= 12
                else self.repo.suggest(table, missing[0])
            )
            self.problem(column, f"unknown {', '.join(missing)}{known}")
        return found

    def check_group(self, values, institution, existing, done):
        """Every language of a resource has one type, one institution and the same values in
        the fields wagtail-localize keeps synchronized."""
        if self.problems or not existing and not done:
            return
        if existing:
            page = next(iter(existing.values()))
            if type(page) is not self.model:
                self.problem(
                    "type",
                    f"{self.row.external_id} is a {TYPE_OF_MODEL.get(type(page), type(page).__name__)} "
                    f"in the repository, not a {self.type_name}",
                )
            elif page.institution.translation_key != institution.translation_key:
                self.problem(
                    "institution",
                    f"{self.row.external_id} belongs to {page.institution.slug!r} in the "
                    "repository (move it to another institution in the admin)",
                )
        if done:
            reference = done[0]
            if reference.model is not self.model:
                self.problem(
                    "type",
                    f"{self.type_name} differs from line {reference.line} "
                    f"({TYPE_OF_MODEL[reference.model]}): all languages of a resource have one "
                    "type",
                )
                return
            if reference.institution.translation_key != institution.translation_key:
                self.problem(
                    "institution",
                    f"{institution.slug!r} differs from line {reference.line} "
                    f"({reference.institution.slug!r})",
                )
            self.check_shared(values, reference.values, f"line {reference.line}")
        elif not self.problems:
            original = self.repo.original(existing)
            if original.locale_id != self.locale.pk:  # the original's own row may change them
                latest = original.get_latest_revision_as_object()
                shared = {c: getattr(latest, c) for c in shared_columns(self.model)}
                where = f"the resource's {original.locale.language_code} page"
                self.check_shared(values, shared, where)

    def check_shared(self, values, reference, where):
        for column in shared_columns(self.model):
            if values.get(column) != reference.get(column):
                self.problem(
                    column,
                    f"{values.get(column)!r} differs from {where} ({reference.get(column)!r}): "
                    f"every language of a resource has the same {column}",
                )

    def check_model(self, candidate, values):
        """The model's own rules (its clean()), as the admin applies them on save."""
        for name, value in concrete(values).items():
            setattr(candidate, name, value)
        try:
            candidate.clean()
        except ValidationError as exc:
            by_field = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
            for name, messages in by_field.items():
                column = (
                    "row" if name in (None, NON_FIELD_ERRORS) else COLUMN_OF_FIELD.get(name, name)
                )
                self.problem(column, " ".join(messages))


def cells_from_page(page):
    """(type, cells) of a resource in the repository, as if its row were in the file."""
    type_name = TYPE_OF_MODEL[type(page)]
    cells = {"institution": page.institution.slug, "licence": page.licence}
    if page.level_id:
        cells["level"] = (page.level.framework, page.level.level)
    lists = {
        "sector": [s.code.lower() for s in page.sectors.all()],
        "country": [c.code.upper() for c in page.countries.all()],
        "tags": [t.name for t in page.tags.all()],
    }
    for column in SPECIFIC_COLUMNS[type_name]:
        if column == "recognised_in":
            lists[column] = [c.code.upper() for c in page.recognised_in.all()]
        elif getattr(page, column) not in (None, ""):
            cells[column] = getattr(page, column)
    cells.update({column: items for column, items in lists.items() if items})
    for column in content_columns(type_name):
        value = current(page, field_name(column))
        if value:
            cells[column] = value
    return type_name, cells
