from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from interop.api_fields import LinkedPagesField
from resources.blocks import CourseModuleBlock

from .base import ResourceMetadataMixin
from .related import live_related


class CourseTag(TaggedItemBase):
    content_object = ParentalKey("resources.CoursePage", related_name="tagged_items")


class CoursePage(ResourceMetadataMixin, Page):
    DELIVERY_CHOICES = [
        ("workshop", _("In the workshop")),
        ("blended", _("Blended")),
        ("online", _("Online")),
    ]

    duration_hours = models.PositiveIntegerField(
        _("duration (hours)"), null=True, blank=True, help_text=_("Total guided learning hours.")
    )
    delivery_mode = models.CharField(
        _("delivery mode"), max_length=20, choices=DELIVERY_CHOICES, default="workshop"
    )
    chinese_language_hours = models.PositiveIntegerField(
        _("Chinese language hours"),
        default=0,
        help_text=_("Hours of 'Chinese + vocational skills' language teaching within the course."),
    )
    modules = StreamField([("module", CourseModuleBlock())], blank=True, verbose_name=_("modules"))
    tags = ClusterTaggableManager(through=CourseTag, blank=True, verbose_name=_("tags"))

    resource_type_label = _("Course")
    discovery_type = "course"
    type_order = 1
    import_columns = ("duration_hours", "delivery_mode", "chinese_language_hours")
    parent_page_types = ["resources.ResourceIndexPage"]
    subpage_types = []

    content_panels = (
        Page.content_panels
        + ResourceMetadataMixin.summary_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("duration_hours"),
                    FieldPanel("delivery_mode"),
                    FieldPanel("chinese_language_hours"),
                ],
                heading=_("Delivery"),
            ),
            FieldPanel("modules"),
            InlinePanel("standard_links", label=_("Standards this course implements")),
            InlinePanel("material_links", label=_("Teaching materials this course uses")),
        ]
        + ResourceMetadataMixin.metadata_panels
    )
    search_fields = (
        Page.search_fields
        + ResourceMetadataMixin.search_fields
        + [
            index.SearchField("modules"),
        ]
    )
    api_fields = ResourceMetadataMixin.api_fields + [
        APIField("duration_hours"),
        APIField("delivery_mode"),
        APIField("chinese_language_hours"),
        APIField("modules"),
        APIField("standards", serializer=LinkedPagesField("standard_links", "standard")),
        APIField("materials", serializer=LinkedPagesField("material_links", "material")),
    ]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def standards(self, locale=None):
        """The live, public standards this course implements, each in ``locale`` (this page's by default) where
        translated, else in the next language of the fallback order."""
        return live_related(self.standard_links, "standard", locale or self.locale)

    def materials(self, locale=None):
        """The live, public teaching materials this course uses, each in ``locale`` (this page's by default) where
        translated, else in the next language of the fallback order."""
        return live_related(self.material_links, "material", locale or self.locale)

    def clean(self):
        super().clean()
        if self.duration_hours is not None and self.chinese_language_hours > self.duration_hours:
            raise ValidationError(
                {
                    "chinese_language_hours": _(
                        "Chinese language hours cannot exceed the course's total hours."
                    )
                }
            )


class CourseStandard(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="standard_links")
    standard = models.ForeignKey(
        "resources.VocationalStandardPage",
        on_delete=models.CASCADE,
        related_name="course_links",
        verbose_name=_("vocational standard"),
    )

    panels = [PageChooserPanel("standard")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["course", "standard"], name="unique_course_standard")
        ]


class CourseMaterial(Orderable):
    course = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="material_links")
    material = models.ForeignKey(
        "resources.TeachingMaterialPage",
        on_delete=models.CASCADE,
        related_name="course_links",
        verbose_name=_("teaching material"),
    )

    panels = [PageChooserPanel("material")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["course", "material"], name="unique_course_material")
        ]
