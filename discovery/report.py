"""The search analytics report in the Wagtail admin (Reports → Searches).

What visitors search for, over a period (the last 30 days unless chosen), by the language of
the query and of the visitor: the most frequent searches, those that found nothing (per
language, each a candidate for the termbase), browsing by filters alone, and totals; with
Wagtail's CSV/XLSX export of the searches. For the alliance (its reviewers and site
administrators), not for institutions: the searches are everyone's.
"""

import datetime
from urllib.parse import urlencode

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import F, OuterRef, Q, Subquery, Sum, Window
from django.db.models.functions import RowNumber
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.defaults import permission_denied
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem

from digital_lm import languages
from digital_lm.languages import LANGUAGE_CODES, LANGUAGES, in_alliance_order
from discovery.models import DailySearches
from resources.editorial import roles
from resources.reports import TranslatedExportReportView

DEFAULT_DAYS = 30
ZERO_RESULT_ROWS = 20  # per query language
BROWSING_ROWS = 20
# The termbase's snippet (resources.TermConcept): its "add" view, prefilled from a query.
TERMBASE_ADD_URL_NAME = "wagtailsnippets_resources_termconcept:add"
TERMBASE_ADD_PERMISSION = "resources.add_termconcept"
# A search that found nothing points at a gap in the content or the termbase only when no
# filter narrowed it and the engine (not the database fallback) answered it.
ZERO_RESULTS = Q(result_count=0, degraded=False, filters="")


def can_see_search_analytics(user):
    return bool(
        user.is_authenticated
        and user.is_active
        and (
            user.is_superuser
            or user.has_perm("search.view_dailysearches")
            or user.groups.filter(
                name__in=[roles.ALLIANCE_REVIEWERS, roles.SITE_ADMINISTRATORS]
            ).exists()
        )
    )


def termbase_add_url(user):
    """The termbase's "add" URL for ``user``, or None (not allowed, or no termbase yet)."""
    if not user.has_perm(TERMBASE_ADD_PERMISSION):
        return None
    try:
        return reverse(TERMBASE_ADD_URL_NAME)
    except NoReverseMatch:
        return None


def prefilled(add_url, text, language):
    params = {"label": text, "language": language} if language else {"label": text}
    return f"{add_url}?{urlencode(params)}"


def language_name(code):
    return languages.language_name(code) if code else _("Undetermined")


class SearchAnalyticsFilterSet(WagtailFilterSet):
    day = django_filters.DateFromToRangeFilter(label=_("Period"), widget=DateRangePickerWidget)
    query_language = django_filters.ChoiceFilter(label=_("Query language"), choices=LANGUAGES)
    visitor_language = django_filters.ChoiceFilter(label=_("Visitor language"), choices=LANGUAGES)

    class Meta:
        model = DailySearches
        fields = ["day", "query_language", "visitor_language"]


