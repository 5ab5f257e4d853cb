"""What the public pages share between visitors, kept in Django's cache between requests.

Only what is the same for every visitor of a language is kept here (which pages are live and
public, their addresses and translations, the locales, which pages are private): never
anything of one visitor, never a private page's content. Every key carries the *generation*:
a token that any publish, unpublish, move, deletion, privacy change, locale, site or taxonomy
change replaces (``bump``, connected below), so the next request computes everything afresh;
values written under an old generation are simply never read again and expire.

Within one request each value is read from the cache once.
"""

import threading
import uuid

from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models import Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import translation
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move

GENERATION_KEY = "dlm:public:generation"
# Values expire anyway after an hour: a change no signal saw (a raw SQL write) is seen then.
TIMEOUT = 60 * 60
_MISSING = object()


# Within a request, each value is read from the cache once (a shared cache is a network
# round trip and an unpickling away): the request's memo, dropped when it ends.
_request = threading.local()


@receiver(request_started, dispatch_uid="dlm-public-memo-start")
def _start_memo(**kwargs):
    _request.memo = {}


@receiver(request_finished, dispatch_uid="dlm-public-memo-end")
def _end_memo(**kwargs):
    _request.memo = None


def _memo():
    return getattr(_request, "memo", None)


def generation():
    """The current generation token (a new one when the cache has lost it)."""
    memo = _memo()
    if memo is not None and GENERATION_KEY in memo:
        return memo[GENERATION_KEY]
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, None)
        value = cache.get(GENERATION_KEY) or "none"
    if memo is not None:
        memo[GENERATION_KEY] = value
    return value


def bump(*args, **kwargs):
    """Forget every value kept here (a signal receiver)."""
    cache.set(GENERATION_KEY, uuid.uuid4().hex, None)
    if _memo() is not None:
        _request.memo = {}


def cached(name, compute, *parts, keep=None):
    """``compute()``, kept under ``name`` and ``parts`` for the current generation (only when
    ``keep(value)`` says so, if given: else it is computed again each time)."""
    key = ":".join(["dlm:public", generation(), name, *map(str, parts)])
    memo = _memo()
    if memo is not None and key in memo:
        return memo[key]
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        if keep is None or keep(value):
            cache.set(key, value, TIMEOUT)
    if memo is not None:
        memo[key] = value
    return value


def cached_many(name, keys, compute, *parts):
    """{key: value} for each of ``keys``: those kept for the generation in one round trip,
    the others from ``compute(missing keys)`` (a dict), then kept."""
    prefix = ":".join(["dlm:public", generation(), name, *map(str, parts)])
    names = {key: f"{prefix}:{key}" for key in keys}
    found = cache.get_many(list(names.values()))
    values = {key: found[names[key]] for key in keys if names[key] in found}
    missing = [key for key in keys if key not in values]
    if missing:
        computed = compute(missing)
        cache.set_many({names[key]: value for key, value in computed.items()}, TIMEOUT)
        values.update(computed)
    return values


# ---------------------------------------------------------------------------------------------
# Locales


def _locales():
    return {locale.language_code: locale for locale in Locale.objects.all()}


def locales():
    """{language code: Locale}, read once per generation."""
    return cached("locales", _locales)


def locale_for(language_code):
    """The Locale of ``language_code``, or None, without a query in steady state."""
    return locales().get(language_code)


def active_locale():
    """The Locale of the active language (else the default one): ``Locale.get_active()``
    without a query."""
    return locale_for(translation.get_language()) or Locale.get_default()


# ---------------------------------------------------------------------------------------------
# Taxonomies


def translations_in(model, locale):
    """{translation key: instance} of a translatable snippet (a taxonomy) in ``locale``,
    read once per generation (a rename bumps it)."""
    return cached(
        "snippets",
        lambda: {obj.translation_key: obj for obj in model.objects.filter(locale=locale)},
        model._meta.label_lower,
        locale.pk,
    )


# The taxonomies every visitor sees the same, small tables read whole.
TAXONOMY_MODELS = (
    "resources.Country",
    "resources.Institution",
    "resources.Sector",
    "resources.QualificationLevel",
)


def _taxonomy_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model._meta.label in TAXONOMY_MODELS
    ]


def taxonomy_rows(model):
    """{pk: instance} of a taxonomy, with the taxonomies it points to, for the generation."""
    related = [field.name for field in _taxonomy_fields(model)]
    return cached(
        "taxonomy-rows",
        lambda: {obj.pk: obj for obj in model.objects.select_related(*related)},
        model._meta.label_lower,
    )


def attach_kept(page):
    """Give ``page`` its locale and the taxonomies its fields point to (institution, level,
    country...) from what is kept, instead of a query for each."""
    by_id = {locale.id: locale for locale in locales().values()}
    if page.locale_id in by_id:
        page.locale = by_id[page.locale_id]
    for field in _taxonomy_fields(type(page)):
        pk = getattr(page, field.attname)
        if pk is not None and not field.is_cached(page):
            row = taxonomy_rows(field.related_model).get(pk)
            if row is not None:
                setattr(page, field.name, row)
    return page


# ---------------------------------------------------------------------------------------------
# What a page shows of its place and its links


