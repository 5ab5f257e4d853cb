"""Public views outside the page tree, under each language prefix: the comparison of
certifications or standards (/<lang>/compare/) and the standards browser (/<lang>/standards/).

Both are plain GET forms that work without JavaScript, and their URLs can be shared: the
same query string shows the same resources in any language.
"""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from resources.caching import active_locale
from resources.comparison import (
    MAX_ITEMS,
    MIN_ITEMS,
    ComparisonError,
    build_comparison,
    check_count,
    choices,
    parse_external_ids,
)
from resources.localization import language_links
from resources.standards_browser import browse_standards


def compare(request):
    """Two to four certifications (or standards) side by side: ``?items=<external id>`` per
    item. ``?add=<external id>`` (the "Add to comparison" link of a resource page) starts a
    comparison: the form opens with that item chosen."""
    locale = active_locale()
    requested = parse_external_ids(request.GET.getlist("items"))
    added = parse_external_ids(request.GET.getlist("add"))
    external_ids = parse_external_ids(requested + added)
    context = {
        "external_ids": external_ids,
        "min_items": MIN_ITEMS,
        "max_items": MAX_ITEMS,
        "comparison": None,
        "error": None,
        "search_language_links": language_links(request, "compare"),
    }
    status = 200
    # A visit without items, or one started by an "Add to comparison" link, shows the form.
    if requested or len(external_ids) >= MIN_ITEMS:
        try:
            check_count(external_ids)
            context["comparison"] = build_comparison(external_ids, locale)
        except ComparisonError as error:
            context["error"] = error
            status = 400
    context["choice_kinds"] = choices(locale, selected=external_ids)
    return render(request, "resources/compare.html", context, status=status)


def standards_browser(request):
    """Every live vocational standard once, filterable by sector and country."""
    locale = active_locale()
    browser = browse_standards(
        locale,
        sectors=request.GET.getlist("sector"),
        countries=request.GET.getlist("country"),
        page_number=request.GET.get("page", 1),
    )
    context = {
        "browser": browser,
        "page_obj": browser.page_obj,
        "facet_groups": [
            ("sector", _("Sector"), browser.sector_facets),
            ("country", _("Country"), browser.country_facets),
        ],
        "search_language_links": language_links(request, "standards_browser"),
    }
    return render(request, "resources/standards_browser.html", context)
