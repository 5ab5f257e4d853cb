"""The translation board (Reports → Translation board): what is missing or out of date in each
language, one row per resource (or taxonomy term), one column per language, with the actions
that start, continue or sync each translation, and per column the creation of every missing
translation of the selection as drafts submitted for review.

The alliance (its reviewers, site administrators) sees every institution and language;
translators every institution in the languages they translate into; institution editors and
reviewers their own institution's resources in every language.
"""

from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.urls import path, reverse, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale, Page

from digital_lm.languages import LANGUAGE_CODES, language_name
from resources.editorial import roles, translation_states
from resources.editorial.translation import create_translations, locales_user_can_write
from resources.editorial.translation_states import MISSING, STATES, WAITING
from resources.models import (
    Country,
    Institution,
    InstitutionEditorial,
    QualificationLevel,
    Sector,
    TermConcept,
)
from resources.models.base import resource_page_models, resource_type, resource_types
from resources.reports import TranslatedExportReportView

# The taxonomies whose names are translated, as the board's "kind" filter names them.
TAXONOMY_MODELS = {
    "institution": Institution,
    "sector": Sector,
    "qualificationlevel": QualificationLevel,
    "country": Country,
}
TERMBASE = "termconcept"
ORDERINGS = {
    "age": gettext_lazy("Waiting longest first"),
    "-age": gettext_lazy("Waiting shortest first"),
    "title": gettext_lazy("Title"),
}


@dataclass(frozen=True)
class BoardScope:
    """What a user's board shows: institutions (translation keys; None: all), languages."""

    institutions: frozenset | None
    languages: tuple
    taxonomies: bool


def board_scope(user):
    """The user's BoardScope, or None when the board is not for them."""
    if not user.is_authenticated or not user.is_active:
        return None
    groups = dict(user.groups.values_list("pk", "name"))
    names = set(groups.values())
    if user.is_superuser or names & {roles.ALLIANCE_REVIEWERS, roles.SITE_ADMINISTRATORS}:
        return BoardScope(None, tuple(LANGUAGE_CODES), True)
    institutions = frozenset(
        InstitutionEditorial.objects.filter(
            Q(editors__in=list(groups)) | Q(reviewers__in=list(groups))
        ).values_list("institution_key", flat=True)
    )
    if institutions:
        return BoardScope(institutions, tuple(LANGUAGE_CODES), False)
    translated = tuple(c for c in LANGUAGE_CODES if roles.translators_group_name(c) in names)
    if translated:
        return BoardScope(None, translated, True)
    return None


def resources_where(**lookups):
    """A Page filter: resources of any type matching ``lookups`` on their resource fields."""
    matches = Q(pk__in=[])
    for model in resource_page_models():
        matches |= Q(pk__in=model.objects.filter(**lookups).values("pk"))
    return matches


def original_choices(model, keys=None):
    """(translation key, name) of a taxonomy's originals, ``keys`` only when given."""
    objects = translation_states.originals(model.objects.all())
    if keys is not None:
        objects = objects.filter(translation_key__in=keys)
    return [(str(key), name) for key, name in objects.values_list("translation_key", "name")]


class BoardFilterSet(WagtailFilterSet):
    """The filters the board applies in the database; language and state are applied to the
    computed cells (their filter methods leave the queryset alone)."""

    language = django_filters.ChoiceFilter(label=gettext_lazy("Language"), method="on_cells")
    state = django_filters.ChoiceFilter(
        label=gettext_lazy("State"), choices=list(STATES.items()), method="on_cells"
    )
    ordering = django_filters.ChoiceFilter(
        label=gettext_lazy("Sort"),
        choices=list(ORDERINGS.items()),
        method="on_cells",
        empty_label=ORDERINGS["age"],
    )

    class Meta:
        model = Page
        fields = []

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["language"].extra["choices"] = [
            (code, language_name(code)) for code in scope.languages
        ]

    def _add_locale_filter(self):
        """The board's columns are the languages: no locale filter on its rows."""

    def on_cells(self, queryset, name, value):
        return queryset


