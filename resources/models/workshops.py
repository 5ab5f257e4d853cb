from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from digital_lm.languages import accepted_languages
from resources import listing  # the module: resources.listing imports this package
from resources.blocks import BodyBlock
from resources.caching import CachedViewRestrictions
from resources.localization import ListsInVisitorsLanguages, localize_all


class WorkshopPage(CachedViewRestrictions, ListsInVisitorsLanguages, Page):
    """A country's Lancang-Mekong Workshop: its speciality, partners and resources."""

    country = models.ForeignKey(
        "resources.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    speciality = models.CharField(
        _("speciality"), max_length=200, help_text=_("e.g. 'New-energy vehicle maintenance'.")
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    summary = models.TextField(_("summary"), max_length=600)
    lead_institution = models.ForeignKey(
        "resources.Institution",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lead institution"),
    )
    partners = ParentalManyToManyField(
        "resources.Institution", blank=True, related_name="+", verbose_name=_("partners")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("image"),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("description"))

    parent_page_types = ["home.HomePage"]
    subpage_types = ["resources.ResourceIndexPage"]
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("country"),
                FieldPanel("city"),
                FieldPanel("speciality"),
                FieldPanel("lead_institution"),
                FieldPanel("partners"),
            ],
            heading=_("Workshop"),
        ),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("speciality", boost=2),
        index.SearchField("summary"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("Lancang-Mekong Workshop")
        verbose_name_plural = _("Lancang-Mekong Workshops")

    def get_resources(self, visitor=None, preferred=(), limit=6):
        """Newest resources published by the workshop's lead and partner institutions, in
        any language (institutions by translation key, so in every locale)."""
        keys = {self.lead_institution.translation_key} | {
            p.translation_key for p in self.partners.all()
        }
        visitor = visitor or self.locale.language_code
        pages = listing.browsable_resources(visitor, preferred, institution_keys=keys)
        return listing.load_cards(list(pages[:limit]), visitor)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        partners = list(self.partners.select_related("country"))
        local = localize_all([self.country, self.lead_institution, *partners])
        context.update(
            display_country=local[self.country],
            display_lead=local[self.lead_institution],
            display_partners=[local[p] for p in partners],
            resources=self.get_resources(preferred=accepted_languages(request)),
        )
        return context
