"""The addresses partner systems read: each feature adds its own below."""

from django.urls import include, path

from interop.feeds import atom_feed, rss_feed
from interop.oai.views import endpoint as oai_endpoint
from interop.robots import robots_txt
from interop.sitemaps import sitemap_index, sitemap_section

urlpatterns = [
    # The OAI-PMH data provider: every verb at one address.
    path("oai/", oai_endpoint, name="oai"),
    # The read-only content API (Wagtail's API v2): public pages, documents and images.
    path("", include("interop.content_api")),
    # The pictures of link previews, and the QR codes of permanent links.
    path("", include("resources.sharing")),
    # What crawlers read: robots.txt, and the sitemaps of every public page translation.
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap_index, name="sitemap_index"),
    path("sitemap-<str:section>.xml", sitemap_section, name="sitemap_section"),
    # New and updated resources, per language.
    path("feeds/<str:language>/rss/", rss_feed, name="resource_feed_rss"),
    path("feeds/<str:language>/atom/", atom_feed, name="resource_feed_atom"),
]
