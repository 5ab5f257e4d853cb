"""Save a page that is new to the repository, with its child objects.

modelcluster commits each relation of a saved page on its own: it reads the relation back
(empty, for a new page), then saves each child object (a tag, a file, a link) in a statement
of its own; publishing then read every relation back again to serialise the revision. For a
new page the children are inserted here in one statement per relation, each with the
``pre_save``/``post_save`` signals its own save sends, and the page keeps them in memory
until its revision is written, from the same objects the database now holds.
"""

from django.db import router
from django.db.models.signals import post_save, pre_save
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations


def save_new(page, site_roots):
    """Save the unsaved ``page`` (placed in the tree and validated already) and its children.
    ``site_roots``: the translation keys of the sites' root pages. Wagtail logs the creation
    unless ``log_action=None``; the import logs it with the rest of its history."""
    pending = getattr(page, "_cluster_related_objects", {})
    children = {
        rel: pending.pop(rel.get_accessor_name(), []) for rel in get_all_child_relations(page)
    }
    targets = {field: pending.pop(field.name, []) for field in get_all_child_m2m_relations(page)}
    # Page.save asks the database whether the page is a site's root (or a translation of one).
    page._is_site_root = page.translation_key in site_roots
    page.save(clean=False, log_action=None)
    for rel, items in children.items():
        for item in items:
            setattr(item, rel.field.name, page)
        _insert(rel.related_model, items)
    for field, objs in targets.items():
        if objs:
            getattr(page, field.name).get_original_manager().add(*objs)
    # What the database holds now, for serializable_data (a relation not set is empty).
    page._cluster_related_objects = {
        rel.get_accessor_name(): items for rel, items in children.items()
    }
    page._cluster_related_objects.update({field.name: objs for field, objs in targets.items()})


def forget_children(page):
    """Read the page's relations from the database again, as after a save by modelcluster."""
    page._cluster_related_objects = {}


def _insert(model, items):
    if not items:
        return
    using = router.db_for_write(model)
    for item in items:
        pre_save.send(sender=model, instance=item, raw=False, using=using, update_fields=None)
    model._default_manager.using(using).bulk_create(items)
    for item in items:
        post_save.send(
            sender=model, instance=item, created=True, update_fields=None, raw=False, using=using
        )
