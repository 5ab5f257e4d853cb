"""Translation under review: translators work only in their languages, and a synced
translation goes through its institution's workflow instead of being published directly.

wagtail-localize checks only a global "submit translation" permission and its editor offers
only "Publish"; these views add the per-language limit and a "submit for review" step.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Locale, Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail_localize.models import TranslatableObject, Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator
from wagtail_localize.views.submit_translations import SubmitPageTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsView


def locales_user_can_write(user):
    """Locales in which the user may add or edit some page."""
    if user.is_superuser:
        return Locale.objects.all()
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["add", "change"])
    return Locale.objects.filter(id__in=pages.values("locale_id"))


def supply_related_in_own_language(instance, user):
    """Give the taxonomy terms ``instance`` points at (its institution, sectors, ...) a version
    in ``instance``'s own language where they have none, copied from their original.

    wagtail-localize translates a page's translatable snippets along with it, reading each in
    the page's language; a page written in English for an institution named only in Chinese
    could not be translated at all ("Institution matching query does not exist")."""
    source, _created = TranslationSource.get_or_create_from_instance(instance)
    keys = source.relatedobjectsegment_set.values("object_id")
    for related in TranslatableObject.objects.filter(translation_key__in=keys):
        if related.has_translation(instance.locale):
            continue
        model = related.content_type.model_class()
        original = model._default_manager.filter(translation_key=related.translation_key)
        original = original.order_by("pk").first()
        if original is not None:
            creator = TranslationCreator(user, [instance.locale])
            creator.create_translations(original, include_related_objects=False)


def create_translations(user, locales, instance):
    """wagtail-localize's translation of ``instance`` into ``locales``, its taxonomy terms
    supplied first (supply_related_in_own_language)."""
    supply_related_in_own_language(instance, user)
    TranslationCreator(user, locales).create_translations(instance)


class SubmitPageTranslationInOwnLocalesView(SubmitPageTranslationView):
    """wagtail-localize's "Translate this page", offering only the user's languages."""

    def get_form(self):
        form = super().get_form()
        field = form.fields["locales"]
        field.queryset = field.queryset.filter(id__in=locales_user_can_write(self.request.user))
        return form

    def form_valid(self, form):
        supply_related_in_own_language(self.object, self.request.user)
        return super().form_valid(form)


class UpdateTranslationsUnderReviewView(UpdateTranslationsView):
    """wagtail-localize's sync view, whose "Publish immediately" is open only to users who
    could publish every translated page themselves; others sync into drafts for review."""

    def get_form(self):
        form = super().get_form()
        if not self.user_can_publish_targets():
            form.fields["publish_translations"].disabled = True
        return form

    def user_can_publish_targets(self):
        for translation in self.object.translations.filter(enabled=True):
            target = translation.get_target_instance()
            if (
                isinstance(target, Page)
                and not target.permissions_for_user(self.request.user).can_publish()
            ):
                return False
        return True


def synced_translation(page):
    """The enabled wagtail-localize translation whose target is ``page``, if any."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source")
        .first()
    )


def start_review(page, user):
    """Start the page's own workflow; a synced translation first gets its translated strings
    saved into a draft (wagtail-localize keeps them apart until then)."""
    translation = synced_translation(page)
    if translation is not None:
        translation.save_target(user=user, publish=False)
        page.refresh_from_db()
    elif page.latest_revision_id is None:
        page.save_revision(user=user)
    page.get_workflow().start(page, user)


@require_POST
def submit_translation_for_review(request, page_id):
    """Save the translated strings into a draft and start the page's review workflow."""
    page = get_object_or_404(Page, id=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    translation = synced_translation(page)
    workflow = page.get_workflow()
    if translation is None or workflow is None:
        messages.error(request, _("This page has no translation to submit for review."))
        return redirect("wagtailadmin_pages:edit", page.id)
    if page.workflow_in_progress:
        messages.warning(request, _("This translation is already in review."))
        return redirect("wagtailadmin_pages:edit", page.id)

    start_review(page, request.user)
    messages.success(
        request,
        _("“%(title)s” was submitted for review (%(workflow)s).")
        % {"title": page.get_admin_display_title(), "workflow": workflow.name},
    )
    return redirect("wagtailadmin_pages:edit", page.id)