class ResourceBoardFilterSet(BoardFilterSet):
    institution = django_filters.ChoiceFilter(
        label=gettext_lazy("Institution"), method="by_institution"
    )
    resource_type = django_filters.ChoiceFilter(
        label=gettext_lazy("Resource type"), method="by_type"
    )
    sector = django_filters.ChoiceFilter(label=gettext_lazy("Sector"), method="by_sector")

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, scope=scope, **kwargs)
        self.filters["institution"].extra["choices"] = original_choices(
            Institution, scope.institutions
        )
        self.filters["resource_type"].extra["choices"] = [
            (kind.name, kind.label) for kind in resource_types()
        ]
        self.filters["sector"].extra["choices"] = original_choices(Sector)

    def by_institution(self, queryset, name, value):
        return queryset.filter(resources_where(institution__translation_key=value))

    def by_type(self, queryset, name, value):
        return queryset.type(resource_type(value).model)

    def by_sector(self, queryset, name, value):
        return queryset.filter(resources_where(sectors__translation_key=value))


class TaxonomyBoardFilterSet(BoardFilterSet):
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Kind"), method="on_cells")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["kind"].extra["choices"] = [
            (name, model._meta.verbose_name_plural.capitalize())
            for name, model in {**TAXONOMY_MODELS, TERMBASE: TermConcept}.items()
        ]


@dataclass
class BoardCell:
    language: str
    cell: translation_states.Cell
    action: str = ""  # what the link does, for the user
    url: str = ""
    review_url: str = ""  # a synced translation to submit for review (POST)

    @property
    def state(self):
        return self.cell.state


@dataclass
class BoardRow:
    """One resource or term: its original and the state of each shown language.

    Every row of the selection is counted and sorted, but only the rows shown get their
    BoardCells and links (``cells``): a board of 10,000 resources builds 50 rows' worth."""

    key: object
    title: str
    kind: str
    institution: str
    edit_url: str
    translate: object  # callable(user, locale) creating the translation, or None
    languages: tuple = ()
    states: tuple = ()  # translation_states.Cell per language, in ``languages``' order
    links: object = None  # callable(cell, language) -> (action, URL)

    @cached_property
    def since(self):
        """When its oldest missing or out-of-date translation started waiting."""
        waiting = [c.since for c in self.states if c.state in WAITING and c.since]
        return min(waiting) if waiting else None

    @cached_property
    def cells(self):
        return [
            BoardCell(language, c) for language, c in zip(self.languages, self.states, strict=True)
        ]

    def cell(self, language):
        """The translation_states.Cell of ``language``, or None if it is not shown."""
        if language not in self.languages:
            return None
        return self.states[self.languages.index(language)]


def age_order(row, now):
    """Longest waiting first, rows with nothing (or nothing dated) waiting last."""
    waiting = any(c.state in WAITING for c in row.states)
    return (not waiting, row.since or now, row.title)


