"""Write a Plan: create, translate, update or publish pages, in one transaction.

If anything fails half-way, the transaction is rolled back and nothing of the file remains.
Without --publish every new revision is a draft submitted to its institution's review
workflow, as an editor's would be; submissions start only once every page is written, so a
failure cannot leave reviewers notified about pages that were rolled back.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page, WorkflowState

from resources.models import ResourceIndexPage

from .columns import LINK_TARGETS
from .deferred import deferred
from .plan import Action
from .publishing import History, make_live, publish_saved, publishes_directly
from .translating import copy_for_translation, copy_m2m_relations
from .values import apply


class ImportFailed(Exception):
    """Writing one row failed; everything written before it was rolled back."""

    def __init__(self, planned, cause):
        super().__init__(f"line {planned.line}: {type(cause).__name__}: {cause}")
        self.planned = planned
        self.cause = cause


@dataclass
class Outcome:
    counts: Counter = field(default_factory=Counter)  # Action -> rows
    sections: list = field(default_factory=list)  # "name [language]" of sections created
    submitted: Counter = field(default_factory=Counter)  # workflow name -> pages submitted
    without_workflow: list = field(default_factory=list)  # pages left as drafts, no workflow
    published: int = 0


def slug_for(external_id):
    """URLs of imported pages follow their external ID, the same in every language."""
    return re.sub(r"[^a-z0-9_-]+", "-", external_id.lower()).strip("-") or "resource"


def write_plan(plan, user=None, publish=False, tick=lambda: None):
    writer = Writer(user, publish)
    # The search and reference indices and the OAI records are brought up to date once per
    # page at the end of the transaction, not at each of its saves (resources.importing.deferred).
    with transaction.atomic(), deferred():
        for planned in plan.rows:
            try:
                writer.write(planned)
            except Exception as exc:  # reported with its line; the transaction rolls back
                raise ImportFailed(planned, exc) from exc
            tick()
        writer.history.write()
        writer.submit_drafts()
    return writer.outcome


def validate(page):
    """The page's own rules, as a save checks them, but its foreign keys: the import set
    them from what it has just read, and the database checks every one at commit (looking
    each up first was a query per key and row)."""
    page.full_clean(exclude=[f.name for f in page._meta.concrete_fields if f.many_to_one])


def add_child(section, page):
    """Add the new ``page`` as the last child of ``section``, as treebeard's ``add_child``
    does (the parent's row locked), validated once (``validate``) then saved."""
    parent = Page.objects.select_for_update().get(pk=section.pk)
    page.depth = parent.depth + 1
    if parent.is_leaf():
        page.path = Page._get_path(parent.path, page.depth, 1)
    else:
        page.path = parent.get_last_child()._inc_path()
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
    section.numchild = parent.numchild + 1
    page._cached_parent_obj = section
    validate(page)
    page.save(clean=False)


class Writer:
    def __init__(self, user, publish):
        self.user = user
        self.publish = publish
        self.outcome = Outcome()
        self.written = {}  # line -> page, for translations copied from pages of this file
        self.resources = {}  # (external ID, locale id) -> page, for links to pages of this file
        self.sections = {}  # (institution key, locale id) -> section
        self.drafts = []
        self.default_locale = Locale.get_default()
        self.history = History()

    def write(self, planned):
        action = planned.action
        if action == Action.UNCHANGED:
            page = planned.page
        elif action == Action.PUBLISH:
            page = planned.page
            revision = page.get_latest_revision() or page.save_revision(user=self.user)
            revision.publish(user=self.user, skip_permission_checks=True)
            self.outcome.published += 1
        elif action == Action.CREATE:
            page = self.create(planned)
        elif action == Action.TRANSLATE:
            page = self.translate(planned)
        else:
            page = self.update(planned)
        self.written[planned.line] = page
        self.resources[(planned.row.external_id, planned.locale.pk)] = page
        self.outcome.counts[action] += 1

    def linked(self, planned, values):
        """``values`` with the keys of each link column replaced by the objects they name."""
        values = dict(values)
        for relation in LINK_TARGETS.keys() & values.keys():
            link_model = planned.model._meta.get_field(relation).related_model
            model = link_model._meta.get_field(LINK_TARGETS[relation]).related_model
            if not hasattr(model, "external_id"):  # documents, by their ID
                found = model.objects.in_bulk(values[relation])
                values[relation] = [found[pk] for pk in values[relation]]
                continue
            values[relation] = [
                self.resources.get((key, planned.locale.pk))
                or model.objects.get(external_id=key, locale=planned.locale)
                for key in values[relation]
            ]
        return values

    def create(self, planned):
        section = self.section(planned)
        wanted = planned.row.cells.get("slug") or slug_for(planned.row.external_id)
        slug = find_available_slug(section, wanted)
        page = planned.model(locale=planned.locale, slug=slug, owner=self.user, live=False)
        apply(page, self.linked(planned, planned.values))
        self.add(section, page)
        return page

    def translate(self, planned):
        """A copy of the source page in the row's language (sharing its translation key and
        external ID, as wagtail-localize's own translations do), then the row's values."""
        section = self.section(planned)
        source = self.written[planned.source_line] if planned.source_line else planned.source
        source = type(source).objects.get(pk=source.pk)  # as stored now, live or not
        page = copy_for_translation(source, planned.locale, self.user)
        page.slug = find_available_slug(section, planned.row.cells.get("slug") or source.slug)
        apply(page, self.linked(planned, planned.values))
        self.add(section, page)
        copy_m2m_relations(source, page)
        return page

    def add(self, section, page):
        """Add the new ``page`` under ``section`` (which logs its creation), live at once
        when publishing."""
        if self.publish:
            make_live(page)
        add_child(section, page)
        if self.publish:
            publish_saved(page, self.user, None, self.history)
            self.outcome.published += 1
        else:
            page.save_revision(user=self.user, clean=False)
            self.drafts.append(page)

    def update(self, planned):
        page = planned.page
        latest = planned.latest
        if page.alias_of_id:  # an alias mirrors another language; this row makes it its own
            ConvertAliasPageAction(page, user=self.user).execute(skip_permission_checks=True)
            latest = None
        # Build on the latest revision, so an editor's unpublished work in fields the import
        # does not manage (the description, modules...) is kept.
        if latest is None:
            latest = type(page).objects.get(pk=page.pk).get_latest_revision_as_object()
        old_title = planned.title
        changed = {n: v for n, v in planned.values.items() if n in planned.changed}
        apply(latest, self.linked(planned, changed))
        if self.publish and publishes_directly(latest):
            make_live(latest)
            validate(latest)
            latest.save(clean=False)
            publish_saved(latest, self.user, "wagtail.edit", self.history, old_title=old_title)
            self.outcome.published += 1
        else:
            self.save(latest)
        return latest

    def save(self, page, log_action=True):
        # Published at once, the page is validated as Wagtail saves it live (full_clean), in
        # this transaction: validating the revision too would run every check twice.
        revision = page.save_revision(user=self.user, log_action=log_action, clean=not self.publish)
        if self.publish:
            revision.publish(user=self.user, skip_permission_checks=True)
            self.outcome.published += 1
        else:
            self.drafts.append(page)

    def section(self, planned):
        """The institution's section in the row's language, translated from its section in
        another language (and published: it only holds the resources) when missing."""
        institution, locale = planned.institution, planned.locale
        key = (institution.translation_key, locale.pk)
        if key not in self.sections:
            sections = ResourceIndexPage.objects.filter(
                institution__translation_key=institution.translation_key
            ).order_by("path")
            section = sections.filter(locale=locale).first()
            if section is None:
                source = sections.filter(locale=self.default_locale).first() or sections.first()
                section = source.copy_for_translation(locale, copy_parents=True)
                section.title = institution.name
                section.institution = institution
                section.save()
                section.save_revision(user=self.user, log_action=True).publish(
                    user=self.user, skip_permission_checks=True
                )
                self.outcome.sections.append(f"{section.title} [{locale.language_code}]")
            self.sections[key] = section
        return self.sections[key]

    def submit_drafts(self):
        """Send each new draft to its review, as "Submit for review" in the admin does."""
        for page in self.drafts:
            workflow = page.get_workflow()
            if workflow is None:
                self.outcome.without_workflow.append(f"{page.title} [{page.locale.language_code}]")
                continue
            state = page.current_workflow_state
            if state is None:
                workflow.start(page, self.user)
            elif state.status == WorkflowState.STATUS_NEEDS_CHANGES:
                state.resume(self.user)
            # else the review in progress goes on, and approves the latest revision
            self.outcome.submitted[workflow.name] += 1
