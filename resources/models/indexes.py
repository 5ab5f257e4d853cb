from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from resources.blocks import RICH_TEXT_FEATURES


class ResourceIndexPage(Page):
    """A browsable section of the repository: the whole catalogue, an institution's, a topic's."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    institution = models.ForeignKey(
        "resources.Institution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("institution"),
        help_text=_("Set when this section holds one member institution's resources."),
    )

    parent_page_types = ["home.HomePage", "resources.ResourceIndexPage", "resources.WorkshopPage"]
    subpage_types = [
        "resources.ResourceIndexPage",
        "resources.CoursePage",
        "resources.VocationalStandardPage",
        "resources.TeachingMaterialPage",
        "resources.CertificationPage",
    ]
    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("institution")]

    class Meta:
        verbose_name = _("resource index")
        verbose_name_plural = _("resource indexes")

    def get_resources(self, tag=None, resource_type=None):
        from resources.listing import filter_resources, live_resources

        return filter_resources(
            live_resources(self.locale, within=self), tag=tag, resource_type=resource_type
        )

    def get_context(self, request, *args, **kwargs):
        from resources.listing import load_specific, paginate, resource_page_models

        context = super().get_context(request, *args, **kwargs)
        tag = request.GET.get("tag", "").strip()[:100]
        resource_type = request.GET.get("type", "").strip()[:50]
        page_obj = paginate(request, self.get_resources(tag=tag, resource_type=resource_type))
        context.update(
            page_obj=page_obj,
            resources=load_specific(list(page_obj.object_list)),
            active_tag=tag,
            active_type=resource_type,
            resource_types=[
                (m._meta.model_name, m._meta.verbose_name) for m in resource_page_models()
            ],
            sections=self.get_children().live().public().type(ResourceIndexPage),
        )
        return context
