"""The live, public pages a resource links to or is linked from, as the page models' named
methods (``course.standards()``, ``standard.courses()``...) give them."""

from django.db.models import QuerySet
from django.db.models.fields.related import ForeignKey
from django.utils.translation import get_language
from modelcluster.fields import ParentalKey
from wagtail.models import Page

from resources.caching import cached, is_shared, memoised, public
from resources.localization import one_per_translation


def live_related(links, attr, locale=None):
    """The live, public pages that ``links`` (a related manager of link rows) point to through
    ``attr``, shown in ``locale`` where a translation exists, else in the next language of the
    fallback order that has one (the active language when ``locale`` is None).

    ``live_related(course.standard_links, "standard", locale)`` gives the standards a course
    implements; ``live_related(standard.course_links, "course", locale)`` the courses
    implementing a standard. For reverse relations (``course_links`` on a standard), links
    made to any translation of the page count, so a course translated before its standard
    still shows. Two queries, however many links, none the second time a page asks in the
    same request (its template, its JSON-LD and its bundles all ask), and none while the
    generation lasts for a live, public page.
    """
    instance = getattr(links, "instance", None)
    visitor = locale.language_code if locale is not None else get_language()
    relation = (attr, getattr(links, "field", None) and links.field.name, visitor)

    def compute():
        if _shared(instance, links):
            return cached(
                "related", lambda: _live_related(links, attr, visitor), instance.pk, *relation
            )
        return _live_related(links, attr, visitor)

    if instance is None or not getattr(instance, "pk", None):
        return compute()
    return memoised(instance, ("related", *relation), compute)


def _shared(instance, links):
    """Whether the related pages of ``instance`` are the same for every visitor, so may be
    kept: a live, public page read from the database (a preview holds its link rows in
    memory, and may change them)."""
    return isinstance(instance, Page) and isinstance(links.all(), QuerySet) and is_shared(instance)


def _live_related(links, attr, visitor):
    keys = _linked_keys(links, attr)
    if not keys:
        return []
    target_model = links.model._meta.get_field(attr).related_model
    # Every live, public translation of each linked page: the one shown is in the visitor's
    # language where it exists, else the next by the fallback order (a link row may point at
    # any translation, and the rows come in no set order).
    candidates = (
        public(target_model.objects.filter(translation_key__in=keys).live())
        .order_by("pk")
        # The chooser and the template read each page's language: not a query per page.
        .select_related("locale")
    )
    shown = {page.translation_key: page for page in one_per_translation(candidates, visitor)}
    return [shown[key] for key in keys if key in shown]


def _linked_keys(links, attr):
    """The translation keys of the pages the link rows point to, in the links' order, each
    once. One query; in a preview (link rows held in memory) one per row."""
    instance = getattr(links, "instance", None)
    if isinstance(instance, Page) and _is_reverse_fk(links):
        rows = links.model.objects.filter(
            **{f"{links.field.name}__translation_key": instance.translation_key}
        )
    else:
        rows = links.all()
    if isinstance(rows, QuerySet):
        keys = rows.values_list(f"{attr}__translation_key", flat=True)
    else:
        keys = [getattr(row, attr).translation_key for row in rows if getattr(row, attr)]
    return list(dict.fromkeys(key for key in keys if key is not None))


def _is_reverse_fk(manager):
    """True for Django's reverse many-to-one managers (``standard.course_links``), False for
    modelcluster's child relation managers (``course.standard_links``), whose rows belong to
    this page only."""
    field = getattr(manager, "field", None)
    return isinstance(field, ForeignKey) and not isinstance(field, ParentalKey)
