"""Building lists of resources with a fixed number of SQL queries, whatever their length.

A list shows every live, public resource once, in the visitor's language where it has been
translated, else in the language ``resources.localization`` chooses, and the card says so.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.utils.translation import get_language
from wagtail.models import Page

from resources.caching import cached, cached_many, public
from resources.localization import localize_all, shown_translation
from resources.models.base import resource_page_models
from resources.models.base import resource_type as type_named

PAGE_SIZE = 12


def public_resources():
    """Live, public resource pages of every type and language (generic Pages)."""
    return public(Page.objects.live().type(*resource_page_models()))


def below_any_translation_of(page):
    """A Q for pages below ``page`` or below any of its translations: a Lao section holds
    only Lao pages, but the section, to a visitor, is the institution's in every language."""
    condition = Q()
    family = cached(
        "family",
        lambda: list(
            Page.objects.filter(translation_key=page.translation_key).values_list("path", "depth")
        ),
        page.translation_key,
    )
    for path, depth in family:
        condition |= Q(path__startswith=path, depth__gt=depth)
    return condition


def originals(candidates):
    """One page per resource among ``candidates``: its original, the earliest created (the
    lowest id), which also dates the resource."""
    earlier = candidates.filter(translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk"))
    return candidates.filter(~Exists(earlier))


class ShownResources:
    """Every resource of a list once, newest first, as the translation a visitor is shown.

    Counted and sliced (so paginated) on the resources' originals, which PostgreSQL walks
    newest first by index and stops; only a slice's translations are then read, and the one
    to show chosen by ``resources.localization``. Choosing a translation for every row in SQL (a
    subquery or a window per row) took 1 to 3 seconds a query at 100,000 pages; this takes
    about 0.3 s to count and less for a page.
    """

    def __init__(self, candidates, resources, visitor, preferred=()):
        self.candidates = candidates
        self.resources = resources.only("translation_key").order_by(
            F("first_published_at").desc(nulls_last=True), "-pk"
        )
        self.visitor = visitor
        self.preferred = tuple(preferred)

    def count(self):
        return self.resources.count()

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self.shown([page.translation_key for page in self.resources[index]])
        return self[index : index + 1][0]

    def shown(self, keys):
        """The translation to show of each resource, in the order of ``keys``, each with its
        ``shown_language`` and ``available_languages``. One query."""
        if not keys:
            return []
        rows = (
            self.candidates.filter(translation_key__in=keys)
            .select_related("locale")
            .only("translation_key", "content_type", "locale__language_code")
            .order_by("pk")
        )
        translations = {}
        for page in rows:
            translations.setdefault(page.translation_key, []).append(page)
        return [
            shown_translation(translations[key], self.visitor, self.preferred)
            for key in keys
            if key in translations
        ]


def browsable_resources(
    visitor,
    preferred=(),
    within=None,
    tag=None,
    resource_type=None,
    institution_keys=None,
):
    """Every live, public resource once, as the page to show to a visitor reading
    ``visitor`` (then ``preferred``), newest first by its original's first publication.

    ``within`` (a page) keeps the resources below it or any of its translations; ``tag``
    those with the tag in any translation; ``resource_type`` those of the type of that public
    name ("course"); ``institution_keys`` those of these institutions (translation keys)."""
    candidates = public_resources()
    if within is not None:
        candidates = candidates.filter(below_any_translation_of(within))
    resources = originals(candidates)
    if tag:
        resources = resources.filter(tagged_in_any_translation(tag))
    if institution_keys is not None:
        resources = resources.filter(
            _any_type("institution__translation_key__in", institution_keys)
        )
    if resource_type:
        kind = type_named(resource_type)
        resources = resources.type(kind.model) if kind else resources.none()
    return ShownResources(candidates, resources, visitor, preferred)


def tagged_in_any_translation(tag):
    """A Q for pages of resources that carry the tag ``tag`` (a slug) in any translation."""
    condition = Q()
    for model in resource_page_models():
        tagged = model.tags.through.objects.filter(tag__slug=tag, content_object__live=True)
        condition |= Q(translation_key__in=tagged.values("content_object__translation_key"))
    return condition


def _any_type(lookup, value):
    """A Q matching generic Pages whose specific resource (of any type) has ``lookup=value``."""
    condition = Q()
    for model in resource_page_models():
        condition |= Q(**{f"{model._meta.model_name}__{lookup}": value})
    return condition


def load_cards(pages, visitor):
    """The specific pages for ``pages`` (from ``ShownResources``) with everything a card
    shows: ``shown_language``, ``available_languages``, ``is_fallback`` (not in the
    ``visitor``'s language) and ``visitor_language`` too."""
    resources = load_specific(pages)
    shown = {page.pk: page for page in pages}
    for resource in resources:
        page = shown[resource.pk]
        resource.shown_language = page.shown_language
        resource.available_languages = page.available_languages
        resource.visitor_language = visitor
        resource.is_fallback = page.shown_language != visitor
    return resources


def load_specific(pages):
    """The specific pages for ``pages`` (in the same order), with everything a card shows.

    A card is the same for every visitor of a language (the page is live and public): cards
    are kept for the generation, all asked in one round trip; those missing cost one query
    per resource type plus its prefetches (snippets in the active language are kept).
    """
    given = {page.id: page for page in pages}

    def load(ids):
        return {page.id: page for page in _load_specific([given[pk] for pk in ids])}

    by_id = cached_many("card", list(given), load, get_language())
    return [by_id[p.id] for p in pages if p.id in by_id]


def _load_specific(pages):
    ids_by_model = {}
    for page in pages:
        ids_by_model.setdefault(page.content_type_id, []).append(page.id)
    by_id = {}
    for model in resource_page_models():
        ids = ids_by_model.get(ContentType.objects.get_for_model(model).id)
        if not ids:
            continue
        for obj in (
            model.objects.filter(id__in=ids)
            .select_related("institution", "level")
            .prefetch_related(
                Prefetch("tagged_items", model.tags.through.objects.select_related("tag")),
                "sectors",
                "countries",
            )
        ):
            by_id[obj.id] = obj
    specific = [by_id[p.id] for p in pages if p.id in by_id]
    attach_localized_snippets(specific)
    return specific


def attach_localized_snippets(resources):
    """Set ``display_institution``, ``display_sectors``, ``display_countries`` and
    ``display_level`` on each resource, in the active language."""
    snippets = []
    for r in resources:
        snippets += [r.institution, r.level, *r.sectors.all(), *r.countries.all()]
    local = localize_all(snippets)
    for r in resources:
        r.display_institution = local.get(r.institution)
        r.display_level = local.get(r.level)
        r.display_sectors = [local[s] for s in r.sectors.all()]
        r.display_countries = [local[c] for c in r.countries.all()]
        r.display_tags = [item.tag for item in r.tagged_items.all()]


def paginate(request, qs, per_page=PAGE_SIZE):
    paginator = Paginator(qs, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
