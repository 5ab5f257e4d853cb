"""What the alliance's admin reports (downloads, searches) share."""

from wagtail.admin.views.reports import ReportView


class TranslatedExportReportView(ReportView):
    """A report whose CSV/XLSX export has its column headings in the user's admin language.

    The file is streamed after the view returns, when that language is no longer active:
    the headings are translated while it still is."""

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            self.headings = {
                field: str(ReportView.get_heading(self, context["object_list"], field))
                for field in self.list_export
            }
        return super().render_to_response(context, **response_kwargs)

    def get_heading(self, queryset, field):
        headings = getattr(self, "headings", {})
        return headings[field] if field in headings else super().get_heading(queryset, field)
