"""Wagtail's routing of a page's address, with what every visitor shares kept: the site of
each host and the home page of each language are read once per generation (Wagtail asks four
queries for them on every request), and the rest of the path costs one query for the page
and one for its specific row (``HomePage.route``). The answer is Wagtail's own: this only
fills the two values Wagtail memoises on the request before its serve view asks."""

from django.http import Http404
from django.utils import translation
from wagtail import views as wagtail_views
from wagtail.models import Site

from resources.caching import attach_kept, cached


def site_for(request):
    """``Site.find_for_request``, kept per host and port."""

    def compute():
        site = Site._find_for_request(request)
        if site is not None:
            site.root_page  # noqa: B018 — read now, kept with the site
        return site

    return cached("site", compute, request._get_raw_host(), request.get_port())


def language_root(site):
    """The site's root page in the active language, as Wagtail's routing starts from it."""
    return cached(
        "language-root",
        lambda: attach_kept(site.root_page.localized.specific),
        site.pk,
        translation.get_language(),
    )


class KeptRoutesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_views.serve:
            return None
        if not hasattr(request, "_wagtail_site"):
            request._wagtail_site = site_for(request)
        site = request._wagtail_site
        if site is None:
            return None
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        components = [component for component in path.split("/") if component]
        try:
            request._wagtail_route_for_request = language_root(site).route(request, components)
        except Http404:
            request._wagtail_route_for_request = None
        return None
