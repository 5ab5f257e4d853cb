"""Bulk actions on resources in the page explorer: submit for review, add or remove tags, set
sectors, countries and level, move between an institution's sections.

Each selected page is checked on its own, with the user's Wagtail permissions on it; the
confirmation and the summary list every page left alone and why. Nothing is published: changes
are saved as a new draft revision (a live page stays live as it was, with a draft on top), and
publishing stays with the workflows.
"""

from dataclasses import dataclass

from django import forms
from django.http import Http404, HttpResponseRedirect
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin import messages
from wagtail.admin.views.pages.bulk_actions.page_bulk_action import PageBulkAction
from wagtail.models import Page

from resources.bulk_action_forms import (
    REPLACE,
    ClassificationForm,
    SectionMoveForm,
    TagsForm,
)
from resources.editorial.translation import start_review, synced_translation
from resources.models import ResourceIndexPage, ResourceMetadataMixin

# Why a page is left alone.
NOT_A_RESOURCE = _("not a resource (sections and home pages are left alone)")
CANNOT_EDIT = _("you may not edit it")
LOCKED = _("it is locked")
IN_REVIEW = _("it is already in review")
NO_WORKFLOW = _("it has no review workflow")
NOTHING_NEW = _("it is published as it is: there is nothing new to review")
UNCHANGED = _("nothing to change")
OTHER_LANGUAGE = _("the section is in another language")
OTHER_INSTITUTION = _("the section belongs to another institution")
ALREADY_THERE = _("it is in that section already")
CANNOT_MOVE_THERE = _(
    "your permissions do not allow moving it there (a published page moves only with "
    "someone who may publish)"
)
SLUG_TAKEN = _("a page with the same slug is in that section already")


@dataclass(frozen=True)
class Refusal:
    page: Page
    reason: str


class ResourceBulkAction(PageBulkAction):
    """A bulk action that acts on resources only, each page checked on its own (``refusal``)
    and acted on by ``act``, which may still leave a page alone and say why."""

    template_name = "resources/bulk_actions/confirm.html"
    form_class = forms.Form
    icon = "doc-empty-inverse"
    question = ""
    button_label = ""

    def __init__(self, request, model):
        super().__init__(request, model)
        self.refused = []

    @classmethod
    def get_queryset(cls, model, object_ids):
        pages = list(model.objects.filter(pk__in=object_ids).order_by("path").specific())
        if not pages:
            raise Http404
        return pages

    def refusal(self, page):
        """Why ``page`` is left alone, or None."""
        if not isinstance(page, ResourceMetadataMixin):
            return NOT_A_RESOURCE
        permissions = page.permissions_for_user(self.request.user)
        if not permissions.can_edit():
            return CANNOT_EDIT
        if permissions.page_locked():
            # A review locks the page for its editors: say so rather than "locked".
            return IN_REVIEW if page.workflow_in_progress else LOCKED
        return None

    def check_perm(self, page):
        return self.refusal(page) is None

    def get_actionable_objects(self):
        object_ids = self.request.GET.getlist("id")
        if "all" in object_ids:
            object_ids = self.get_all_objects_in_listing_query(self.request.GET.get("childOf"))
        pages, self.refused = [], []
        for page in self.get_queryset(self.model, object_ids):
            reason = self.refusal(page)
            if reason is None:
                pages.append(page)
            else:
                self.refused.append(Refusal(page, reason))
        return pages, {"items_with_no_access": [], "refused": self.refused}

    def get_execution_context(self):
        return {
            "user": self.request.user,
            "refused": self.refused,
            **self.cleaned_form.cleaned_data,
        }

    @classmethod
    def execute_action(cls, objects, user=None, refused=None, **options):
        done = 0
        for page in objects:
            reason = cls.act(page, user, **options)
            if reason is None:
                done += 1
            else:
                refused.append(Refusal(page, reason))
        return done, 0

    @classmethod
    def act(cls, page, user, **options):
        """Do the action on ``page``; None, or why it was left alone after all."""
        raise NotImplementedError

    def done_message(self, count):
        raise NotImplementedError

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.done_message(num_parent_objects) if num_parent_objects else None

    def form_valid(self, form):
        response = super().form_valid(form)
        if isinstance(response, HttpResponseRedirect):
            report_refusals(self.request, self.refused)
        return response


def report_refusals(request, refused):
    """One warning that lists every page left alone, with the reason."""
    if not refused:
        return
    heading = ngettext(
        "%(count)d page was left alone:", "%(count)d pages were left alone:", len(refused)
    ) % {"count": len(refused)}
    items = format_html_join(
        "",
        "<li>“{}”: {}</li>",
        ((refusal.page.get_admin_display_title(), refusal.reason) for refusal in refused),
    )
    messages.warning(request, messages.render(heading, None, format_html("<ul>{}</ul>", items)))


def draft_of(page):
    """The page as its latest revision has it: what the next draft starts from."""
    return page.get_latest_revision_as_object()


