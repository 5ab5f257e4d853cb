"""What the alliance's admin reports (downloads, searches) share."""

from wagtail.admin.views.reports import ReportView

# A spreadsheet opening a CSV runs a cell starting with these as a formula (=HYPERLINK(...)
# in a page title or a visitor's search text); a leading apostrophe keeps it text.
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def as_text_cell(value):
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_LEADS) else value


class TranslatedExportReportView(ReportView):
    """A report whose CSV/XLSX export has its column headings in the user's admin language,
    and no cell a spreadsheet would run as a formula.

    The file is streamed after the view returns, when that language is no longer active:
    the headings are translated while it still is."""

    def render_to_response(self, context, **response_kwargs):
        if self.is_export:
            self.headings = {
                field: str(ReportView.get_heading(self, context["object_list"], field))
                for field in self.list_export
            }
        return super().render_to_response(context, **response_kwargs)

    def write_csv_row(self, writer, row_dict):
        # Wagtail already keeps formulas out of the XLSX export; the CSV needs the same.
        return writer.writerow(
            {
                field: as_text_cell(self.preprocess_field_value(field, value, self.FORMAT_CSV))
                for field, value in row_dict.items()
            }
        )

    def get_heading(self, queryset, field):
        headings = getattr(self, "headings", {})
        return headings[field] if field in headings else super().get_heading(queryset, field)
