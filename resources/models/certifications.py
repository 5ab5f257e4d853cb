from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page

from interop.api_fields import LinkedPagesField, TaxonomyListField

from .base import ResourceMetadataMixin
from .related import live_related


class CertificationTag(TaggedItemBase):
    content_object = ParentalKey("resources.CertificationPage", related_name="tagged_items")


class CertificationPage(ResourceMetadataMixin, Page):
    awarding_body = models.CharField(
        _("awarding body"), max_length=200, help_text=_("Who issues the certificate.")
    )
    assessment_method = models.TextField(
        _("assessment method"),
        blank=True,
        help_text=_("How candidates are assessed: practical test, portfolio, written exam..."),
    )
    validity_years = models.PositiveSmallIntegerField(
        _("validity (years)"),
        null=True,
        blank=True,
        help_text=_("Leave empty if it never expires."),
    )
    recognised_in = ParentalManyToManyField(
        "resources.Country",
        blank=True,
        related_name="+",
        verbose_name=_("recognised in"),
        help_text=_("Countries whose authorities recognise this certification."),
    )
    tags = ClusterTaggableManager(through=CertificationTag, blank=True, verbose_name=_("tags"))

    resource_type_label = _("Certification")
    discovery_type = "certification"
    type_order = 4
    import_columns = ("awarding_body", "assessment_method", "validity_years", "recognised_in")
    needs_alliance_approval = True
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    content_panels = (
        Page.content_panels
        + ResourceMetadataMixin.summary_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("awarding_body"),
                    FieldPanel("assessment_method"),
                    FieldPanel("validity_years"),
                    FieldPanel("recognised_in"),
                ],
                heading=_("Certification"),
            ),
            InlinePanel("standard_links", label=_("Standards this certification assesses")),
        ]
        + ResourceMetadataMixin.metadata_panels
    )
    search_fields = Page.search_fields + ResourceMetadataMixin.search_fields
    api_fields = ResourceMetadataMixin.api_fields + [
        APIField("awarding_body"),
        APIField("assessment_method"),
        APIField("validity_years"),
        APIField("recognised_in", serializer=TaxonomyListField("recognised_in")),
        APIField("standards", serializer=LinkedPagesField("standard_links", "standard")),
    ]

    class Meta:
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")

    def standards(self, locale=None):
        """The live, public standards this certification assesses, each in ``locale`` (this page's by default) where
        translated, else in the next language of the fallback order."""
        return live_related(self.standard_links, "standard", locale or self.locale)


class CertificationStandard(Orderable):
    certification = ParentalKey(
        CertificationPage, on_delete=models.CASCADE, related_name="standard_links"
    )
    standard = models.ForeignKey(
        "resources.VocationalStandardPage",
        on_delete=models.CASCADE,
        related_name="certification_links",
        verbose_name=_("vocational standard"),
    )

    panels = [PageChooserPanel("standard")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["certification", "standard"], name="unique_certification_standard"
            )
        ]
