"""Form data for the Wagtail page editor, as a browser would post it."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


def course_form(institution, **overrides):
    """A complete course form; ``overrides`` replace any field."""
    data = {
        "title": "ລົດໄຟຟ້າ: ການບຳລຸງຮັກສາແບັດເຕີຣີ",
        "slug": "ev-battery-maintenance",
        "summary": "Battery maintenance for electric vehicles, taught in Lao and Chinese.",
        "body": streamfield([]),
        "modules": streamfield([]),
        "standard_links": inline_formset([]),
        "material_links": inline_formset([]),
        "external_id": "VTC-EV-100",
        "institution": institution.pk,
        "licence": "CC-BY-4.0",
        "delivery_mode": "workshop",
        "duration_hours": "80",
        "chinese_language_hours": "20",
        "tags": "ev, battery",
        "comments": inline_formset([]),
    }
    data.update(overrides)
    return nested_form_data(data)
