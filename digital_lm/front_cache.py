"""The front cache (deploy/front/: Varnish, with nginx behind it): what the site lets it keep,
and what it tells it to forget.

What it may keep: ``FrontCacheHeadersMiddleware`` gives anonymous GET/HEAD answers that say
nothing of caching themselves ``public, max-age=<browser>, s-maxage=<front>``, and makes any
answer that sets a cookie or is for a signed-in user ``private``. Answers that already say
(private pages and previews: Wagtail; downloads: downloads.responses; the APIs) keep theirs.
With no front cache configured (``DLM_FRONT_CACHE_URLS`` empty) it changes nothing.

What it must forget, through Wagtail's frontend cache (``PurgeBatch``, one PURGE per address;
the front drops every language variant and every query string of an address): when a page
is published, unpublished, moved or renamed, when its privacy changes, and when a taxonomy
entry it shows is saved, the page's address in each of its languages, the lists that show it
(its ancestors in every language, the home pages included), the sitemaps and the feeds.
Purges go out after the editor's transaction commits (Wagtail's purge task).
"""

import copy
import operator
from functools import reduce

from django.apps import apps
from django.conf import settings
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, PageViewRestriction, ReferenceIndex
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from digital_lm.languages import LANGUAGE_CODES
from interop.sitemaps import sections, sitemap_name
from resources.models import Country, Institution, QualificationLevel, Sector
from resources.models.base import ResourceMetadataMixin

TAXONOMIES = (Country, Institution, Sector, QualificationLevel)
# Answers the front may keep: pages, redirects (the bare "/" and permanent links choose by
# Accept-Language, which the front normalises and varies on) and "not found".
CACHEABLE_STATUSES = {200, 301, 302, 404, 410}


def enabled():
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


# ----------------------------------------------------------------------------------------------
# What the front may keep


class FrontCacheHeadersMiddleware:
    """Cache-Control for the front cache (see the module's docstring). Placed before the
    session, CSRF and messages middleware, so it sees every cookie they set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if enabled() and not response.has_header("Cache-Control"):
            cache_control(request, response)
        return response


def cache_control(request, response):
    user = getattr(request, "user", None)
    if response.cookies or (user is not None and user.is_authenticated):
        patch_cache_control(response, private=True, no_cache=True)
    elif request.method in ("GET", "HEAD") and response.status_code in CACHEABLE_STATUSES:
        patch_cache_control(
            response,
            public=True,
            max_age=settings.FRONT_CACHE_BROWSER_SECONDS,
            s_maxage=settings.FRONT_CACHE_SECONDS,
        )


# ----------------------------------------------------------------------------------------------
# What the front must forget


def page_addresses(page, batch, url_path=None):
    """Add the page's address (as it was at ``url_path``, when given) to ``batch``."""
    if url_path is not None:
        page = copy.copy(page)
        page.url_path = url_path
    batch.add_page(page)


def translations(page):
    return Page.objects.filter(translation_key=page.translation_key).select_related("locale")


def lists_of(page, batch):
    """The pages that list ``page`` or name it: its ancestors in every language (home pages
    included) and the pages whose fields refer to it, with their translations."""
    ancestors = page.get_ancestors().filter(depth__gt=1).values_list("translation_key", flat=True)
    batch.add_pages(Page.objects.filter(translation_key__in=list(ancestors)))
    referring = pages_referring_to([page])
    if referring:
        keys = Page.objects.filter(pk__in=referring).values_list("translation_key", flat=True)
        batch.add_pages(Page.objects.filter(translation_key__in=list(keys)))


def pages_referring_to(objects):
    """Ids of the pages whose fields refer to any of ``objects`` (Wagtail's reference index)."""
    page_type = ReferenceIndex._get_base_content_type(Page)
    rows = ReferenceIndex.get_references_to_in_bulk(objects).filter(base_content_type=page_type)
    return {int(object_id) for object_id in rows.values_list("object_id", flat=True)}


