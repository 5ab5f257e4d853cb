"""Admin wiring: the alliance's taxonomies as one snippet menu with filters and search; the
catalogue export under Reports; who holds each review and when it is due."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from digital_lm.languages import LANGUAGE_CODES
from resources import bulk_actions, catalogue_export, my_work, translation_board
from resources.editorial import claims, translation, visibility
from resources.editorial.review_panel import YourReviewsPanel
from resources.models import (
    Country,
    FourEyesApprovalTask,
    Institution,
    QualificationLevel,
    Sector,
    TermConcept,
    TermLabel,
)


class CountryViewSet(SnippetViewSet):
    model = Country
    icon = "site"
    list_display = ["name", "code", "locale"]
    search_fields = ["name"]


class InstitutionViewSet(SnippetViewSet):
    model = Institution
    icon = "group"
    list_display = ["name", "kind", "country", "locale"]
    list_filter = ["kind", "country"]
    search_fields = ["name"]


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    list_display = ["name", "code", "locale"]
    search_fields = ["name"]


class QualificationLevelViewSet(SnippetViewSet):
    model = QualificationLevel
    icon = "order"
    list_display = ["name", "framework", "level", "aqrf_level", "locale"]
    list_filter = ["framework"]


class TermConceptIndexView(IndexView):
    def search_queryset(self, queryset):
        # A concept with two matching labels is still one row.
        return super().search_queryset(queryset).distinct()


class TermConceptCreateView(CreateView):
    """``?label=<text>&language=<code>`` fills in the first label (the search report links
    here from queries that found nothing)."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        label = self.request.GET.get("label", "").strip()[:200]
        language = self.request.GET.get("language")
        if self.request.method == "GET" and label:
            if language not in LANGUAGE_CODES:
                language = None
            instance.labels = [TermLabel(language=language, label=label)]
        return instance


class TermConceptViewSet(SnippetViewSet):
    model = TermConcept
    icon = "openquote"
    menu_label = _("Termbase")
    list_display = ["labels_in_your_language", "english_labels", "kind"]
    list_filter = ["kind"]
    search_fields = ["labels__label"]
    search_backend_name = None  # labels are matched in the database, in every script
    index_view_class = TermConceptIndexView
    add_view_class = TermConceptCreateView

    def get_queryset(self, request):
        return TermConcept.objects.prefetch_related("labels")


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Alliance taxonomies")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (
        InstitutionViewSet,
        CountryViewSet,
        SectorViewSet,
        QualificationLevelViewSet,
        TermConceptViewSet,
    )


register_snippet(TaxonomyGroup)


@hooks.register("register_admin_urls")
def translation_review_urls():
    return [
        # Same paths as wagtail-localize's views, registered first (this app loads before it):
        # "Translate this page" offers only the languages the user may write in, and syncing
        # publishes only for those who may publish.
        path(
            "localize/submit/page/<int:page_id>/",
            translation.SubmitPageTranslationInOwnLocalesView.as_view(),
            name="dlm_submit_page_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            translation.UpdateTranslationsUnderReviewView.as_view(),
            name="dlm_update_translations",
        ),
        path(
            "translations/<int:page_id>/submit-for-review/",
            translation.submit_translation_for_review,
            name="dlm_submit_translation_for_review",
        ),
    ]


@hooks.register("register_page_header_buttons")
@hooks.register("register_page_listing_more_buttons")
def submit_translation_button(page, user, next_url=None, view_name=None, **kwargs):
    # Most pages are not synced translations: ask that first (the explorer asks every row).
    if (
        translation.synced_translation(page) is not None
        and page.permissions_for_user(user).can_edit()
        and not page.workflow_in_progress
    ):
        yield Button(
            _("Submit translation for review"),
            reverse("dlm_submit_translation_for_review", args=[page.id]),
            icon_name="resubmit",
            attrs={"data-dlm-submit-translation": ""},
            priority=5,
        )


@hooks.register("construct_page_chooser_queryset")
def choose_only_visible_pages(pages, request):
    # By id: the chooser's search filters only on indexed fields.
    visible = Page.objects.filter(visibility.visible_pages(request.user))
    return pages.filter(pk__in=visible.values("pk"))


# After Wagtail's own registrations, which this replaces.
@hooks.register("construct_admin_api", order=100)
def admin_api_gives_only_choosable_files(router):
    router.register_endpoint("documents", visibility.ChoosableDocumentsAPIViewSet)
    router.register_endpoint("images", visibility.ChoosableImagesAPIViewSet)


@hooks.register("before_edit_page")
def explain_four_eyes(request, page):
    """A reviewer opening a page they submitted themselves learns why "Approve" is missing."""
    task = page.current_workflow_task
    task = task.specific if task is not None else None
    if (
        request.method == "GET"
        and isinstance(task, FourEyesApprovalTask)
        and task.user_can_access_editor(page, request.user)
        and task.submitted_by(page, request.user)
    ):
        messages.info(
            request,
            _("You submitted this page for review, so another reviewer must approve it."),
        )


@hooks.register("before_edit_page")
def say_who_holds_the_review(request, page):
    """The reviewer opening a page under review reads who holds the step and when it is due."""
    if request.method == "GET" and page.workflow_in_progress:
        status = claims.status_in_editor(page)
        if status:
            messages.info(request, status)


@hooks.register("register_page_header_buttons")
def review_claim_buttons(page, user, view_name=None, **kwargs):
    if view_name == "edit" and page.workflow_in_progress:
        yield from claims.editor_buttons(page, user)


@hooks.register("register_admin_urls")
def review_claim_urls():
    return [
        path("reviews/<int:task_state_id>/claim/", claims.claim_view, name="dlm_review_claim"),
        path(
            "reviews/<int:task_state_id>/release/",
            claims.release_view,
            name="dlm_review_release",
        ),
        path("reviews/<int:task_state_id>/assign/", claims.assign_view, name="dlm_review_assign"),
    ]


@hooks.register("register_log_actions")
def review_claim_log_actions(actions):
    claims.register_log_actions(actions)


@hooks.register("construct_homepage_panels")
def your_reviews_panel(request, panels):
    panels.append(YourReviewsPanel())


@hooks.register("before_move_page")
def refuse_moves_without_permission(request, page, destination):
    """Wagtail's move confirmation otherwise renders for anyone (its POST is refused later)."""
    if not page.permissions_for_user(request.user).can_move_to(destination):
        raise PermissionDenied


@hooks.register("register_reports_menu_item")
def catalogue_export_menu_item():
    return catalogue_export.menu_item()


@hooks.register("register_admin_urls")
def catalogue_export_urls():
    return [
        path(
            "reports/catalogue-export/",
            catalogue_export.CatalogueExportView.as_view(),
            name="catalogue_export",
        )
    ]


for bulk_action in bulk_actions.BULK_ACTIONS:
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("register_admin_menu_item")
def my_work_menu_item():
    return my_work.menu_item()


@hooks.register("register_admin_urls")
def my_work_urls():
    return [path("my-work/", my_work.MyWorkView.as_view(), name="dlm_my_work")]


@hooks.register("register_reports_menu_item")
def translation_board_menu_item():
    return translation_board.menu_item()


@hooks.register("register_admin_urls")
def translation_board_urls():
    return translation_board.admin_urls()
