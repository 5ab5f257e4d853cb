"""Admin wiring of the download statistics: Reports → Downloads, for the alliance and each
institution's own files."""

from django.urls import path
from wagtail import hooks

from downloads.report import DownloadStatisticsView, menu_item


@hooks.register("register_reports_menu_item")
def download_statistics_menu_item():
    return menu_item()


@hooks.register("register_admin_urls")
def download_statistics_urls():
    return [
        path("reports/downloads/", DownloadStatisticsView.as_view(), name="download_statistics"),
        path(
            "reports/downloads/results/",
            DownloadStatisticsView.as_view(results_only=True),
            name="download_statistics_results",
        ),
    ]
