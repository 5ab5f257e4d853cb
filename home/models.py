from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from digital_lm.languages import accepted_languages
from resources.blocks import RICH_TEXT_FEATURES
from resources.listing import browsable_resources, load_cards
from resources.localization import ListsInVisitorsLanguages, localize_all
from resources.models import ResourceIndexPage, WorkshopPage


class HomePage(ListsInVisitorsLanguages, Page):
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

    def get_workshops(self):
        return (
            WorkshopPage.objects.child_of(self)
            .live()
            .public()
            .select_related("country", "image", "lead_institution")
        )

    def get_newest_resources(self, visitor=None, preferred=()):
        """The newest resources below every language's home, each once."""
        visitor = visitor or self.locale.language_code
        pages = browsable_resources(visitor, preferred, within=self)
        return load_cards(list(pages[: self.NEWEST_COUNT]), visitor)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        workshops = list(self.get_workshops())
        local = localize_all([w.country for w in workshops])
        for w in workshops:
            w.display_country = local[w.country]
        context.update(
            workshops=workshops,
            newest_resources=self.get_newest_resources(preferred=accepted_languages(request)),
            catalogue=ResourceIndexPage.objects.child_of(self).live().public().first(),
        )
        return context