def memoised(obj, name, compute):
    """``compute()``, memoised on ``obj`` while a request lasts (and its generation): a page
    asked twice in one request answers once; outside a request, nothing is memoised."""
    if _memo() is None:
        return compute()
    memo = obj.__dict__.setdefault("_dlm_memo", {})
    key = (generation(), name)
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def kept_for_page(page, name, compute, shared=True):
    """``compute()``, memoised on ``page`` for the request and, when ``page`` is shown the
    same to everyone (``is_shared``) and ``shared``, kept for the generation (per language:
    what a page lists is named in the active one)."""
    name = f"{name}:{translation.get_language()}"

    def kept():
        if shared and is_shared(page):
            return cached("page", compute, page.pk, name)
        return compute()

    return memoised(page, name, kept)


def ancestors(page):
    """``page.get_ancestors()`` (the breadcrumb), as a list."""
    return kept_for_page(page, "ancestors", lambda: list(page.get_ancestors()))


def parent(page):
    """``page.get_parent()``, from the kept ancestors."""
    found = ancestors(page)
    return found[-1] if found else None


def related_objects(page, name):
    """``page.<name>.all()`` (sectors, countries, tags...) as a list. Kept only when read from
    the database: a preview holds its own in memory."""
    rows = getattr(page, name).all()
    return kept_for_page(page, f"all:{name}", lambda: list(rows), isinstance(rows, QuerySet))


# ---------------------------------------------------------------------------------------------
# Privacy


def _restricted_paths():
    return sorted(PageViewRestriction.objects.values_list("page__path", flat=True).distinct())


def private_q():
    """Pages in a private section (a view restriction on them or above them), as Wagtail's
    ``PageQuerySet.private_q`` says, from the restricted sections kept for the generation."""
    q = Q()
    for path in cached("restricted-paths", _restricted_paths):
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def public(queryset):
    """``queryset.public()`` without the query for the view restrictions."""
    return queryset.exclude(private_q())


def view_restriction_ids(page):
    """The ids of the view restrictions that apply to ``page`` (Wagtail's own rule, aliases
    included), kept per page for the generation."""
    return cached(
        "page-restrictions",
        lambda: list(Page.get_view_restrictions(page).values_list("id", flat=True)),
        page.pk,
    )


class CachedViewRestrictions:
    """A page whose view restrictions are looked up once per generation: a public page
    then costs no query to check (the serve hook, share tags and QR codes all ask)."""

    def get_view_restrictions(self):
        ids = view_restriction_ids(self) if self.pk else None
        if ids is None:
            return super().get_view_restrictions()
        return PageViewRestriction.objects.filter(id__in=ids) if ids else _no_restrictions()


def _no_restrictions():
    return PageViewRestriction.objects.none()


def is_shared(page, request=None):
    """Whether what is shown of ``page`` is the same for every visitor, so may be kept: a
    live, public page, not a preview of a draft."""
    return bool(
        page.pk
        and page.live
        and not getattr(request, "is_preview", False)
        and not view_restriction_ids(page)
    )


def fragment(request, page, name, render, *parts):
    """The HTML ``render()`` gives of a part of ``page`` (its header, footer, metadata...),
    kept for the generation when the page is shown the same to everyone (``is_shared``), per
    language, address and ``parts``; else rendered each time. What is kept is only ever a
    page's own shared content: a part that shows anything of the visitor (their files, a
    form's CSRF token, the user bar) must not be rendered through here."""
    if request is None or not isinstance(page, Page) or not is_shared(page, request):
        return render()
    return cached(
        "fragment",
        render,
        name,
        translation.get_language(),
        page.pk,
        request.scheme,
        request.get_host(),
        request.path,
        # A list of values (ids, languages) as one part, without spaces (a key has none).
        *(",".join(map(str, part)) if isinstance(part, list | tuple) else part for part in parts),
    )


def restricted_collection_paths():
    """The paths of the collections with a view restriction (their files and those of the
    collections below them are private)."""
    return cached(
        "restricted-collections",
        lambda: list(CollectionViewRestriction.objects.values_list("collection__path", flat=True)),
    )


def collection_is_restricted(collection):
    """Whether ``collection`` (or one above it) has a view restriction, kept per collection."""
    return cached(
        "collection-restricted",
        lambda: collection.get_view_restrictions().exists(),
        collection.pk,
    )


# ---------------------------------------------------------------------------------------------
# What makes every value stale

# The taxonomies and documents are named lazily: their models use this module. A document
# moved to a private collection, replaced or deleted, attached to a material or its text
# extracted changes what pages show of it (a material's files and file search, bundles).
FILE_MODELS = (
    settings.WAGTAILDOCS_DOCUMENT_MODEL,
    "resources.MaterialFile",
    "filetext.DocumentText",
)
for _model in (PageViewRestriction, CollectionViewRestriction, Collection, Locale, Site) + (
    TAXONOMY_MODELS + FILE_MODELS
):
    _name = _model if isinstance(_model, str) else _model.__name__
    post_save.connect(bump, sender=_model, dispatch_uid=f"dlm-public-save-{_name}")
    post_delete.connect(bump, sender=_model, dispatch_uid=f"dlm-public-delete-{_name}")

page_published.connect(bump, dispatch_uid="dlm-public-published")
page_unpublished.connect(bump, dispatch_uid="dlm-public-unpublished")
post_page_move.connect(bump, dispatch_uid="dlm-public-moved")


@receiver(post_save, dispatch_uid="dlm-public-page-saved")
@receiver(post_delete, dispatch_uid="dlm-public-page-deleted")
def _page_changed(sender, instance, **kwargs):
    """A page written without publishing (imports, the page tree's own bookkeeping) or
    deleted."""
    if isinstance(instance, Page):
        bump()
