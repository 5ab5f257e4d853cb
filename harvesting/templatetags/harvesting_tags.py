from django import template

from harvesting.listing import held_elsewhere as _held_elsewhere

register = template.Library()


@register.inclusion_tag("harvesting/held_elsewhere.html")
def held_elsewhere(page):
    """An institution's section: the resources it keeps in its own repository."""
    if not getattr(page, "institution_id", None):
        return {"records": []}
    records, count = _held_elsewhere(page.institution, page.locale.language_code)
    return {"records": records, "count": count, "institution": page.institution}
