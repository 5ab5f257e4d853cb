from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page

from digital_lm.languages import language_position
from interop.api_fields import MaterialFilesField
from resources.caching import kept_for_page

from .base import ResourceMetadataMixin
from .related import live_related


class TeachingMaterialTag(TaggedItemBase):
    content_object = ParentalKey("resources.TeachingMaterialPage", related_name="tagged_items")


class TeachingMaterialPage(ResourceMetadataMixin, Page):
    KIND_CHOICES = [
        ("textbook", _("Textbook")),
        ("slides", _("Slides")),
        ("worksheet", _("Worksheet")),
        ("video", _("Video")),
        ("audio", _("Audio")),
        ("assessment", _("Assessment")),
        ("glossary", _("Glossary")),
    ]

    kind = models.CharField(_("kind of material"), max_length=20, choices=KIND_CHOICES)
    tags = ClusterTaggableManager(through=TeachingMaterialTag, blank=True, verbose_name=_("tags"))

    resource_type_label = _("Teaching material")
    discovery_type = "material"
    type_order = 3
    import_columns = ("kind",)
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    content_panels = (
        Page.content_panels
        + ResourceMetadataMixin.summary_panels
        + [
            FieldPanel("kind"),
            InlinePanel(
                "files",
                min_num=1,
                label=_("Files"),
                help_text=_("One file per language; upload each translation as its own file."),
            ),
        ]
        + ResourceMetadataMixin.metadata_panels
    )
    search_fields = Page.search_fields + ResourceMetadataMixin.search_fields
    api_fields = ResourceMetadataMixin.api_fields + [
        APIField("kind"),
        APIField("files", serializer=MaterialFilesField()),
    ]

    class Meta:
        verbose_name = _("teaching material")
        verbose_name_plural = _("teaching materials")

    def courses(self, locale=None):
        """The live, public courses using this material (linked to any of its
        translations), each in ``locale`` (this page's by default) where
        translated, else in the next language of the fallback order."""
        return live_related(self.course_links, "course", locale or self.locale)

    def files_by_language(self):
        """The material's files grouped by language, in the alliance's language order (all
        of them: each visitor is shown those they may download, downloads.access). Kept
        for the generation when read from the database (a preview holds its own)."""
        shared = isinstance(self.files.all(), QuerySet)
        return kept_for_page(self, "files_by_language", self._files_by_language, shared)

    def _files_by_language(self):
        links = self.files.all()
        if isinstance(links, QuerySet):  # read from the database: one query for all files
            links = links.select_related("document__collection")
        files = [link.document for link in links if link.document_id]
        return sorted(files, key=lambda d: (language_position(d.language), d.title))


class MaterialFile(Orderable):
    material = ParentalKey(TeachingMaterialPage, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        on_delete=models.PROTECT,
        related_name="material_links",
        verbose_name=_("file"),
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("file")
        verbose_name_plural = _("files")
