"""Admin wiring of discovery: the search analytics report (Reports → Searches)."""

from django.urls import path
from wagtail import hooks

from discovery.report import SearchAnalyticsView, menu_item


@hooks.register("register_reports_menu_item")
def search_analytics_menu_item():
    return menu_item()


@hooks.register("register_admin_urls")
def search_analytics_urls():
    return [
        path("reports/searches/", SearchAnalyticsView.as_view(), name="search_analytics"),
        path(
            "reports/searches/results/",
            SearchAnalyticsView.as_view(results_only=True),
            name="search_analytics_results",
        ),
    ]
