"""The download statistics report in the Wagtail admin (Reports → Downloads).

Downloads per file, language and publisher's country, filtered by date, language and country,
with a bar chart of downloads per day drawn on the server and Wagtail's CSV/XLSX export; below
them, the whole-course ZIPs downloaded, by the same filters.
The alliance (its reviewers and site administrators) sees every institution's files; an
institution's editors and reviewers see their own institution's.
"""

import datetime

import django_filters
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Min, Q, Sum
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem

from digital_lm.languages import LANGUAGES
from downloads.models import DailyBundleDownloads, DailyDownloads
from resources.editorial import roles
from resources.models import InstitutionEditorial
from resources.models.snippets import MEKONG_COUNTRIES
from resources.reports import TranslatedExportReportView

ALL_INSTITUTIONS = "all"
# A chart of more days than this shows the latest ones (the table and exports have them all).
CHART_MAX_DAYS = 92
CHART_WIDTH, CHART_HEIGHT, CHART_AXIS = 720, 200, 24


def statistics_scope(user):
    """ALL_INSTITUTIONS, the set of institution keys whose files ``user`` may see statistics
    of, or None when the report is not for them."""
    if not user.is_authenticated or not user.is_active:
        return None
    if (
        user.is_superuser
        or user.has_perm("downloads.view_dailydownloads")
        or user.groups.filter(
            name__in=[roles.ALLIANCE_REVIEWERS, roles.SITE_ADMINISTRATORS]
        ).exists()
    ):
        return ALL_INSTITUTIONS
    groups = user.groups.all()
    keys = set(
        InstitutionEditorial.objects.filter(
            Q(editors__in=groups) | Q(reviewers__in=groups)
        ).values_list("institution_key", flat=True)
    )
    return keys or None


class DownloadStatisticsFilterSet(WagtailFilterSet):
    day = django_filters.DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)
    language = django_filters.ChoiceFilter(label=_("Language"), choices=LANGUAGES)
    country = django_filters.ChoiceFilter(
        label=_("Country of the publishing institution"),
        choices=sorted(MEKONG_COUNTRIES.items()),
    )

    class Meta:
        model = DailyDownloads
        fields = ["day", "language", "country"]


def bar_chart(points):
    """Bars for [(day, downloads)], scaled to the chart: dicts the template draws as SVG."""
    points = points[-CHART_MAX_DAYS:]
    if not points:
        return None
    highest = max(value for _day, value in points) or 1
    slot = CHART_WIDTH / len(points)
    width = max(slot * 0.8, 1)
    bars = []
    for i, (day, value) in enumerate(points):
        height = round(value / highest * (CHART_HEIGHT - CHART_AXIS), 1)
        bars.append(
            {
                "x": round(i * slot + (slot - width) / 2, 1),
                "y": round(CHART_HEIGHT - CHART_AXIS - height, 1),
                "width": round(width, 1),
                "height": height,
                "day": day,
                "label": date_format(day, "SHORT_DATE_FORMAT"),
                "value": value,
            }
        )
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "baseline": CHART_HEIGHT - CHART_AXIS,
        "highest": highest,
        "first": bars[0],
        "last": bars[-1],
        "total": sum(value for _day, value in points),
    }


class DownloadStatisticsView(TranslatedExportReportView):
    page_title = _("Downloads")
    header_icon = "download"
    template_name = "downloads/reports/downloads.html"
    results_template_name = "downloads/reports/downloads_results.html"
    index_url_name = "download_statistics"
    index_results_url_name = "download_statistics_results"
    filterset_class = DownloadStatisticsFilterSet
    model = DailyDownloads
    export_filename = "downloads"
    list_export = ["document__title", "language", "country", "downloads", "first_day", "last_day"]
    export_headings = {
        "document__title": _("File"),
        "language": _("Language"),
        "country": _("Country"),
        "downloads": _("Downloads"),
        "first_day": _("First download"),
        "last_day": _("Last download"),
    }
    custom_value_preprocess = {
        **TranslatedExportReportView.custom_value_preprocess,
        datetime.date: {
            TranslatedExportReportView.FORMAT_XLSX: None,
            TranslatedExportReportView.FORMAT_CSV: str,
        },
    }

    def dispatch(self, request, *args, **kwargs):
        self.scope = statistics_scope(request.user)
        if self.scope is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        rows = DailyDownloads.objects.all()
        if self.scope != ALL_INSTITUTIONS:
            rows = rows.filter(institution_key__in=self.scope)
        return rows

    def get_filtered_queryset(self):
        self.filtered_rows = self.filter_queryset(self.get_queryset())
        return (
            self.filtered_rows.values("document_id", "document__title", "language", "country")
            .annotate(
                downloads=Sum("downloads"),
                first_day=Min("day"),
                last_day=Max("day"),
            )
            .order_by("-downloads", "document__title", "language", "country")
        )

    def bundle_rows(self):
        """The whole-course ZIPs downloaded, by the same filters and for the same scope."""
        rows = DailyBundleDownloads.objects.all()
        if self.scope != ALL_INSTITUTIONS:
            rows = rows.filter(institution_key__in=self.scope)
        rows = self.filterset_class(self.request.GET, queryset=rows).qs
        return (
            rows.values("course_id", "course__title", "language", "country")
            .annotate(downloads=Sum("downloads"), first_day=Min("day"), last_day=Max("day"))
            .order_by("-downloads", "course__title", "language", "country")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        per_day = self.filtered_rows.values("day").annotate(total=Sum("downloads")).order_by("day")
        context["chart"] = bar_chart([(row["day"], row["total"]) for row in per_day])
        context["bundles"] = list(self.bundle_rows())
        languages, countries = dict(LANGUAGES), dict(MEKONG_COUNTRIES)
        for row in [*context["object_list"], *context["bundles"]]:
            row["language_name"] = languages.get(row["language"], row["language"])
            row["country_name"] = countries.get(row["country"], row["country"])
        return context


class DownloadStatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return statistics_scope(request.user) is not None


def menu_item():
    return DownloadStatisticsMenuItem(
        _("Downloads"), reverse("download_statistics"), icon_name="download", order=1100
    )
