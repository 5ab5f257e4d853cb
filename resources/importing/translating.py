"""A new translation of a page, built in memory from its source as Wagtail copies it.

Wagtail's ``copy_for_translation`` saves the copy under the source's translated parent (making
that parent an alias first if it has none), saves a revision of it and logs the copy; the
import then moved it to the institution's section in that language and saved it again. Built
in memory, the copy is added once, where it belongs, and published or saved as a draft as any
new row is (``upsert``).
"""

import copy

from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.models import TranslatableMixin

# Wagtail's own copying helpers, as its copy and copy-for-translation actions use them.
from wagtail.models.copying import _copy, _copy_m2m_relations


def copy_for_translation(source, locale, user):
    """An unsaved copy of ``source`` (specific) in ``locale``: same translation key, its
    child objects (tags, files, links) copied, translatable ones moved to ``locale``."""
    exclude = source.default_exclude_fields_in_copy + source.exclude_fields_in_copy
    page, children = _copy(
        source,
        exclude_fields=exclude,
        update_attrs={
            "locale": locale,
            "live": False,
            "has_unpublished_changes": True,
            "live_revision": None,
            "first_published_at": None,
            "last_published_at": None,
            "alias_of": None,
            "owner": user,
        },
    )
    for child in children.values():
        if isinstance(child, TranslatableMixin):
            child.locale = locale
    return page


def copy_m2m_relations(source, page):
    """The plain many-to-many relations of ``source``, onto the saved ``page`` (parental ones
    travel with the copy)."""
    exclude = source.default_exclude_fields_in_copy + source.exclude_fields_in_copy
    _copy_m2m_relations(source, page, exclude_fields=exclude)


class Sources:
    """The pages an import's translations are copied from, each read as stored in its
    transaction; its child objects and many-to-many values are read once: a resource's
    translations in several languages are copied from one page, and reading them for each
    was a query per relation (and a savepoint) each time."""

    def __init__(self):
        self.related = {}  # page id -> {relation: [objects]}

    def forget(self, page):
        """``page`` was written: read its relations again when a translation copies it."""
        self.related.pop(page.pk, None)

    def get(self, page):
        """``page`` as stored, ready to be copied; its child objects are copies of those read
        (copying a page's children changes them), its fields its own (a stream may be given
        block IDs as a copy is saved)."""
        stored = type(page).objects.get(pk=page.pk)
        if page.pk not in self.related:
            names = [rel.get_accessor_name() for rel in get_all_child_relations(stored)]
            names += [field.name for field in get_all_child_m2m_relations(stored)]
            self.related[page.pk] = {n: list(getattr(stored, n).all()) for n in names}
        stored._cluster_related_objects = {
            name: [copy.copy(obj) for obj in objects]
            for name, objects in self.related[page.pk].items()
        }
        return stored