class SubmitForReviewBulkAction(ResourceBulkAction):
    display_name = _("Submit for review")
    action_type = "submit_for_review"
    aria_label = _("Submit the selected resources for review")
    action_priority = 15
    icon = "resubmit"
    question = _("Start the review of these pages, each in its institution's workflow?")
    button_label = _("Submit for review")

    def refusal(self, page):
        reason = super().refusal(page)
        if reason is not None:
            return reason
        if page.workflow_in_progress:
            return IN_REVIEW
        if page.get_workflow() is None:
            return NO_WORKFLOW
        if page.live and not page.has_unpublished_changes and synced_translation(page) is None:
            return NOTHING_NEW
        return None

    @classmethod
    def act(cls, page, user, **options):
        start_review(page, user)
        return None

    def done_message(self, count):
        return ngettext(
            "%(count)d page has been submitted for review",
            "%(count)d pages have been submitted for review",
            count,
        ) % {"count": count}


class TagsBulkAction(ResourceBulkAction):
    display_name = _("Add or remove tags")
    action_type = "edit_tags"
    aria_label = _("Add or remove tags of the selected resources")
    action_priority = 20
    form_class = TagsForm
    icon = "tag"
    question = _("Change the tags of these pages? Each gets a new draft, to be reviewed.")
    button_label = _("Save drafts")

    @classmethod
    def act(cls, page, user, add=(), remove=(), **options):
        draft = draft_of(page)
        current = list(draft.tags.names())
        has = {name.casefold() for name in current}
        removing = {name.casefold() for name in remove}
        to_remove = [name for name in current if name.casefold() in removing]
        to_add = [name for name in add if name.casefold() not in has | removing]
        if not to_add and not to_remove:
            return UNCHANGED
        draft.tags.remove(*to_remove)
        draft.tags.add(*to_add)
        draft.save_revision(user=user, log_action=True)
        return None

    def done_message(self, count):
        return ngettext(
            "%(count)d page has a new draft with the tags changed",
            "%(count)d pages have a new draft with the tags changed",
            count,
        ) % {"count": count}


def has_field(page, name):
    return any(field.name == name for field in page._meta.get_fields())


class ClassificationBulkAction(ResourceBulkAction):
    display_name = _("Set sectors, countries or level")
    action_type = "classify"
    aria_label = _("Set the sectors, countries or level of the selected resources")
    action_priority = 60
    form_class = ClassificationForm
    icon = "folder-open-inverse"
    question = _("Change the classification of these pages? Each gets a new draft.")
    button_label = _("Save drafts")

    @classmethod
    def act(cls, page, user, mode=REPLACE, sectors=(), countries=(), level=None, **options):
        draft = draft_of(page)
        changed = False
        for name, chosen in (("sectors", list(sectors)), ("countries", list(countries))):
            if not chosen or not has_field(draft, name):
                continue
            current = list(getattr(draft, name).all())
            if mode != REPLACE:
                chosen = current + [c for c in chosen if c not in current]
            if {c.pk for c in chosen} != {c.pk for c in current}:
                getattr(draft, name).set(chosen)
                changed = True
        if level is not None and has_field(draft, "level") and draft.level_id != level.pk:
            draft.level = level
            changed = True
        if not changed:
            return UNCHANGED
        draft.save_revision(user=user, log_action=True)
        return None

    def done_message(self, count):
        return ngettext(
            "%(count)d page has a new draft with its classification changed",
            "%(count)d pages have a new draft with their classification changed",
            count,
        ) % {"count": count}


def institution_key(page):
    """The translation key of the institution whose section holds ``page`` (or is it)."""
    institution = ResourceIndexPage.institution_above(page)
    return institution.translation_key if institution else None


class MoveToSectionBulkAction(ResourceBulkAction):
    display_name = _("Move to another section")
    action_type = "move_to_section"
    aria_label = _("Move the selected resources to another section of their institution")
    action_priority = 65
    form_class = SectionMoveForm
    icon = "arrow-right-full"
    question = _("Move these pages to another section of their institution?")
    button_label = _("Move")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def refusal(self, page):
        reason = super().refusal(page)
        if reason is not None or self.cleaned_form is None:
            return reason
        destination = self.cleaned_form.cleaned_data["destination"]
        if destination.locale_id != page.locale_id:
            return OTHER_LANGUAGE
        if institution_key(destination) != institution_key(page):
            return OTHER_INSTITUTION
        if page.is_child_of(destination):
            return ALREADY_THERE
        if not page.permissions_for_user(self.request.user).can_move_to(destination):
            return CANNOT_MOVE_THERE
        if not Page._slug_is_available(page.slug, destination, page=page):
            return SLUG_TAKEN
        return None

    @classmethod
    def act(cls, page, user, destination=None, **options):
        page.move(destination, pos="last-child", user=user)
        return None

    def done_message(self, count):
        return ngettext(
            "%(count)d page has been moved",
            "%(count)d pages have been moved",
            count,
        ) % {"count": count}


BULK_ACTIONS = [
    SubmitForReviewBulkAction,
    TagsBulkAction,
    ClassificationBulkAction,
    MoveToSectionBulkAction,
]
