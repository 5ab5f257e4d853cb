from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from digital_lm.languages import accepted_languages
from resources.blocks import RICH_TEXT_FEATURES
from resources.caching import (
    CachedViewRestrictions,
    attach_kept,
    cached,
    is_shared,
    kept_for_page,
    public,
)
from resources.listing import browsable_resources, load_cards
from resources.localization import ListsInVisitorsLanguages, localize_all
from resources.models import ResourceIndexPage, WorkshopPage


class HomePage(CachedViewRestrictions, ListsInVisitorsLanguages, Page):
    """The root of each language's site: the alliance, its workshops, the newest resources."""

    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hero image"),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["resources.WorkshopPage", "resources.ResourceIndexPage"]
    content_panels = Page.content_panels + [
        FieldPanel("tagline"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
    ]

    class Meta:
        verbose_name = _("home page")

    NEWEST_COUNT = 8

    def route(self, request, path_components):
        """The page at the end of ``path_components`` by its ``url_path``: a live, public
        page is kept for the generation (no query in steady state), any other costs one query
        (and one for its specific row) each time, instead of two per level of the tree. No
        page model below a home page routes on its own (no RoutablePage), so this is
        Wagtail's answer."""
        if not path_components:
            return super().route(request, path_components)
        url_path = f"{self.url_path}{'/'.join(path_components)}/"
        page = cached(
            "route",
            lambda: self._page_at(url_path, len(path_components)),
            self.pk,
            url_path,
            keep=lambda page: page is not None and is_shared(page),
        )
        if page is None:
            raise Http404
        return page.route(request, [])

    def _page_at(self, url_path, levels):
        page = (
            Page.objects.filter(
                url_path=url_path, path__startswith=self.path, depth=self.depth + levels
            )
            .specific()
            .first()
        )
        return attach_kept(page) if page is not None else None

    def get_workshops(self):
        return public(
            WorkshopPage.objects.child_of(self)
            .live()
            .select_related("country", "image", "lead_institution")
        )

    def get_newest_resources(self, visitor=None, preferred=()):
        """The newest resources below every language's home, each once."""
        visitor = visitor or self.locale.language_code
        pages = browsable_resources(visitor, preferred, within=self)
        return load_cards(list(pages[: self.NEWEST_COUNT]), visitor)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            # Read only where the template asks (a kept fragment does not): callables.
            workshops=self._workshops,
            newest_resources=self.get_newest_resources(preferred=accepted_languages(request)),
            catalogue=self._catalogue,
        )
        return context

    def _workshops(self):
        return kept_for_page(self, "workshops", self._workshops_to_show)

    def _catalogue(self):
        return kept_for_page(
            self,
            "catalogue",
            lambda: public(ResourceIndexPage.objects.child_of(self).live()).first(),
        )

    def _workshops_to_show(self):
        workshops = list(self.get_workshops())
        local = localize_all([w.country for w in workshops])
        for w in workshops:
            w.display_country = local[w.country]
        return workshops
