"""Write a Plan: create, translate, update or publish pages, in one transaction.

If anything fails half-way, the transaction is rolled back and nothing of the file remains.
Without --publish every new revision is a draft submitted to its institution's review
workflow, as an editor's would be; submissions start only once every page is written, so a
failure cannot leave reviewers notified about pages that were rolled back.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Site, WorkflowState

from resources.models import ResourceIndexPage, external_ids_read_in_advance

from .columns import LINK_TARGETS
from .deferred import deferred
from .placing import Place
from .plan import Action
from .publishing import History, Known, make_live, publish_saved, publishes_directly
from .saving import forget_children, save_new
from .translating import Sources, copy_for_translation, copy_m2m_relations
from .values import apply, concrete


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
    # Whether a row's external ID is another resource's is read for every row at once.
    external_ids = (p.row.external_id for p in plan.rows)
    with transaction.atomic(), deferred(), external_ids_read_in_advance(external_ids):
        writer.known = Known([p.page for p in plan.rows if p.action == Action.UPDATE])
        for planned in plan.rows:
            try:
                writer.write(planned)
            except Exception as exc:  # reported with its line; the transaction rolls back
                raise ImportFailed(planned, exc) from exc
            tick()
        writer.write_counts()
        writer.history.write()
        writer.submit_drafts()
    return writer.outcome


def validate(page):
    """The page's own rules, as a save checks them, but its foreign keys and its path: the
    import set the keys from what it has just read and the path under the parent's lock, and
    the database checks every one of them at commit (looking each up first was a query per
    key and row)."""
    exclude = [f.name for f in page._meta.concrete_fields if f.many_to_one]
    page.full_clean(exclude=[*exclude, "path"])


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
        self.places = {}  # section id -> Place
        self.tags = {}  # tag name -> Tag, for the rows' tags
        self.site_roots = set(Site.objects.values_list("root_page__translation_key", flat=True))
        self.sources = Sources()  # the pages translations are copied from
        self.known = None  # what publishing asks of the pages the rows update (publishing.Known)

    def write(self, planned):
        action = planned.action
        if action not in (Action.UNCHANGED, Action.UPDATE) and planned.page is not None:
            # The relations the plan compared were read before this transaction: what is
            # written from the page reads them again (``Known`` reads an update's again).
            planned.page.__dict__.pop("_prefetched_objects_cache", None)
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
        self.sources.forget(page)
        self.resources[(planned.row.external_id, planned.locale.pk)] = page
        self.outcome.counts[action] += 1

    def linked(self, planned, values, page):
        """``values`` with the keys of each link column replaced by the objects they name, and
        the tags' names by the tags (looked up, or created, once per import)."""
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
        if values.get("tags"):
            values["tags"] = self.tag_objects(page, values["tags"])
        return values

    def tag_objects(self, page, names):
        """The tags named ``names``, as taggit finds or creates them for ``page``."""
        manager = page.tags
        model = manager.through.tag_model()
        missing = [name for name in names if (model, name) not in self.tags]
        if missing:
            if getattr(settings, "TAGGIT_CASE_INSENSITIVE", False):  # a tag may answer two names
                found = {n: manager._to_tag_model_instances([n], {})[0] for n in set(missing)}
            else:
                found = {tag.name: tag for tag in manager._to_tag_model_instances(missing, {})}
            self.tags.update({(model, name): tag for name, tag in found.items()})
        return [self.tags[(model, name)] for name in names]

    def create(self, planned):
        place = self.place(planned)
        wanted = planned.row.cells.get("slug") or slug_for(planned.row.external_id)
        slug = place.available_slug(wanted)
        page = planned.model(locale=planned.locale, slug=slug, owner=self.user, live=False)
        apply(page, self.linked(planned, planned.values, page))
        self.add(place, page)
        return page

    def translate(self, planned):
        """A copy of the source page in the row's language (sharing its translation key and
        external ID, as wagtail-localize's own translations do), then the row's values."""
        place = self.place(planned)
        source = self.written[planned.source_line] if planned.source_line else planned.source
        source = self.sources.get(source)  # as stored now, live or not
        page = copy_for_translation(source, planned.locale, self.user)
        page.slug = place.available_slug(planned.row.cells.get("slug") or source.slug)
        apply(page, self.linked(planned, planned.values, page))
        self.add(place, page)
        copy_m2m_relations(source, page)
        return page

    def add(self, place, page):
        """Add the new ``page`` as the last child of the section, validated once, live at
        once when publishing; its creation is logged as Wagtail logs it."""
        if self.publish:
            make_live(page)
        place.take(page)
        validate(page)
        save_new(page, self.site_roots)
        self.history.log(page, "wagtail.create", self.user or page.owner, content_changed=True)
        if self.publish:
            publish_saved(page, self.user, None, self.history)
            self.outcome.published += 1
        else:
            page.save_revision(user=self.user, clean=False)
            self.drafts.append(page)
        forget_children(page)

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
        apply(latest, self.linked(planned, changed, latest))
        if self.publish and publishes_directly(latest, self.known):
            make_live(latest)
            self.known.place(latest)
            validate(latest)
            latest._is_site_root = latest.translation_key in self.site_roots  # saves a query
            latest.save(clean=False)
            if len(concrete(dict.fromkeys(planned.changed))) < len(planned.changed):
                # A relation was written: what was read of the page's relations is stale.
                latest.__dict__.pop("_prefetched_objects_cache", None)
            publish_saved(
                latest, self.user, "wagtail.edit", self.history, old_title, known=self.known
            )
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

    def place(self, planned):
        """The row's section, locked, where its new page goes."""
        section = self.section(planned)
        if section.pk not in self.places:
            self.places[section.pk] = Place(section)
        return self.places[section.pk]

    def write_counts(self):
        for place in self.places.values():
            place.write_count()

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
