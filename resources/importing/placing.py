"""Where the new pages of an import go in the page tree: the institution sections.

Treebeard's ``add_child`` locks the parent's row, reads its last child to number the new one
and bumps the parent's child count, for each page; Wagtail's ``find_available_slug`` reads the
siblings' slugs for each page. A section holds many pages of one file, and its row stays
locked from the first page added until the import's transaction ends, so nothing else adds
to it meanwhile: its last path and slugs are read once, and kept up to date in memory as
pages are added. The child counts are written once per section, before the transaction ends.
"""

from django.db.models import F
from wagtail.models import Page


class Place:
    """One section, locked, with what the import needs to add pages below it."""

    def __init__(self, section):
        parent = Page.objects.select_for_update().get(pk=section.pk)
        self.section = section
        self.path, self.depth = parent.path, parent.depth + 1
        self.numchild = parent.numchild
        self.last = None if parent.is_leaf() else parent.get_last_child()
        self.slugs = set(parent.get_children().values_list("slug", flat=True))
        self.added = 0

    def available_slug(self, requested):
        """The requested slug, else with -1, -2... as ``find_available_slug`` numbers it."""
        slug, number = requested, 1
        while slug in self.slugs:
            slug = f"{requested}-{number}"
            number += 1
        return slug

    def take(self, page):
        """Give the new ``page`` the next path below the section and its slug."""
        page.depth = self.depth
        if self.last is None:
            page.path = Page._get_path(self.path, self.depth, 1)
        else:
            page.path = self.last._inc_path()
        self.last = page
        self.slugs.add(page.slug)
        self.added += 1
        self.numchild += 1
        self.section.numchild = self.numchild
        page._cached_parent_obj = self.section

    def write_count(self):
        if self.added:
            Page.objects.filter(pk=self.section.pk).update(numchild=F("numchild") + self.added)
            self.added = 0
