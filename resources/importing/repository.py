"""What a catalogue refers to, loaded once per file: locales, taxonomies, sections and the
resources already in the repository under the file's external IDs.

Loading these up front keeps checking a large file to a fixed number of queries, and lets a
dry run answer every question without writing.
"""

import difflib
from collections import defaultdict

from django.db.models import prefetch_related_objects
from wagtail.models import Locale, Page

from resources.models import (
    Country,
    Institution,
    QualificationLevel,
    ResourceDocument,
    ResourceIndexPage,
    Sector,
    resource_page_models,
)

from .columns import LINK_TARGETS, MANY_TO_MANY, has_field


def compared_relations(model):
    """The relations of ``model`` that ``values.current`` reads, with what a link points at."""
    names = [name for name in (*MANY_TO_MANY, "tags") if has_field(model, name)]
    for relation, target in LINK_TARGETS.items():
        if has_field(model, relation):
            names.append(relation if target == "document" else f"{relation}__{target}")
    return names


def by_key_and_locale(objects, key):
    table = defaultdict(dict)
    for obj in objects:
        table[key(obj)][obj.locale_id] = obj
    return table


class Repository:
    def __init__(self, external_ids, document_ids=()):
        """``external_ids``: the resources of the file and those it links to."""
        self.locales = {locale.language_code: locale for locale in Locale.objects.all()}
        self.default_locale = Locale.get_default()
        self.countries = by_key_and_locale(Country.objects.all(), lambda c: c.code.upper())
        self.sectors = by_key_and_locale(Sector.objects.all(), lambda s: s.code.lower())
        self.institutions = by_key_and_locale(Institution.objects.all(), lambda i: i.slug.lower())
        self.levels = by_key_and_locale(
            QualificationLevel.objects.all(), lambda q: (q.framework, q.level)
        )
        # (institution translation key, locale id) of every institution section.
        self.sections = set(
            ResourceIndexPage.objects.filter(institution__isnull=False).values_list(
                "institution__translation_key", "locale_id"
            )
        )
        self.sectioned = {key for key, _locale in self.sections}
        self.pages = defaultdict(list)
        ids = sorted(external_ids)
        for model in resource_page_models():
            pages = list(
                model.objects.filter(external_id__in=ids).select_related("locale", "institution")
            )
            # What comparing a page with its row reads: a query per relation, not per page.
            prefetch_related_objects(pages, *compared_relations(model))
            for page in pages:
                self.pages[page.external_id].append(page)
        self.place_pages()
        self.documents = set(
            ResourceDocument.objects.filter(pk__in=set(document_ids)).values_list("pk", flat=True)
        )

    def place_pages(self):
        """Give every page its parent, as treebeard's ``get_parent`` keeps it (checking a
        page's slug reads it)."""
        pages = [page for pages in self.pages.values() for page in pages if page.depth > 1]
        paths = {page.path[: -Page.steplen] for page in pages}
        parents = {parent.path: parent for parent in Page.objects.filter(path__in=paths)}
        for page in pages:
            parent = parents.get(page.path[: -Page.steplen])
            if parent is not None:
                page._cached_parent_obj = parent

    def local(self, table, key, locale):
        """The snippet ``key`` in ``locale``, else in the default language, else in any
        (the demo content and the editors do the same where a snippet is not translated)."""
        by_locale = table.get(key)
        if not by_locale:
            return None
        return (
            by_locale.get(locale.pk)
            or by_locale.get(self.default_locale.pk)
            or by_locale[min(by_locale)]
        )

    @staticmethod
    def suggest(table, key):
        """' (did you mean ...?)' for a mistyped or shortened code, or ''."""
        known = sorted(str(k) for k in table)
        key = str(key)
        close = [k for k in known if key and key in k][:3] or difflib.get_close_matches(
            key, known, n=3, cutoff=0.6
        )
        return f" (did you mean {', '.join(close)}?)" if close else ""

    def resource(self, external_id):
        """{locale id: page} of the resource using ``external_id``; raises ValueError when
        several resources share it (which the admin's own validation prevents)."""
        pages = self.pages.get(external_id, [])
        if len({p.translation_key for p in pages}) > 1:
            raise ValueError(external_id)
        return {page.locale_id: page for page in pages}

    def original(self, pages):
        """The page translations are copied from: the default language's, else the oldest."""
        real = [p for p in pages.values() if not p.alias_of_id] or list(pages.values())
        return next(
            (p for p in real if p.locale_id == self.default_locale.pk),
            min(real, key=lambda p: p.pk),
        )
