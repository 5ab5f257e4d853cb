"""RSS 2.0 and Atom 1.0 feeds of new and updated resources, one pair per language
(``/feeds/<language>/rss/``, ``/feeds/<language>/atom/``): the live, public translations in
that language, the newest update first, filtered by ``type`` (course, standard...),
``institution`` (its slug) and ``country`` (ISO code), which combine (each may be repeated:
any of its values). A value that names nothing is a 404 that says which.

Each item: the translation's title, summary and address, its permanent link
(``/r/<external_id>/<language>``) as its identifier, when it was first published and last
updated, its institution as author, its type and sectors as categories, its language. A fixed
number of queries, however many resources there are.
"""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import F, Q
from django.http import Http404, HttpResponseNotFound
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from digital_lm.languages import LANGUAGE_CODES, bcp47
from resources.localization import localize_all, taxonomy_labels
from resources.models import Country, Institution, Sector
from resources.models.base import resource_type, resource_types
from resources.navigation import language_home_url

from .addresses import PageAddresses
from .changes import conditional

ITEMS_PER_FEED = 50


class ResourceRss(Rss201rev2Feed):
    """RSS 2.0, each item with its language (Dublin Core)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": "http://purl.org/dc/elements/1.1/"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("dc:language", item["language"])


class ResourceAtom(Atom1Feed):
    """Atom 1.0, each entry with its language (``xml:lang``)."""

    def item_attributes(self, item):
        return {**super().item_attributes(item), "xml:lang": item["language"]}


class UnknownFilter(Exception):
    def __init__(self, name, values):
        super().__init__(name)
        self.name, self.values = name, values


@dataclass(frozen=True)
class FeedQuery:
    """What a feed lists: the resources in ``language`` of these types, institutions and
    countries (empty: any)."""

    language: str
    types: tuple
    institutions: tuple
    countries: tuple

    @classmethod
    def from_request(cls, request, language):
        types = [resource_type(name) for name in _values(request, "type")]
        if None in types:
            known = {kind.name for kind in resource_types()}
            raise UnknownFilter("type", [v for v in _values(request, "type") if v not in known])
        slugs = _values(request, "institution")
        _check_exist("institution", slugs, Institution.objects.filter(slug__in=slugs), "slug")
        codes = [code.upper() for code in _values(request, "country")]
        _check_exist("country", codes, Country.objects.filter(code__in=codes), "code")
        return cls(language, tuple(types or resource_types()), tuple(slugs), tuple(codes))

    def pages(self):
        """The newest live, public translations in the language, of every type, with their
        institution and sectors: three queries a type."""
        found = []
        for kind in self.types:
            pages = kind.model.objects.live().public().filter(locale__language_code=self.language)
            if self.institutions:
                pages = pages.filter(institution__slug__in=self.institutions)
            if self.countries:
                pages = pages.filter(
                    Q(institution__country__code__in=self.countries)
                    | Q(pk__in=kind.model.objects.filter(countries__code__in=self.countries))
                )
            pages = pages.select_related("institution", "locale").prefetch_related("sectors")
            # A page made live without a revision (a bulk import) has no publishing date.
            newest = (F("last_published_at").desc(nulls_last=True), "-pk")
            for page in pages.order_by(*newest)[:ITEMS_PER_FEED]:
                page.resource_type = kind
                found.append(page)
        found.sort(key=_newest_first)
        return found[:ITEMS_PER_FEED]


def _newest_first(page):
    published = page.last_published_at
    return (published is None, -published.timestamp() if published else 0, -page.pk)


def _values(request, name):
    return [value.strip() for value in request.GET.getlist(name) if value.strip()]


def _check_exist(name, values, queryset, field):
    missing = set(values) - set(queryset.values_list(field, flat=True))
    if missing:
        raise UnknownFilter(name, sorted(missing))


@dataclass
class FeedContent:
    """A feed's items, each with what it shows, in the feed's language."""

    query: FeedQuery
    items: list
    link: str


def feed_content(request, query):
    pages = query.pages()
    locale = pages[0].locale if pages else None
    institutions = localize_all([page.institution for page in pages], locale) if pages else {}
    sectors = taxonomy_labels(Sector, locale) if pages else {}
    addresses = PageAddresses()
    for page in pages:
        page.feed_link = addresses.page_url(page.url_path)
        permanent = reverse("permanent_link_in", args=[page.external_id, query.language])
        page.feed_guid = addresses.site_url(page.url_path, permanent)
        page.feed_author = institutions[page.institution].name
        page.feed_categories = [str(page.resource_type.label)] + [
            sectors.get(sector.code, sector.name) for sector in page.sectors.all()
        ]
    link = request.build_absolute_uri(language_home_url(query.language))
    return FeedContent(query, pages, link)


class ResourceFeed(Feed):
    feed_type = ResourceRss

    def get_object(self, request, content):
        return content

    def title(self, content):
        return _("New and updated resources · Digital Lancang-Mekong")

    def description(self, content):
        return _(
            "Courses, vocational standards, teaching materials and certifications of the "
            "Lancang-Mekong Vocational Education Alliance, the newest first."
        )

    subtitle = description

    def link(self, content):
        return content.link

    def feed_url(self, content):
        return self.request_path

    def feed_guid(self, content):
        return self.request_url

    def author_name(self, content):
        return _("Lancang-Mekong Vocational Education Alliance")

    def items(self, content):
        return content.items

    def item_title(self, page):
        return page.title

    def item_description(self, page):
        return page.summary

    def item_link(self, page):
        return page.feed_link

    def item_guid(self, page):
        return page.feed_guid

    item_guid_is_permalink = True

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at

    def item_author_name(self, page):
        return page.feed_author

    def item_categories(self, page):
        return page.feed_categories

    def item_extra_kwargs(self, page):
        return {"language": bcp47(page.locale.language_code)}

    def __call__(self, request, *args, **kwargs):
        self.request_path = request.get_full_path()
        self.request_url = request.build_absolute_uri()
        return super().__call__(request, *args, **kwargs)


class AtomResourceFeed(ResourceFeed):
    feed_type = ResourceAtom


def _feed_view(feed_class):
    @require_safe
    @conditional
    def view(request, language):
        if language not in LANGUAGE_CODES:
            raise Http404("No such language.")
        with translation.override(language):
            try:
                query = FeedQuery.from_request(request, language)
            except UnknownFilter as unknown:
                message = _("Unknown value of “%(name)s”: %(values)s.") % {
                    "name": unknown.name,
                    "values": ", ".join(unknown.values),
                }
                return HttpResponseNotFound(message, content_type="text/plain; charset=utf-8")
            feed = feed_class()
            feed.language = bcp47(language)
            response = feed(request, content=feed_content(request, query))
        # The feed's language, whatever the visitor's browser asked for.
        response["Content-Language"] = feed.language
        return response

    return view


rss_feed = _feed_view(ResourceFeed)
atom_feed = _feed_view(AtomResourceFeed)
