"""The sitemaps: every live, public page translation once, with its translations as
``hreflang`` alternates and an ``x-default``.

``/sitemap.xml`` is an index of one sitemap per language and kind of page
(``/sitemap-<language>-<section>.xml``, paged by ``?p=``): the library holds more translations
than one sitemap may list (50,000). Each sitemap page costs the same few queries however many
pages it lists: the pages, then all their translations by ``translation_key``, with addresses
made from the rows (``interop.addresses``).

The ``x-default`` of a resource is its permanent link (``/r/<external_id>``), which leads each
visitor to their language; of a home page, the site's root, which does the same; of any other
page, its Chinese translation (the alliance's main language, as the page's own head says),
else its original.
"""

import math
from functools import partial

from django.contrib.contenttypes.models import ContentType
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap, x_robots_tag
from django.db.models import Count, Max
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from wagtail.models import Page

from digital_lm.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES, bcp47, language_position
from home.models import HomePage
from resources.models import ResourceIndexPage, WorkshopPage
from resources.models.base import ResourceMetadataMixin, resource_types

from .addresses import PageAddresses
from .changes import conditional

# The protocol allows 50,000 addresses and 50 MB a file; with up to eight alternates each,
# 5,000 addresses stay near 6 MB, and one page of a sitemap stays quick to build.
URLS_PER_SITEMAP = 5000


def sections():
    """{name: page model} of every kind of page the sitemaps list, each its own sitemap."""
    return {
        "home": HomePage,
        "sections": ResourceIndexPage,
        "workshops": WorkshopPage,
        **{kind.name: kind.model for kind in resource_types()},
    }


def public_pages(addresses):
    """The live, public pages that have an address (one query for the view restrictions)."""
    return Page.objects.live().public().filter(addresses.in_sites())


class TranslationsSitemap(Sitemap):
    """The live, public pages of one model in one language, with their translations."""

    limit = URLS_PER_SITEMAP

    def __init__(self, model, language):
        self.model = model
        self.language = language
        self.addresses = PageAddresses()
        self.public = public_pages(self.addresses)

    def items(self):
        fields = ["id", "translation_key", "url_path", "last_published_at"]
        if issubclass(self.model, ResourceMetadataMixin):
            fields.append("external_id")
        return (
            self.model.objects.filter(
                pk__in=self.public.values("pk"), locale__language_code=self.language
            )
            .order_by("pk")
            .values(*fields)
        )

    def get_urls(self, page=1, site=None, protocol=None):
        rows = list(self.paginator.page(page).object_list)
        dates = [row["last_published_at"] for row in rows if row["last_published_at"]]
        self.latest_lastmod = max(dates, default=None)
        translations = self.translations([row["translation_key"] for row in rows])
        urls = []
        for row in rows:
            location = self.addresses.page_url(row["url_path"])
            alternates = translations.get(row["translation_key"], [])
            default = self.default_location(row, alternates)
            urls.append(
                {
                    "item": row,
                    "location": location,
                    "lastmod": row["last_published_at"],
                    "alternates": [
                        {"lang_code": bcp47(code), "location": url} for code, url in alternates
                    ]
                    + [{"lang_code": "x-default", "location": default}],
                }
            )
        return urls

    def translations(self, keys):
        """{translation_key: [(language code, address)]} of the live, public translations, in
        the alliance's order. One query."""
        rows = (
            self.public.filter(translation_key__in=keys)
            .order_by("pk")
            .values_list("translation_key", "locale__language_code", "url_path")
        )
        found = {}
        for key, code, url_path in rows:
            found.setdefault(key, []).append((code, self.addresses.page_url(url_path)))
        for versions in found.values():
            versions.sort(key=lambda version: language_position(version[0]))
        return found

    def default_location(self, row, alternates):
        if "external_id" in row:
            path = reverse("permanent_link", args=[row["external_id"]])
            return self.addresses.site_url(row["url_path"], path)
        if self.model is HomePage:
            return self.addresses.site_url(row["url_path"], "/")
        by_language = dict(alternates)
        return by_language.get(DEFAULT_LANGUAGE) or alternates[0][1]


def sitemap_name(language, section):
    return f"{language}-{section}"


def all_sitemaps():
    """{name: a maker of its sitemap}, per language and section: a new sitemap per request."""
    return {
        sitemap_name(language, section): partial(TranslationsSitemap, model, language)
        for language in LANGUAGE_CODES
        for section, model in sections().items()
    }


@require_safe
@conditional
@x_robots_tag
def sitemap_index(request):
    """The index: each sitemap that lists anything, with its pages, from one grouped query."""
    addresses = PageAddresses()
    models = sections()
    content_types = ContentType.objects.get_for_models(*models.values())
    section_of = {content_types[model].pk: name for name, model in models.items()}
    counts = (
        public_pages(addresses)
        .filter(content_type__in=section_of)
        .order_by()  # pages come ordered by path, which would split the groups
        .values_list("locale__language_code", "content_type")
        .annotate(count=Count("pk"), last=Max("last_published_at"))
    )
    found = {(code, section_of[ct]): (count, last) for code, ct, count, last in counts}
    entries = []
    for language in LANGUAGE_CODES:
        for section in models:
            count, last = found.get((language, section), (0, None))
            path = reverse("sitemap_section", args=[sitemap_name(language, section)])
            location = request.build_absolute_uri(path)
            for number in range(1, math.ceil(count / URLS_PER_SITEMAP) + 1):
                suffix = f"?p={number}" if number > 1 else ""
                entries.append({"location": location + suffix, "last_mod": last})
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )


@require_safe
@conditional
def sitemap_section(request, section):
    """One language's pages of one kind (Django's sitemap view, our sitemap)."""
    return sitemap(request, all_sitemaps(), section=section)