class BoardView(TranslatedExportReportView):
    """What the resource and taxonomy boards share: scope, cells, counts, sorting, export."""

    header_icon = "globe"
    template_name = "resources/reports/translation_board.html"
    results_template_name = "resources/reports/translation_board_results.html"
    paginate_by = 50
    create_url_name = ""
    review_url_name = ""

    def dispatch(self, request, *args, **kwargs):
        self.scope = board_scope(request.user)
        if self.scope is None or not self.allowed(self.scope):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def allowed(self, scope):
        return True

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "scope": self.scope}

    def choice(self, name):
        if self.filters is None or not self.filters.is_valid():
            return ""
        return self.filters.form.cleaned_data.get(name) or ""

    @cached_property
    def languages(self):
        chosen = self.choice("language")
        return (chosen,) if chosen else self.scope.languages

    @cached_property
    def writable(self):
        """Languages the user may create translations in."""
        if not self.request.user.has_perm("wagtail_localize.submit_translation"):
            return set()
        codes = locales_user_can_write(self.request.user).values_list("language_code", flat=True)
        return set(codes) & set(self.languages)

    def get_filtered_queryset(self):
        with translation_states.collector_paused():
            return self.sorted_rows()

    def sorted_rows(self):
        rows = self.build_rows()
        self.counts = {language: Counter() for language in self.languages}
        for row in rows:
            for language, cell in zip(self.languages, row.states, strict=True):
                self.counts[language][cell.state] += 1
        state = self.choice("state")
        if state:
            rows = [row for row in rows if any(c.state == state for c in row.states)]
        ordering = self.choice("ordering") or "age"
        if ordering == "title":
            rows.sort(key=lambda row: row.title.casefold())
        else:
            now = timezone.now()
            rows.sort(key=lambda row: age_order(row, now), reverse=ordering == "-age")
        return rows

    def board_url(self, url_name):
        query = self.request.GET.copy()
        query.pop("export", None)
        return reverse(url_name) + (f"?{query.urlencode()}" if query else "")

    def give_states(self, row, states, links):
        """The row's states in the shown languages, and how to link its cells once shown."""
        row.languages = self.languages
        row.states = tuple(states[(row.key, language)] for language in self.languages)
        row.links = links
        return row

    def decorate_paginated_queryset(self, object_list):
        if self.is_export:  # every row, and no links in a spreadsheet
            return object_list
        for row in object_list:
            for board_cell in row.cells:
                if board_cell.language in self.writable:
                    links = row.links
                    board_cell.action, board_cell.url = links(board_cell.cell, board_cell.language)
                    board_cell.review_url = self.review_url(board_cell.cell, board_cell.language)
        return object_list

    def review_url(self, cell, language):
        """A synced page translation, once synced or drafted, goes to review from the board."""
        if (
            self.review_url_name
            and language in self.writable
            and cell.source_id
            and cell.state in (translation_states.DRAFT, translation_states.OUT_OF_DATE)
        ):
            return reverse(self.review_url_name, args=[cell.object_id])
        return ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["languages"] = [
            {
                "code": code,
                "name": language_name(code),
                "counts": [
                    (state, label, self.counts[code][state]) for state, label in STATES.items()
                ],
                "missing": self.counts[code][MISSING],
                "can_create": code in self.writable and self.counts[code][MISSING] > 0,
            }
            for code in self.languages
        ]
        context["create_url"] = self.board_url(self.create_url_name)
        context["state_labels"] = STATES
        return context

    # The export: one column per language, each cell's state in words, and the waiting date.
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.list_export = ["title", "kind", "institution", "waiting_since"]

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            self.list_export = [*self.list_export, *self.languages]
            self.export_headings = {
                "title": _("Title"),
                "kind": _("Kind"),
                "institution": _("Institution"),
                "waiting_since": _("Waiting since"),
                **{code: language_name(code) for code in self.languages},
            }
            # Written out now, while the user's language is active: the file streams later.
            context["object_list"] = [self.export_row(row) for row in context["object_list"]]
        return super().render_to_response(context, **response_kwargs)

    def export_row(self, row):
        values = {
            "title": row.title,
            "kind": str(row.kind),
            "institution": row.institution,
            "waiting_since": date_format(row.since, "Y-m-d") if row.since else "",
        }
        labels = self.export_labels
        values.update(zip(self.languages, (labels[c.state] for c in row.states), strict=True))
        return values

    @cached_property
    def export_labels(self):
        return {state: str(label) for state, label in translation_states.STATE_LABELS.items()}

    def to_row_dict(self, item):
        return {name: item.get(name, "") for name in self.list_export}


class ResourceBoardView(BoardView):
    page_title = gettext_lazy("Translation board")
    index_url_name = "translation_board"
    index_results_url_name = "translation_board_results"
    create_url_name = "translation_board_create_pages"
    review_url_name = "dlm_submit_translation_for_review"
    filterset_class = ResourceBoardFilterSet
    model = Page
    export_filename = "translation-board"

    def get_queryset(self):
        pages = translation_states.originals(Page.objects.type(*resource_page_models()))
        if self.scope.institutions is not None:
            pages = pages.filter(
                resources_where(institution__translation_key__in=self.scope.institutions)
            )
        return pages

    def build_rows(self):
        sources = self.filter_queryset(self.get_queryset())
        states = translation_states.page_states(sources, self.languages)
        institutions = {}
        for model in resource_page_models():
            ids = model.objects.filter(pk__in=sources.order_by().values("pk"))
            institutions.update(ids.values_list("pk", "institution__name"))
        kinds = {
            ContentType.objects.get_for_model(kind.model).pk: kind.label
            for kind in resource_types()
        }
        rows = []
        for page in sources.values("pk", "translation_key", "title", "content_type_id"):
            row = BoardRow(
                key=page["translation_key"],
                title=page["title"],
                kind=kinds.get(page["content_type_id"], ""),
                institution=institutions.get(page["pk"], ""),
                edit_url=reverse_lazy(
                    "wagtailadmin_pages:edit", args=[page["pk"]]
                ),  # shown rows only
                translate=translate_page(page["pk"]),
            )
            rows.append(self.give_states(row, states, self.page_links(page["pk"])))
        return rows

    @cached_property
    def back_to_board(self):
        return urlencode({"next": self.board_url(self.index_url_name)})

    def page_links(self, page_id):
        back = self.back_to_board

        def links(cell, language):
            if cell.state == MISSING:
                url = reverse("dlm_submit_page_translation", args=[page_id])
                return _("Translate"), f"{url}?{back}"
            if cell.state == translation_states.OUT_OF_DATE and cell.source_id:
                url = reverse("dlm_update_translations", args=[cell.source_id])
                return _("Sync"), f"{url}?{back}"
            if cell.state in (translation_states.ORIGINAL, translation_states.CURRENT):
                return _("Edit"), reverse("wagtailadmin_pages:edit", args=[cell.object_id])
            return _("Continue"), reverse("wagtailadmin_pages:edit", args=[cell.object_id])

        return links


