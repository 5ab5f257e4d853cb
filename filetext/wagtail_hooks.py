"""Admin wiring of the text of files: Reports → Text of files."""

from django.urls import path
from wagtail import hooks

from filetext.report import FileTextView, menu_item


@hooks.register("register_reports_menu_item")
def file_text_menu_item():
    return menu_item()


@hooks.register("register_admin_urls")
def file_text_urls():
    return [
        path("reports/file-text/", FileTextView.as_view(), name="file_text_report"),
        path(
            "reports/file-text/results/",
            FileTextView.as_view(results_only=True),
            name="file_text_report_results",
        ),
    ]