def sitemaps_and_feeds(page, batch):
    """The sitemap index, the sitemaps of the page's kind in every language, and, for a
    resource, the feeds of every language and its permanent links."""
    batch.add_url(absolute(reverse("sitemap_index")))
    specific = page.specific_class
    for section, model in sections().items():
        if specific is not None and issubclass(specific, model):
            for language in LANGUAGE_CODES:
                name = sitemap_name(language, section)
                batch.add_url(absolute(reverse("sitemap_section", args=[name])))
    if specific is not None and issubclass(specific, ResourceMetadataMixin):
        for language in LANGUAGE_CODES:
            batch.add_url(absolute(reverse("resource_feed_rss", args=[language])))
            batch.add_url(absolute(reverse("resource_feed_atom", args=[language])))
        external_id = page.specific_deferred.external_id
        if external_id:
            batch.add_url(absolute(reverse("permanent_link", args=[external_id])))
            for language in LANGUAGE_CODES:
                batch.add_url(absolute(reverse("permanent_link_in", args=[external_id, language])))


def absolute(path):
    """A site-wide address (no page behind it) for the purge: the front keys on the path."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def affected(pages, batch, with_descendants=False):
    """Everything that shows ``pages`` (and their descendants): their translations' addresses,
    their lists, sitemaps and feeds."""
    for page in pages:
        tree = [page, *page.get_descendants()] if with_descendants else [page]
        for shown in tree:
            for translation in translations(shown):
                page_addresses(translation, batch)
            lists_of(shown, batch)
            sitemaps_and_feeds(shown, batch)


def purge(pages, with_descendants=False, batch=None):
    if not enabled():
        return
    batch = batch or PurgeBatch()
    affected(pages, batch, with_descendants)
    batch.purge()


@receiver(page_published)
@receiver(page_unpublished)
def _published_or_unpublished(sender, instance, **kwargs):
    purge([instance])


@receiver(page_slug_changed)
def _renamed(sender, instance, instance_before, **kwargs):
    if enabled():
        batch = PurgeBatch()
        old_addresses(instance, instance_before.url_path, instance.url_path, batch)
        purge([instance], with_descendants=True, batch=batch)


def old_addresses(page, path_before, path_after, batch):
    """The addresses ``page`` and its descendants had before their url_path changed."""
    for shown in [page, *page.get_descendants()]:
        path = shown.url_path
        if path.startswith(path_after):
            path = path_before + path[len(path_after) :]
        page_addresses(shown, batch, url_path=path)


@receiver(post_page_move)
def _moved(sender, instance, parent_page_before, url_path_before, url_path_after, **kwargs):
    """The old addresses and the old parent's lists, then all that shows the page now."""
    if enabled():
        batch = PurgeBatch()
        old_addresses(instance, url_path_before, url_path_after, batch)
        chain = parent_page_before.get_ancestors(inclusive=True).filter(depth__gt=1)
        keys = list(chain.values_list("translation_key", flat=True))
        batch.add_pages(Page.objects.filter(translation_key__in=keys))
        purge([instance], with_descendants=True, batch=batch)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def _privacy_changed(sender, instance, **kwargs):
    if enabled():
        purge([instance.page], with_descendants=True)


def _taxonomy_saved(sender, instance, **kwargs):
    """Every page showing the entry, in any of its languages, and those of the entries that
    show it (an institution shows its country)."""
    if not enabled():
        return
    entries = list(type(instance).objects.filter(translation_key=instance.translation_key))
    for model in TAXONOMIES:
        condition = referring_to(model, entries) if model is not type(instance) else None
        if condition is not None:
            entries += list(model.objects.filter(condition))
    purge(Page.objects.filter(pk__in=pages_showing(entries)))


def referring_to(model, entries):
    """A filter of ``model``'s rows whose own fields (foreign keys, many-to-many) name any of
    ``entries`` (None when no field can)."""
    conditions = []
    for field in model._meta.get_fields():
        if field.concrete and field.is_relation:
            named = [entry for entry in entries if type(entry) is field.related_model]
            if named:
                conditions.append(Q(**{f"{field.name}__in": named}))
    return reduce(operator.or_, conditions) if conditions else None


def pages_showing(entries):
    """Ids of the pages of every page model whose fields name any of ``entries``."""
    ids = set()
    for model in apps.get_models():
        if issubclass(model, Page) and model is not Page:
            condition = referring_to(model, entries)
            if condition is not None:
                ids.update(model.objects.filter(condition).values_list("pk", flat=True))
    return ids


for _model in TAXONOMIES:
    post_save.connect(_taxonomy_saved, sender=_model, dispatch_uid=f"front-cache-{_model.__name__}")
    pre_delete.connect(
        _taxonomy_saved, sender=_model, dispatch_uid=f"front-cache-d-{_model.__name__}"
    )