class TaxonomyBoardView(BoardView):
    page_title = gettext_lazy("Translation board: taxonomies")
    index_url_name = "translation_board_taxonomies"
    index_results_url_name = "translation_board_taxonomies_results"
    create_url_name = "translation_board_create_taxonomies"
    filterset_class = TaxonomyBoardFilterSet
    model = Page
    export_filename = "translation-board-taxonomies"

    def allowed(self, scope):
        return scope.taxonomies

    def get_queryset(self):
        return Page.objects.none()  # the rows come from the taxonomies (build_rows)

    def build_rows(self):
        kind = self.choice("kind")
        rows = []
        for name, model in TAXONOMY_MODELS.items():
            if kind in ("", name):
                rows.extend(self.snippet_rows(model))
        if kind in ("", TERMBASE):
            rows.extend(self.term_rows())
        return rows

    def snippet_rows(self, model):
        sources = translation_states.originals(model.objects.all())
        states = translation_states.snippet_states(sources, self.languages)
        label = model._meta.verbose_name.capitalize()
        rows = []
        for obj in sources.values("pk", "translation_key", "name"):
            row = BoardRow(
                key=obj["translation_key"],
                title=obj["name"],
                kind=label,
                institution="",
                edit_url=snippet_url(model, "edit", obj["pk"]),
                translate=translate_snippet(model, obj["pk"]),
            )
            rows.append(self.give_states(row, states, self.snippet_links(model, obj["pk"])))
        return rows

    def snippet_links(self, model, pk):
        def links(cell, language):
            if cell.state == MISSING:
                url = reverse(
                    "wagtail_localize:submit_snippet_translation",
                    args=[model._meta.app_label, model._meta.model_name, pk],
                )
                return _("Translate"), url
            if cell.state == translation_states.OUT_OF_DATE and cell.source_id:
                return _("Sync"), reverse("dlm_update_translations", args=[cell.source_id])
            return _("Edit"), snippet_url(model, "edit", cell.object_id)

        return links

    def term_links(self, url):
        # A concept's labels are edited on the concept, by those who keep the termbase.
        may_edit = self.request.user.has_perm("resources.change_termconcept")

        def links(cell, language):
            return (
                (_("Add a label") if cell.state == MISSING else _("Edit"), url)
                if may_edit
                else ("", "")
            )

        return links

    def term_rows(self):
        concepts = TermConcept.objects.prefetch_related("labels")
        states = translation_states.term_states(concepts, self.languages)
        label = TermConcept._meta.verbose_name.capitalize()
        rows = []
        for concept in concepts:
            url = snippet_url(TermConcept, "edit", concept.pk)
            row = BoardRow(concept.pk, str(concept), label, "", url, translate=None)
            rows.append(self.give_states(row, states, self.term_links(url)))
        return rows


def snippet_url(model, view, pk):
    return reverse(
        f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:{view}", args=[pk]
    )


# Creating the missing translations of a column ------------------------------------------------


def translate_page(page_id):
    """Create the translation of a page as a draft and submit it for review; the refusal's
    reason, or "" when done."""

    def create(user, locale):
        page = Page.objects.get(pk=page_id).specific
        # wagtail-localize translates missing parents too: the nearest translated ancestor
        # is where the user must be allowed to write.
        ancestors = page.get_ancestors().values("translation_key")
        nearest = (
            Page.objects.filter(translation_key__in=ancestors, locale=locale)
            .order_by("-depth")
            .first()
        )
        if nearest is None or not nearest.permissions_for_user(user).can_edit():
            return _("you may not write in its section in this language")
        create_translations(user, [locale], page)
        target = page.get_translation(locale).specific
        workflow = target.get_workflow()
        if workflow is not None and not target.workflow_in_progress:
            workflow.start(target, user)
        return ""

    return create


