"""StreamField blocks for resource pages."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        label = _("Heading")
        preview_value = "焊接安全 · Welding safety"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Paragraph"))
    image = ImageBlock(label=_("Image"))

    class Meta:
        template = "blocks/body_block.html"


class CourseModuleBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Module title"))
    hours = blocks.IntegerBlock(min_value=1, max_value=2000, label=_("Hours"))
    outcomes = blocks.ListBlock(
        blocks.CharBlock(label=_("Outcome")), label=_("Learning outcomes"), min_num=1
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/course_module_block.html"
        label = _("Module")
        preview_value = {
            "title": "Electrical safety",
            "hours": 12,
            "outcomes": ["Apply lock-out/tag-out", "Use a multimeter safely"],
        }


class CompetencyBlock(blocks.StructBlock):
    """A unit of competency with the criteria an assessor checks."""

    code = blocks.CharBlock(max_length=32, label=_("Unit code"))
    title = blocks.CharBlock(label=_("Title"))
    performance_criteria = blocks.ListBlock(
        blocks.CharBlock(label=_("Criterion")), label=_("Performance criteria"), min_num=1
    )

    class Meta:
        icon = "tick-inverse"
        template = "blocks/competency_block.html"
        label = _("Competency unit")
        preview_value = {
            "code": "EV-01",
            "title": "Inspect a high-voltage battery pack",
            "performance_criteria": ["Isolation verified", "PPE worn"],
        }

    def clean(self, value):
        value = super().clean(value)
        if any(not c.strip() for c in value["performance_criteria"]):
            raise StructBlockValidationError(
                block_errors={
                    "performance_criteria": ValidationError(_("Remove empty performance criteria."))
                }
            )
        return value