class SearchAnalyticsView(TranslatedExportReportView):
    page_title = _("Searches")
    header_icon = "search"
    template_name = "search/reports/searches.html"
    results_template_name = "search/reports/searches_results.html"
    index_url_name = "search_analytics"
    index_results_url_name = "search_analytics_results"
    filterset_class = SearchAnalyticsFilterSet
    model = DailySearches
    export_filename = "searches"
    list_export = [
        "text",
        "query_language",
        "visitor_languages",
        "total",
        "zero_result_searches",
        "degraded_searches",
        "latest_result_count",
    ]
    export_headings = {
        "text": _("Search text"),
        "query_language": _("Query language"),
        "visitor_languages": _("Visitor languages"),
        "total": _("Searches"),
        "zero_result_searches": _("Searches without results"),
        "degraded_searches": _("Degraded searches"),
        "latest_result_count": _("Latest result count"),
    }

    def dispatch(self, request, *args, **kwargs):
        if not can_see_search_analytics(request.user):
            # A plain 403 (Wagtail would turn PermissionDenied into a redirect to the
            # dashboard): what the public searched for is not the institutions' business.
            return permission_denied(request, PermissionDenied())
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if not (kwargs["data"].get("day_from") or kwargs["data"].get("day_to")):
            data = kwargs["data"].copy()
            today = timezone.localdate()
            data["day_from"] = (today - datetime.timedelta(days=DEFAULT_DAYS - 1)).isoformat()
            data["day_to"] = today.isoformat()
            kwargs["data"] = data
        return kwargs

    def get_filtered_queryset(self):
        self.filtered_rows = self.filter_queryset(DailySearches.objects.all())
        latest = self.filtered_rows.filter(
            text=OuterRef("text"), query_language=OuterRef("query_language")
        ).order_by("-day", "degraded", "-pk")
        return (
            self.filtered_rows.exclude(text="")
            .values("text", "query_language")
            .annotate(
                total=Sum("searches"),
                zero_result_searches=Sum("searches", filter=Q(result_count=0), default=0),
                degraded_searches=Sum("searches", filter=Q(degraded=True), default=0),
                latest_result_count=Subquery(latest.values("result_count")[:1]),
            )
            .order_by("-total", "text", "query_language")
        )

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        pairs = self.filtered_rows.exclude(text="")
        if not self.is_export:
            pairs = pairs.filter(text__in={row["text"] for row in rows})
        visitors = {}
        for text, visitor in pairs.values_list("text", "visitor_language").distinct():
            visitors.setdefault(text, set()).add(visitor)
        for row in rows:
            codes = visitors.get(row["text"], set())
            row["visitor_languages"] = ", ".join(in_alliance_order(codes))
            row["query_language_name"] = language_name(row["query_language"])
        return rows

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.is_export:
            context.update(
                totals=self.totals(),
                zero_results=self.zero_results(),
                browsing=self.browsing(),
            )
        return context

    def totals(self):
        totals = self.filtered_rows.aggregate(
            count=Sum("searches", default=0),
            browsing=Sum("searches", filter=Q(text=""), default=0),
            zero_results=Sum("searches", filter=Q(result_count=0), default=0),
            degraded=Sum("searches", filter=Q(degraded=True), default=0),
        )
        everything = totals["count"] or 1
        totals["zero_results_share"] = 100 * totals["zero_results"] / everything
        totals["degraded_share"] = 100 * totals["degraded"] / everything
        return totals

    def zero_results(self):
        """[{language, name, queries: [{text, total, termbase_url}]}], the most frequent
        searches that found nothing, per query language."""
        ranked = (
            self.filtered_rows.filter(ZERO_RESULTS)
            .exclude(text="")
            .values("query_language", "text")
            .annotate(total=Sum("searches"))
            .annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=[F("query_language")],
                    order_by=[F("total").desc(), F("text").asc()],
                )
            )
            .filter(rank__lte=ZERO_RESULT_ROWS)
            .order_by("query_language", "rank")
        )
        add_url = termbase_add_url(self.request.user)
        by_language = {}
        for row in ranked:
            if add_url:
                row["termbase_url"] = prefilled(add_url, row["text"], row["query_language"])
            by_language.setdefault(row["query_language"], []).append(row)
        return [
            {"language": code, "name": language_name(code), "queries": by_language[code]}
            for code in [*LANGUAGE_CODES, ""]
            if code in by_language
        ]

    def browsing(self):
        """The filters most used without search text."""
        return (
            self.filtered_rows.filter(text="")
            .values("filters")
            .annotate(
                total=Sum("searches"),
                zero_result_searches=Sum("searches", filter=Q(result_count=0), default=0),
            )
            .order_by("-total", "filters")[:BROWSING_ROWS]
        )


class SearchAnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_search_analytics(request.user)


def menu_item():
    return SearchAnalyticsMenuItem(
        _("Searches"), reverse("search_analytics"), icon_name="search", order=1110
    )
