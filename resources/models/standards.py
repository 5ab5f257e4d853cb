from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from resources.blocks import CompetencyBlock

from .base import ResourceMetadataMixin
from .related import live_related


class VocationalStandardTag(TaggedItemBase):
    content_object = ParentalKey("resources.VocationalStandardPage", related_name="tagged_items")


class VocationalStandardPage(ResourceMetadataMixin, Page):
    code = models.CharField(
        _("standard code"),
        max_length=40,
        help_text=_("The code under which the issuing body publishes the standard."),
    )
    version = models.CharField(_("version"), max_length=20, default="1.0")
    issuing_body = models.CharField(
        _("issuing body"),
        max_length=200,
        help_text=_("The ministry, council or alliance body that issued the standard."),
    )
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    competencies = StreamField(
        [("competency", CompetencyBlock())], blank=True, verbose_name=_("competency units")
    )
    tags = ClusterTaggableManager(through=VocationalStandardTag, blank=True, verbose_name=_("tags"))

    resource_type_label = _("Vocational standard")
    discovery_type = "standard"
    type_order = 2
    citation_type = "STAND"
    import_columns = ("code", "version", "issuing_body", "issued_on")
    needs_alliance_approval = True
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    content_panels = (
        Page.content_panels
        + ResourceMetadataMixin.summary_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("code"),
                    FieldPanel("version"),
                    FieldPanel("issuing_body"),
                    FieldPanel("issued_on"),
                ],
                heading=_("Standard"),
            ),
            FieldPanel("competencies"),
        ]
        + ResourceMetadataMixin.metadata_panels
    )
    search_fields = (
        Page.search_fields
        + ResourceMetadataMixin.search_fields
        + [
            index.SearchField("code", boost=3),
            index.SearchField("competencies"),
        ]
    )
    api_fields = ResourceMetadataMixin.api_fields + [
        APIField("code"),
        APIField("version"),
        APIField("issuing_body"),
        APIField("issued_on"),
        APIField("competencies"),
    ]
    override_translatable_fields = ResourceMetadataMixin.override_translatable_fields + [
        SynchronizedField("code", overridable=False),
        SynchronizedField("version", overridable=False),
    ]

    class Meta:
        verbose_name = _("vocational standard")
        verbose_name_plural = _("vocational standards")

    def courses(self, locale=None):
        """The live, public courses implementing this standard (linked to any of its
        translations), each in ``locale`` (this page's by default) where
        translated, else in the next language of the fallback order."""
        return live_related(self.course_links, "course", locale or self.locale)

    def certifications(self, locale=None):
        """The live, public certifications assessing this standard (linked to any of
        its translations), each in ``locale`` (this page's by default) where
        translated, else in the next language of the fallback order."""
        return live_related(self.certification_links, "certification", locale or self.locale)
