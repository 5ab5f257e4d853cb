"""What is missing or out of date in each language: the state of every translation of a set of
pages, taxonomy snippets or termbase concepts in a set of languages, read with a few set-based
queries whatever the number of rows.

Each function takes a queryset of originals (one object per translation key) and language
codes, and returns ``{(row key, language code): Cell}``.
"""

import gc
import json
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, Max, OuterRef
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page, Revision
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import Translation, TranslationLog, TranslationSource

from resources.models import TermLabel

from .deadlines import page_in_review

MISSING = "missing"
DRAFT = "draft"
IN_REVIEW = "in_review"
CURRENT = "current"
OUT_OF_DATE = "out_of_date"
ORIGINAL = "original"

# The states a translation cell can be in, in the board's order (ORIGINAL is the row's source
# language, not a translation, and is never counted).
STATES = {
    MISSING: _("Missing"),
    DRAFT: _("Draft"),
    IN_REVIEW: _("In review"),
    CURRENT: _("Live and current"),
    OUT_OF_DATE: _("Live but out of date"),
}
STATE_LABELS = {**STATES, ORIGINAL: _("Original")}
# The states a translator has to act on: the board sorts rows by how long they have waited.
WAITING = (MISSING, OUT_OF_DATE)


class Cell(NamedTuple):  # a tuple: a board of 10,000 resources makes 70,000 of them
    state: str
    object_id: int | None = None  # the translated page or snippet (None when missing)
    since: datetime | None = None  # when it became missing or out of date, when known
    source_id: int | None = None  # the wagtail-localize source to sync from, if synced

    @property
    def label(self):
        return STATE_LABELS[self.state]


