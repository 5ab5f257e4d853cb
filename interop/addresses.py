"""The public addresses of many pages at once, as Wagtail's ``Page.get_url_parts`` makes them
(each page under the first site root path its ``url_path`` starts with, in that root's
language), but from plain rows: no query, and no page object, per page. A sitemap names tens
of thousands of pages and each page's translations."""

from urllib.parse import quote

from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.models import Site


class PageAddresses:
    """The sites' root paths, read once (Wagtail caches them), and each language's prefix."""

    def __init__(self):
        self.roots = Site.get_site_root_paths()
        self._prefixes = {}

    def in_sites(self):
        """A filter of the pages that have an address: those below a site's root page."""
        q = Q(pk__in=[])
        for root in self.roots:
            q |= Q(url_path__startswith=root.root_path)
        return q

    def root_of(self, url_path):
        return next((root for root in self.roots if url_path.startswith(root.root_path)), None)

    def page_url(self, url_path):
        """The absolute address of the page at ``url_path``, or None outside every site."""
        root = self.root_of(url_path)
        if root is None:
            return None
        # What reverse("wagtail_serve") gives, quoted as it quotes it.
        rest = quote(url_path[len(root.root_path) :], safe=RFC3986_SUBDELIMS + "/~:@")
        return f"{root.root_url}{self._prefix(root.language_code)}{rest}"

    def site_url(self, url_path, path):
        """``path`` (an address of the site's own, "/r/...") on the site of ``url_path``."""
        root = self.root_of(url_path)
        return f"{root.root_url}{path}" if root is not None else None

    def _prefix(self, language_code):
        if language_code not in self._prefixes:
            with translation.override(language_code):
                self._prefixes[language_code] = reverse("wagtail_serve", args=("",))
        return self._prefixes[language_code]
