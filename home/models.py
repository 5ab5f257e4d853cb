from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from digital_lm.languages import accepted_languages
from resources.blocks import RICH_TEXT_FEATURES
from resources.caching import CachedViewRestrictions, attach_kept, kept_for_page, public
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
        """The page at the end of ``path_components`` in one query by its ``url_path`` (and
        one for its specific row), instead of two per level of the tree. No page model below
        a home page routes on its own (no RoutablePage), so this is Wagtail's answer."""
        if not path_components:
            return super().route(request, path_components)
        page = (
            Page.objects.filter(
                url_path=f"{self.url_path}{'/'.join(path_components)}/",
                path__startswith=self.path,
                depth=self.depth + len(path_components),
            )
            .specific()
            .first()
        )
        if page is None:
            raise Http404
        return attach_kept(page).route(request, [])

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
            workshops=kept_for_page(self, "workshops", self._workshops_to_show),
            newest_resources=self.get_newest_resources(preferred=accepted_languages(request)),
            catalogue=kept_for_page(
                self,
                "catalogue",
                lambda: public(ResourceIndexPage.objects.child_of(self).live()).first(),
            ),
        )
        return context

    def _workshops_to_show(self):
        workshops = list(self.get_workshops())
        local = localize_all([w.country for w in workshops])
        for w in workshops:
            w.display_country = local[w.country]
        return workshops
