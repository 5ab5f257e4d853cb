"""The live, public pages a resource links to or is linked from, as the page models' named
methods (``course.standards()``, ``standard.courses()``...) give them."""

from django.db.models.fields.related import ForeignKey
from django.utils.translation import get_language
from modelcluster.fields import ParentalKey
from wagtail.models import Page

from resources.localization import one_per_translation


def live_related(links, attr, locale=None):
    """The live, public pages that ``links`` (a related manager of link rows) point to through
    ``attr``, shown in ``locale`` where a translation exists, else in the next language of the
    fallback order that has one (the active language when ``locale`` is None).

    ``live_related(course.standard_links, "standard", locale)`` gives the standards a course
    implements; ``live_related(standard.course_links, "course", locale)`` the courses
    implementing a standard. For reverse relations (``course_links`` on a standard), links
    made to any translation of the page count, so a course translated before its standard
    still shows. Three queries, however many links.
    """
    rows = _link_rows(links, attr)
    targets = [getattr(row, attr) for row in rows]
    targets = [t for t in targets if t is not None]
    if not targets:
        return []
    # Every live, public translation of each linked page: the one shown is in ``locale``
    # where it exists, else the next by the fallback order (a link row may point at any
    # translation, and the rows come in no set order).
    keys = list(dict.fromkeys(t.translation_key for t in targets))
    candidates = (
        Page.objects.filter(translation_key__in=keys)
        .live()
        .public()
        .order_by("pk")
        .specific()
        # The chooser and the template read each page's language: not a query per page.
        .select_related("locale", for_specific_subqueries=True)
    )
    visitor = locale.language_code if locale is not None else get_language()
    shown = {page.translation_key: page for page in one_per_translation(candidates, visitor)}
    return [shown[key] for key in keys if key in shown]


def _link_rows(links, attr):
    """The link rows of a related manager, following reverse relations across translations."""
    instance = getattr(links, "instance", None)
    if isinstance(instance, Page) and _is_reverse_fk(links):
        return list(
            links.model.objects.filter(
                **{f"{links.field.name}__translation_key": instance.translation_key}
            ).select_related(attr)
        )
    rows = links.all()
    if hasattr(rows, "select_related"):
        rows = rows.select_related(attr)
    return list(rows)


def _is_reverse_fk(manager):
    """True for Django's reverse many-to-one managers (``standard.course_links``), False for
    modelcluster's child relation managers (``course.standard_links``), whose rows belong to
    this page only."""
    field = getattr(manager, "field", None)
    return isinstance(field, ForeignKey) and not isinstance(field, ParentalKey)
