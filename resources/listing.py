"""Building lists of resources with a fixed number of SQL queries, whatever their length.

A list shows every live, public resource once, in the visitor's language where it has been
translated, else in the language ``resources.localization`` chooses, and the card says so.
"""

import hashlib
from functools import cached_property

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Exists, F, OuterRef, Prefetch, Q
from django.utils.translation import get_language
from wagtail.models import Page

from resources.caching import cached, cached_many, locales, public
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


class ListedPage:
    """A resource in a list, as much as choosing its translation and drawing its card needs
    (no model instance): its id, translation key, content type and locale."""

    def __init__(self, pk, translation_key, content_type_id, locale):
        self.pk = self.id = pk
        self.translation_key = translation_key
        self.content_type_id = content_type_id
        self.locale = locale


class ShownResources:
    """Every resource of a list once, newest first, as the translation a visitor is shown.

    Counted and sliced (so paginated) on the resources' originals, which PostgreSQL walks
    newest first by index and stops; only a slice's translations are then read, and the one
    to show chosen by ``resources.localization``. Choosing a translation for every row in SQL (a
    subquery or a window per row) took 1 to 3 seconds a query at 100,000 pages; this takes
    about 0.3 s to count and less for a page. A list named by ``kept`` (the same for every
    visitor) keeps its count and its slices' translations for the generation: no query in
    steady state (its querysets, from ``build()``, are not even built).
    """

    def __init__(self, build, visitor, preferred=(), kept=None):
        self._build = build
        self.visitor = visitor
        self.preferred = tuple(preferred)
        self.kept = kept

    @cached_property
    def _querysets(self):
        candidates, resources = self._build()
        order = (F("first_published_at").desc(nulls_last=True), "-pk")
        return candidates, resources.only("translation_key").order_by(*order)

    @property
    def candidates(self):
        return self._querysets[0]

    @property
    def resources(self):
        return self._querysets[1]

    def _keep(self, name, compute, *parts):
        if self.kept is None:
            return compute()
        return cached(name, compute, *self.kept, *parts)

    def count(self):
        return self._keep("list-count", lambda: self.resources.count())

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if isinstance(index, slice):
            rows = self._keep(
                "list-slice",
                lambda: self._rows([page.translation_key for page in self.resources[index]]),
                index.start,
                index.stop,
            )
            return self._shown(*rows)
        return self[index : index + 1][0]

    def shown(self, keys):
        """The translation to show of each resource, in the order of ``keys``, each with its
        ``shown_language`` and ``available_languages``. One query."""
        return self._shown(*self._rows(keys))

    def _rows(self, keys):
        """(``keys``, (id, translation key, content type, locale) of each of their
        translations, by id)."""
        if not keys:
            return [], []
        rows = (
            self.candidates.filter(translation_key__in=keys)
            .order_by("pk")
            .values_list("pk", "translation_key", "content_type_id", "locale_id")
        )
        return keys, list(rows)

    def _shown(self, keys, rows):
        by_id = {locale.id: locale for locale in locales().values()}
        translations = {}
        for pk, key, content_type_id, locale_id in rows:
            translations.setdefault(key, []).append(
                ListedPage(pk, key, content_type_id, by_id[locale_id])
            )
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
    name ("course"); ``institution_keys`` those of these institutions (translation keys).
    Lists without a tag (a visitor may type any) are kept for the generation."""
    kind = type_named(resource_type) if resource_type else None

    def build():
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
            resources = resources.type(kind.model) if kind else resources.none()
        return candidates, resources

    kept = None
    if not tag and (kind is not None or not resource_type):
        institutions = sorted(map(str, institution_keys)) if institution_keys is not None else None
        kept = (
            within.pk if within is not None else "",
            kind.name if kind is not None else "",
            hashlib.sha256(repr(institutions).encode()).hexdigest()[:16],
        )
    return ShownResources(build, visitor, preferred, kept)


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
    """``pages`` (from ``ShownResources``) as the cards of a list for ``card_html``: each with
    its ``shown_language``, ``available_languages``, ``is_fallback`` (not in the
    ``visitor``'s language) and ``visitor_language``. Nothing more is read: the specific
    pages of the cards not kept are loaded when drawn."""
    for page in pages:
        page.visitor_language = visitor
        page.is_fallback = page.shown_language != visitor
    return pages


def card_html(cards, render, *parts):
    """The HTML of each of ``cards`` (from ``load_cards``), in order. A card is the same for
    every visitor reading the same language with the same languages available: kept for the
    generation per language, that and ``parts`` (how its tags link, the site), all asked in
    one round trip; only the cards not kept are loaded (``load_specific``) and drawn by
    ``render(resource)``."""
    by_key = {
        f"{card.pk}:{card.visitor_language}:{'-'.join(card.available_languages)}": card
        for card in cards
    }

    def draw(keys):
        resources = {
            resource.pk: resource for resource in load_specific([by_key[key] for key in keys])
        }
        drawn = {}
        for key in keys:
            card, resource = by_key[key], resources.get(by_key[key].pk)
            if resource is None:
                continue
            resource.shown_language = card.shown_language
            resource.available_languages = card.available_languages
            resource.visitor_language = card.visitor_language
            resource.is_fallback = card.is_fallback
            drawn[key] = render(resource)
        return drawn

    found = cached_many("card-html", list(by_key), draw, get_language(), *parts)
    return [found[key] for key in by_key if key in found]


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
