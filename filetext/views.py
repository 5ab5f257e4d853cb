"""The page that searches inside one teaching material's files: /<lang>/search/material/<id>/.

The material is one translation's page; the visitor sees this page only if they may see the
material's page (Wagtail's own checks before serving it: a private page's search is as
private as the page), and finds only the files they may download.
"""

import re

from django.core.paginator import InvalidPage, Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from wagtail import hooks

from digital_lm.languages import bcp47
from discovery.params import MAX_QUERY_LENGTH, InvalidQuery, parse_query
from filetext.search import PAGE_SIZE, search_material
from resources.models import TeachingMaterialPage

TEMPLATE = "filetext/search_in_material.html"


def search_in_material(request, page_id):
    material = get_object_or_404(TeachingMaterialPage.objects.live(), pk=page_id)
    # Wagtail's own checks around serving the page (its view restrictions among them).
    chain = _answer
    for hook in reversed(hooks.get_hooks("on_serve_page")):
        chain = hook(chain)
    for hook in hooks.get_hooks("before_serve_page"):
        refusal = hook(material, request, (), {})
        if isinstance(refusal, HttpResponse):
            return refusal
    return chain(material, request, (), {})


def _answer(material, request, args, kwargs):
    context = {"page": material, "material": material, "max_query_length": MAX_QUERY_LENGTH}
    try:
        query = parse_query({"q": request.GET.get("q", ""), "page": request.GET.get("page")})
    except InvalidQuery as error:
        context.update(
            error=error,
            q=re.sub(r"[\x00-\x1f\x7f]+", " ", request.GET.get("q", ""))[:MAX_QUERY_LENGTH],
        )
        return render(request, TEMPLATE, context, status=400)
    result = search_material(request, material, query.q, query.page)
    context.update(
        q=query.q,
        result=result,
        page_obj=_page(result),
        matches=[_display(match) for match in result.matches],
    )
    return render(request, TEMPLATE, context)


def _page(result):
    paginator = Paginator(range(result.count), PAGE_SIZE)
    try:
        return paginator.page(result.page)
    except InvalidPage:
        return None


def location_text(location, number, label=""):
    """ "page 37", "slide 4", "sheet 2 “Costs”", "chapter 3"; "" for formats without pages."""
    wording = {
        "page": _("page %(number)d"),
        "slide": _("slide %(number)d"),
        "sheet": _("sheet %(number)d"),
        "chapter": _("chapter %(number)d"),
    }.get(location)
    if wording is None or not number:
        return ""
    text = wording % {"number": number}
    return f"{text} “{label}”" if label else text


def _display(match):
    where = location_text(match.location, match.number, match.label)
    opens_at_page = match.location == "page" and "#page=" in match.url
    return {
        "match": match,
        "lang": bcp47(match.file_language),
        "where": where,
        "passage_html": match.highlight[0] if match.highlight else "",
        "opens_at_page": opens_at_page,
    }