def translate_snippet(model, pk):
    """Create the translation of a taxonomy term (snippets have no drafts: wagtail-localize
    saves them at once); the refusal's reason, or ""."""

    def create(user, locale):
        create_translations(user, [locale], model.objects.get(pk=pk))
        return ""

    return create


# Translations created by one click: each takes a fraction of a second (a copy of the page,
# its strings, a revision and a review), and a request must end well inside the server's
# timeout; the column's button then offers the rest.
MOST_CREATED_AT_ONCE = 100
MOST_TITLES_SAID = 10


def shortened(titles):
    """The first titles of a long list, then an ellipsis."""
    said = ", ".join(titles[:MOST_TITLES_SAID])
    return said + ", …" if len(titles) > MOST_TITLES_SAID else said


class CreateMissingMixin:
    """POST: create every missing translation of the board's selection in one language."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        # A GET changes nothing: 405 for everyone, before the board's own checks.
        if request.method.lower() not in self.http_method_names:
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        language = request.POST.get("language", "")
        rows = self.get_filtered_queryset()
        board = self.board_url(self.index_url_name)
        if language not in self.languages or language not in self.writable:
            messages.error(request, _("You may not create translations in this language."))
            return HttpResponseRedirect(board)
        locale = Locale.objects.get(language_code=language)
        created, refused = [], []
        for row in rows:
            cell = row.cell(language)
            if cell is None or cell.state != MISSING:
                continue
            if len(created) + len(refused) == MOST_CREATED_AT_ONCE:
                break  # the column's button offers the rest again
            reason = _("it cannot be translated here") if row.translate is None else ""
            if not reason:
                try:
                    with transaction.atomic():
                        reason = row.translate(request.user, locale)
                        if reason:
                            transaction.set_rollback(True)
                except Exception as error:  # noqa: BLE001 — one failure must not stop the rest
                    reason = str(error) or error.__class__.__name__
            (refused if reason else created).append((row.title, reason))
        self.report(created, refused, language)
        return HttpResponseRedirect(board)

    def report(self, created, refused, language):
        name = language_name(language)
        if created:
            messages.success(
                self.request,
                _(
                    "%(count)d translations into %(language)s created as drafts and submitted "
                    "for review: %(titles)s"
                )
                % {
                    "count": len(created),
                    "language": name,
                    "titles": shortened([title for title, _reason in created]),
                },
            )
        if refused:
            messages.warning(
                self.request,
                _("%(count)d not created: %(items)s")
                % {
                    "count": len(refused),
                    "items": shortened([f"{title} ({reason})" for title, reason in refused]),
                },
            )
        if not created and not refused:
            messages.info(
                self.request, _("Nothing is missing in %(language)s.") % {"language": name}
            )


class CreateMissingPagesView(CreateMissingMixin, ResourceBoardView):
    pass


class CreateMissingTaxonomiesView(CreateMissingMixin, TaxonomyBoardView):
    pass


def admin_urls():
    """Each board (resources; taxonomies and termbase), its results and its column creation."""
    boards = (
        ("", "", ResourceBoardView, CreateMissingPagesView, "pages"),
        ("taxonomies/", "_taxonomies", TaxonomyBoardView, CreateMissingTaxonomiesView, "taxonomies"),
    )  # fmt: skip
    urls = []
    for folder, suffix, board, create, created in boards:
        base = f"reports/translation-board/{folder}"
        urls += [
            path(base, board.as_view(), name=f"translation_board{suffix}"),
            path(
                f"{base}results/",
                board.as_view(results_only=True),
                name=f"translation_board{suffix}_results",
            ),
            path(f"{base}create/", create.as_view(), name=f"translation_board_create_{created}"),
        ]
    return urls


class TranslationBoardMenuItem(MenuItem):
    def is_shown(self, request):
        return board_scope(request.user) is not None


def menu_item():
    return TranslationBoardMenuItem(
        gettext_lazy("Translation board"),
        reverse("translation_board"),
        icon_name="globe",
        order=1050,
    )
