"""``{% structured_data page %}``: the page's schema.org JSON-LD script, or nothing."""

from django import template

from resources.structured_data import json_ld_script
from resources.structured_data import structured_data as describe

register = template.Library()


@register.simple_tag(takes_context=True)
def structured_data(context, page=None):
    page = page or None  # a missing template variable arrives as ""
    data = describe(page, context.get("request")) if page is not None else None
    return json_ld_script(data) if data else ""
