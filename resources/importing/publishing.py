"""Publish a page the import has just validated and saved, from the object in hand.

Wagtail's publish action rebuilds the page from its revision's JSON, then validates and saves
it a second time, child relations and all: for a page the import has just written, that was
half the cost of a row. ``publish_saved`` does what the action does after that save (the
revision, the live fields, the history, ``page_published``) for the cases an import meets;
``publishes_directly`` sends the others (a page scheduled to go live later, a page with
aliases to bring along) through Wagtail's own action.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import prefetch_related_objects
from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.log_actions import get_active_log_context
from wagtail.log_actions import registry as log_actions
from wagtail.models import (
    COMMENTS_RELATION_NAME,
    Comment,
    Page,
    PageLogEntry,
    Revision,
    WorkflowState,
    get_default_page_content_type,
)
from wagtail.signals import page_published


def publishes_directly(page, known=None):
    """Whether ``page`` (saved already, or about to be added) can be published here."""
    if page.go_live_at and page.go_live_at > timezone.now():
        return False
    if page.pk is None:
        return True
    if known is not None and page.pk in known.pages:
        return page.pk not in known.aliased
    return not Page.objects.filter(alias_of_id=page.pk).exists()


class Known:
    """What publishing asks of each page an import updates, read for all of them at once in
    its transaction (a query per page and question): its child objects and many-to-many
    values, whether other pages are its aliases,
    whether it has comments, revisions approved to go live, a workflow in progress, and its
    parent."""

    def __init__(self, pages):
        self.pages = {page.pk for page in pages}
        # Their child objects and many-to-many values, which serializing a revision reads
        # (the plan's copies were read before the transaction).
        by_model = {}
        for page in pages:
            page.__dict__.pop("_prefetched_objects_cache", None)
            by_model.setdefault(type(page), []).append(page)
        for model, instances in by_model.items():
            relations = [rel.get_accessor_name() for rel in get_all_child_relations(model)]
            relations += [field.name for field in get_all_child_m2m_relations(model)]
            prefetch_related_objects(instances, *relations)
        ids = [str(pk) for pk in self.pages]
        base = get_default_page_content_type()
        self.aliased = set(
            Page.objects.filter(alias_of_id__in=self.pages).values_list("alias_of_id", flat=True)
        )
        self.commented = set(
            Comment.objects.filter(page_id__in=self.pages).values_list("page_id", flat=True)
        )
        self.scheduled = {
            int(pk)
            for pk in Revision.objects.filter(
                base_content_type=base, object_id__in=ids, approved_go_live_at__isnull=False
            ).values_list("object_id", flat=True)
        }
        # Their parents, which checking a page's slug reads.
        paths = {page.path[: -Page.steplen] for page in pages if page.depth > 1}
        self.parents = {parent.path: parent for parent in Page.objects.filter(path__in=paths)}
        self.reviewed = {
            int(pk)
            for pk in WorkflowState.objects.active()
            .filter(base_content_type=base, object_id__in=ids)
            .values_list("object_id", flat=True)
        }

    def place(self, page):
        """Give ``page`` its parent, as treebeard's ``get_parent`` keeps it."""
        parent = self.parents.get(page.path[: -Page.steplen])
        if parent is not None and not hasattr(page, "_cached_parent_obj"):
            page._cached_parent_obj = parent

    def without(self, facts, page):
        """Whether ``page`` is known not to be in ``facts``."""
        return page.pk in self.pages and page.pk not in facts


def make_live(page):
    """The live fields of a published page, set before it is saved."""
    now = timezone.now()
    page.live = True
    page.expired = False
    page.has_unpublished_changes = False
    page.last_published_at = now
    if page.first_published_at is None:
        page.first_published_at = now


class History:
    """The pages' history entries of an import, written in one statement at its end: Wagtail
    validates and saves each entry on its own (four queries each, three entries a row)."""

    def __init__(self):
        self.entries = []

    def log(self, page, action, user, **fields):
        if not log_actions.action_exists(action):
            raise ValueError(f"unknown history action {action!r}")
        context = get_active_log_context()
        self.entries.append(
            PageLogEntry(
                content_type=ContentType.objects.get_for_model(page, for_concrete_model=False),
                label=page.get_admin_display_title(),
                action=action,
                timestamp=timezone.now(),
                data=fields.pop("data", None) or {},
                user=user or context.user,
                uuid=context.uuid,
                page=page,
                **fields,
            )
        )

    def write(self):
        PageLogEntry.objects.bulk_create(self.entries, batch_size=500)
        self.entries = []


def publish_saved(page, user, log_action, history, old_title=None, known=None):
    """Record the revision of ``page`` as saved live (``make_live`` then a save) and publish
    it: what Wagtail's publish action does, without building and saving the page again.
    ``known``: what is known of the page already (``Known``), to ask the database less."""
    existed = page.live_revision_id is not None or page.latest_revision_id is not None
    uncommented = known is not None and known.without(known.commented, page)
    in_memory = page.__dict__.setdefault("_cluster_related_objects", {})
    unread = uncommented and COMMENTS_RELATION_NAME not in in_memory
    if unread:  # none, which serializable_data would read
        in_memory[COMMENTS_RELATION_NAME] = []
    revision = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        user=user,
        content=page.serializable_data(),
        object_str=str(page),
    )
    page.latest_revision = page.live_revision = revision
    page.latest_revision_created_at = revision.created_at
    page.draft_title = page.title
    Page.objects.filter(pk=page.pk).update(
        latest_revision=revision,
        live_revision=revision,
        latest_revision_created_at=revision.created_at,
        draft_title=page.title,
        live=True,
        has_unpublished_changes=False,
    )
    if unread:
        del in_memory[COMMENTS_RELATION_NAME]
    if existed:
        if not (known is not None and known.without(known.scheduled, page)):
            page.revisions.exclude(pk=revision.pk).update(approved_go_live_at=None)
        if not uncommented:
            for comment in getattr(page, COMMENTS_RELATION_NAME).all().only("position"):
                comment.save(update_fields=["position"])
    if log_action:  # a new page's creation is logged as it is added to the tree
        history.log(page, log_action, user, revision=revision, content_changed=True)
    if old_title is not None and old_title != page.title:
        title = {"old": old_title, "new": page.title}
        history.log(page, "wagtail.rename", user, data={"title": title}, revision=revision)
    history.log(page, "wagtail.publish", user, revision=revision, content_changed=True)
    page_published.send(sender=page.specific_class, instance=page, revision=revision)
    if existed and getattr(settings, "WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH", True):
        reviewed = not (known is not None and known.without(known.reviewed, page))
        state = page.current_workflow_state if reviewed else None
        if state is not None:
            state.cancel(user=user)
    return revision
