"""The plan of measures as downloads (CSV, XLSX)."""

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from projects.models import (
    FundingSource,
)
from projects.views.data import build_plan
from stadtteil import exports
from stadtteil.site_url import absolute_url


def _plan_rows(index_page, request):
    """The plan as rows of plain values: header, measures, subtotal per field, grand total."""
    data = build_plan(index_page, request)
    source_labels = [str(label) for _value, label in data["sources"]]
    header = [
        _("Field of action"),
        _("Measure"),
        _("Priority"),
        _("Period"),
        _("Responsible body"),
        _("Status"),
        _("Phase"),
        _("Progress (%)"),
        _("Total cost (€)"),
        *[f"{label} (€)" for label in source_labels],
        _("Spent so far (€)"),
        _("Web page"),
        _("Milestones"),
    ]
    rows = []
    kinds = []

    def totals_row(label, totals):
        return [
            label,
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            int(totals["total_cost"]),
            *[int(totals["sources"][value]) for value, _label in data["sources"]],
            int(totals["spent"]),
            "",
            "",
        ]

    for group in data["groups"]:
        for m in group["measures"]:
            rows.append(
                [
                    group["field"].name,
                    m.title,
                    m.get_priority_display(),
                    m.period_label,
                    m.responsible_body,
                    m.get_status_display(),
                    m.current_phase.name if m.current_phase else "",
                    m.progress,
                    int(m.total_cost),
                    *[int(m.financing[value]) for value, _label in data["sources"]],
                    int(m.spent_amount),
                    absolute_url(m.get_url(request)),
                    "; ".join(milestone_text(milestone) for milestone in m.milestone_list),
                ]
            )
            kinds.append("measure")
        rows.append(totals_row(_("Subtotal %(field)s") % {"field": group["field"].name}, group["totals"]))
        kinds.append("subtotal")
    rows.append(totals_row(_("Grand total"), data["grand_total"]))
    kinds.append("total")
    return header, rows, kinds


def _download_name(index_page, extension):
    return f"{slugify(_('plan of measures'))}-{timezone.localdate():%Y-%m-%d}.{extension}"


def plan_csv(index_page, request):
    header, rows, _kinds = _plan_rows(index_page, request)
    delimiter = exports.csv_delimiter(index_page.locale.language_code)
    return exports.csv_response(header, rows, _download_name(index_page, "csv"), delimiter)


def plan_xlsx(index_page, request):
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    header, rows, kinds = _plan_rows(index_page, request)
    book = exports.workbook(header, rows, _("Plan of measures"))
    sheet = book.active
    first_money = header.index(_("Total cost (€)")) + 1  # 1-based; total cost … spent so far
    money_columns = range(first_money, first_money + len(FundingSource.values) + 2)
    for row_number, kind in enumerate(kinds, start=2):
        if kind != "measure":
            for cell in sheet[row_number]:
                cell.font = Font(bold=True)
        for column in money_columns:
            sheet.cell(row=row_number, column=column).number_format = "#,##0 €"
    sheet.freeze_panes = "C2"
    widths = [28, 40, 10, 22, 30, 18, 16, 10] + [16] * len(money_columns) + [40, 60]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return exports.xlsx_response(book, _download_name(index_page, "xlsx"))


def milestone_text(milestone):
    """A milestone in one line of plain text, for the plan's spreadsheets: planned and actual date, late in words."""
    values = {"title": milestone.title, "planned": milestone.planned_date.isoformat()}
    if milestone.actual_date:
        values["actual"] = milestone.actual_date.isoformat()
        if milestone.delay:
            return _("%(title)s (planned %(planned)s, reached %(actual)s, late)") % values
        return _("%(title)s (planned %(planned)s, reached %(actual)s)") % values
    if milestone.delay:
        return _("%(title)s (planned %(planned)s, not reached yet, late)") % values
    return _("%(title)s (planned %(planned)s)") % values