@contextmanager
def collector_paused():
    """Python's cycle collector paused while a board is computed: its 100,000 small tuples and
    dicts hold no cycles, and the collector's passes over them took as long as building them
    (10,000 resources: 1.2 s, 0.6 s without). It runs again after, as before."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def originals(objects):
    """One object per translation key: the first created (lowest id), the one the others were
    translated from unless wagtail-localize says otherwise."""
    earlier = objects.model._default_manager.filter(
        translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk")
    )
    return objects.filter(~Exists(earlier))


def _translations(keys):
    """{(translation key, target language): enabled wagtail-localize translation row}, with
    when its target was last written from the source (the latest TranslationLog)."""
    rows = Translation.objects.filter(source__object_id__in=keys, enabled=True).values(
        "source_id",
        "source__object_id",
        "source__locale__language_code",
        "source__last_updated_at",
        "target_locale_id",
        "target_locale__language_code",
    )
    written = {
        (log["source_id"], log["locale_id"]): log["written"]
        for log in TranslationLog.objects.filter(source__object_id__in=keys)
        .values("source_id", "locale_id")
        .annotate(written=Max("created_at"))
        .order_by()
    }
    found = {}
    for row in rows.order_by("source__last_updated_at"):
        row["written"] = written.get((row["source_id"], row["target_locale_id"]))
        found[(row["source__object_id"], row["target_locale__language_code"])] = row
    return found


def _synced_out_of_date_since(synced, source_changed_at):
    """When a synced translation fell out of date, or None if it is current: the source's
    live revision was published after wagtail-localize last extracted it, or the translated
    page was last written (TranslationLog) from an older extraction than the latest."""
    extracted, written = synced["source__last_updated_at"], synced["written"]
    if source_changed_at is not None and source_changed_at > extracted:
        return source_changed_at
    if written is None or written < extracted:
        return extracted
    return None


# A page as page_states reads it: a tuple, its timestamps as text (see _moment).
ID, LANGUAGE, LIVE, CHANGED, REVIEWED, LIVE_REVISION, CONTENT_TYPE = range(7)
FIRST_PUBLISHED, LAST_PUBLISHED, REVISED = range(7, 10)
TIMESTAMPS = {
    "first_published": "first_published_at",
    "last_published": "last_published_at",
    "revised": "latest_revision_created_at",
}


def _moment(text):
    """A timestamp the database gave as text: Django reads PostgreSQL's timestamps in Python,
    one at a time, and a board of 10,000 resources has 60,000 of them, most never compared.
    SQLite keeps naive UTC."""
    if text is None:
        return None
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _page_cell(page, original, synced, group):
    """The cell of ``page`` (None: missing), and for a cell that the dates say is out of date,
    what to compare to be sure (see _unchanged_for_translators), else None."""
    if page is None:
        since = _moment(original[FIRST_PUBLISHED] or original[REVISED])
        return Cell(MISSING, since=since), None
    if page[ID] == original[ID]:
        return Cell(ORIGINAL, page[ID]), None
    source_id = synced["source_id"] if synced is not None else None
    if page[REVIEWED]:
        return Cell(IN_REVIEW, page[ID], source_id=source_id), None
    if not page[LIVE] or page[CHANGED]:
        # Not live, or live with a newer draft (e.g. a sync) still to submit for review.
        return Cell(DRAFT, page[ID], source_id=source_id), None
    check = None
    if synced is not None:
        source_page = group.get(synced["source__locale__language_code"], original)
        published = _moment(source_page[LAST_PUBLISHED])
        since = _synced_out_of_date_since(synced, published)
        if since is not None and since == published:
            check = (EXTRACTED, source_id, source_page)
    else:
        # Written in the language without wagtail-localize: out of date once the original's
        # live revision was published after the translation's latest revision was saved.
        changed, edited = _moment(original[LAST_PUBLISHED]), _moment(page[REVISED])
        since = changed if changed and edited and changed > edited else None
        check = (EDITED, edited, original)
    if since is None:
        return Cell(CURRENT, page[ID], source_id=source_id), None
    return Cell(OUT_OF_DATE, page[ID], since=since, source_id=source_id), check


# What a translation was made from, to compare with its source's live revision: the content
# wagtail-localize extracted (synced), or the original's revision when the translation was
# last edited (written by hand).
EXTRACTED, EDITED = "extracted", "edited"


def _translated_fields(content_type_id):
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return [field.field_name for field in get_translatable_fields(model)]


def _unchanged_for_translators(checks):
    """The keys of ``checks`` ({key: check from _page_cell}) whose source did not change in
    anything a translator translates or wagtail-localize keeps in sync (a republish, a change
    of publication dates): revisions are compared, not only their dates. Three queries."""
    if not checks:
        return set()
    made_from = {}  # key -> the content the translation was made from
    sources = {check[1]: key for key, check in checks.items() if check[0] == EXTRACTED}
    for pk, content in TranslationSource.objects.filter(pk__in=sources).values_list(
        "pk", "content_json"
    ):
        made_from[sources[pk]] = json.loads(content)
    edited = {key: check for key, check in checks.items() if check[0] == EDITED}
    originals = {str(check[2][ID]) for check in edited.values()}
    history = {}
    for pk, object_id, created in (
        Revision.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page), object_id__in=originals
        )
        .order_by("created_at")
        .values_list("pk", "object_id", "created_at")
    ):
        history.setdefault(object_id, []).append((created, pk))
    then = {}  # key -> the original's last revision saved before the translation's last edit
    for key, (_kind, edited_at, original) in edited.items():
        earlier = [pk for created, pk in history.get(str(original[ID]), []) if created <= edited_at]
        if earlier:
            then[key] = earlier[-1]
    live = {key: check[2][LIVE_REVISION] for key, check in checks.items()}
    contents = dict(
        Revision.objects.filter(pk__in={*live.values(), *then.values()}).values_list(
            "pk", "content"
        )
    )
    for key, revision in then.items():
        made_from[key] = contents.get(revision)
    unchanged = set()
    for key, before in made_from.items():
        now = contents.get(live[key])
        if before is None or now is None:
            continue
        fields = _translated_fields(checks[key][2][CONTENT_TYPE])
        if all(before.get(name) == now.get(name) for name in fields):
            unchanged.add(key)
    return unchanged


def page_states(sources, languages):
    """States of the translations of the pages ``sources`` (originals) in ``languages``:
    three queries (the pages of every translation key, their translations, their logs), and
    three more when the dates say some are out of date, to compare revisions."""
    keys = sources.order_by().values("translation_key")
    pages = (
        Page.objects.filter(translation_key__in=keys)
        .annotate(
            reviewed=page_in_review(),
            **{name: Cast(field, CharField()) for name, field in TIMESTAMPS.items()},
        )
        .values_list(
            "id",
            "locale__language_code",
            "live",
            "has_unpublished_changes",
            "reviewed",
            "live_revision_id",
            "content_type_id",
            *TIMESTAMPS,
            "translation_key",
        )
        .order_by("id")
    )
    groups = {}
    for page in pages:  # by id: a translation key's first page is its original
        groups.setdefault(page[-1], {}).setdefault(page[LANGUAGE], page)
    translations = _translations(keys)
    states, checks = {}, {}
    for key, group in groups.items():
        original = next(iter(group.values()))
        for language in languages:
            cell, check = _page_cell(
                group.get(language), original, translations.get((key, language)), group
            )
            states[(key, language)] = cell
            if check is not None:
                checks[(key, language)] = check
    for unchanged in _unchanged_for_translators(checks):
        cell = states[unchanged]
        states[unchanged] = Cell(CURRENT, cell.object_id, source_id=cell.source_id)
    return states


def snippet_states(sources, languages):
    """States of the translations of the translatable snippets ``sources`` (originals):
    missing, current, or out of date when wagtail-localize extracted the source after the
    translation was last written (snippets keep no revisions, nor drafts)."""
    keys = sources.order_by().values("translation_key")
    objects = (
        sources.model._default_manager.filter(translation_key__in=keys)
        .values("pk", "translation_key", "locale__language_code")
        .order_by("pk")
    )
    groups = {}
    for row in objects:
        groups.setdefault(row["translation_key"], {}).setdefault(row["locale__language_code"], row)
    translations = _translations(keys)
    states = {}
    for key, group in groups.items():
        original = min(group.values(), key=lambda row: row["pk"])
        for language in languages:
            row = group.get(language)
            synced = translations.get((key, language))
            if row is None:
                cell = Cell(MISSING)
            elif row["pk"] == original["pk"]:
                cell = Cell(ORIGINAL, row["pk"])
            elif synced is not None and (since := _synced_out_of_date_since(synced, None)):
                cell = Cell(OUT_OF_DATE, row["pk"], since=since, source_id=synced["source_id"])
            else:
                cell = Cell(CURRENT, row["pk"])
            states[(key, language)] = cell
    return states


def term_states(concepts, languages):
    """States of termbase concepts' labels: a concept keeps its labels in every language on
    one object, so a language is current when it has a label and missing otherwise."""
    labelled = set(
        TermLabel.objects.filter(concept__in=concepts.order_by().values("pk"))
        .values_list("concept_id", "language")
        .distinct()
    )
    return {
        (pk, language): Cell(CURRENT if (pk, language) in labelled else MISSING, pk)
        for pk in concepts.values_list("pk", flat=True)
        for language in languages
    }
