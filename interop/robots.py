"""``/robots.txt``: crawlers are welcome on the public site and pointed to the sitemap, and kept
out of what has no end or no use to them: the admin, the search and comparison pages and the
search API (every query a new address), the filtered views of the catalogue, the standards
browser and the feeds, the course bundles built on demand, citation files and password forms,
and learners' certificates and the page that verifies them.
"""

from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from digital_lm.languages import LANGUAGE_CODES
from downloads.responses import PUBLIC, cache_policy

# robots.txt changes only with a deployment: caches may keep it a day.
ROBOTS_MAX_AGE = 24 * 60 * 60


def disallowed_paths():
    """The path prefixes (with RFC 9309's ``*`` wildcard) crawlers should leave alone."""
    # Certificates (credentials app): learners' pages and what goes with them are reached only
    # through their unguessable links, and the verification page has nothing to index.
    paths = [
        "/admin/",
        "/api/",
        "/downloads/",
        "/documents/authenticate_with_password/",
        "/credentials/",
    ]
    for language in LANGUAGE_CODES:
        with translation.override(language):
            paths += [
                reverse("discovery_search"),
                reverse("compare"),
                # The browser itself, not each of its filters ("?*", not "?": some parsers
                # drop an empty query and would refuse the browser too).
                reverse("standards_browser") + "?*",
                reverse("wagtail_serve", args=("",)) + "_util/",
                reverse("verify_page"),
                reverse("credential_page", args=("-",)).removesuffix("-/"),
            ]
    paths += [
        "/r/*/citation.",  # the RIS and BibTeX of a page already listed
        "/feeds/*?",  # a feed per combination of filters
        "/*?*tag=",  # the catalogue by tag and by type: the sitemaps list every page
        "/*?*type=",
    ]
    return paths


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in disallowed_paths()), "Allow: /"]
    sitemap = request.build_absolute_uri(reverse("sitemap_index"))
    body = "\n".join([*lines, "", f"Sitemap: {sitemap}", ""])
    response = HttpResponse(body, content_type="text/plain; charset=utf-8")
    return cache_policy(response, PUBLIC, max_age=ROBOTS_MAX_AGE)
