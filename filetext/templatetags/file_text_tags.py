"""Template tags for searching inside a material's files (the logic lives in
filetext.search)."""

from django import template
from django.urls import reverse

from filetext.search import searchable_documents

register = template.Library()


@register.simple_tag(takes_context=True)
def material_file_search(context, material):
    """``{% material_file_search page as search_url %}``: the address of the search in this
    material's files, or None when the visitor may download no file with extracted text."""
    if not searchable_documents(context.get("request"), material):
        return None
    return reverse("search_in_material", args=[material.pk])
