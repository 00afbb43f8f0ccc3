"""Every CSV and XLSX the site produces goes through here: public exports (plan, open data) and staff exports
(contributions, fund applications, subscribers, form submissions and every other admin list).

Values typed by the public end up in spreadsheet programs, so each cell is made safe in one place (`cell`):
- formulas are neutralised (OWASP "CSV injection"): text starting with = + - @ TAB or CR gets a leading
  apostrophe, so spreadsheet programs show it as text instead of running it; text that is just a number
  ("-12", "+49 2307") stays as it is, and numbers, dates and booleans stay typed values;
- control characters are dropped (XLSX cannot store them at all; openpyxl raises), except TAB, LF and CR;
- empty stays empty (None and "" give an empty cell, never an apostrophe).

Wagtail's admin exports (`SpreadsheetExportMixin`: snippet and model view sets, reports, form submissions) are
covered by `install_admin_export_guard()`, called once in StadtteilConfig.ready().
"""

import csv
import datetime
import io
import re
from decimal import Decimal

from django.http import HttpResponse
from django.utils.formats import get_format

# C0 controls except TAB, LF, CR; DEL; C1 controls.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?[\d.,' ]*\d")
TYPED = (int, float, Decimal, datetime.date, datetime.time)  # bool is an int; datetime a date

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def clean_text(text):
    """`text` without control characters (TAB, LF and CR stay)."""
    return CONTROL_CHARACTERS.sub("", text)


def cell(value):
    """A value as it may go into a CSV or XLSX cell (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, TYPED):
        return value
    text = clean_text(str(value))
    if text.startswith(FORMULA_PREFIXES) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def row(values):
    return [cell(value) for value in values]


def csv_bytes(header, rows, delimiter=","):
    """UTF-8 with a BOM (German Excel then reads umlauts correctly), CRLF line ends, every cell made safe."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(row(header))
    writer.writerows(row(values) for values in rows)
    return buffer.getvalue().encode("utf-8")


def csv_delimiter(language):
    """The delimiter the spreadsheet programs of a language expect: a semicolon where the decimal separator is
    a comma (German Excel), else a comma."""
    return ";" if get_format("DECIMAL_SEPARATOR", language) == "," else ","


def csv_response(header, rows, filename, delimiter=",", private=False):
    response = HttpResponse(csv_bytes(header, rows, delimiter), content_type="text/csv; charset=utf-8")
    return _attachment(response, filename, private)


def workbook(header, rows, title):
    """An openpyxl workbook with one sheet: a bold header row and the rows, every cell made safe. The caller
    may format it further (widths, number formats) before `xlsx_response`."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = clean_text(str(title))[:31]
    sheet.append(row(header))
    for header_cell in sheet[1]:
        header_cell.font = Font(bold=True)
    for values in rows:
        sheet.append(row(values))
    return book


def xlsx_response(book, filename, private=False):
    buffer = io.BytesIO()
    book.save(buffer)
    return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE), filename, private)


def _attachment(response, filename, private):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if private:
        response["Cache-Control"] = "private, no-store"  # personal data: never in a shared or browser cache
    return response


def install_admin_export_guard():
    """Make every value of Wagtail's admin exports safe (snippets, model view sets, reports, form submissions):
    they all write through SpreadsheetExportMixin.preprocess_field_value, so this one wrapper covers lists
    added later too."""
    from wagtail.admin.views.mixins import SpreadsheetExportMixin

    original = SpreadsheetExportMixin.preprocess_field_value
    if getattr(original, "is_export_guard", False):
        return

    def preprocess_field_value(self, field, value, export_format):
        return cell(original(self, field, value, export_format))

    preprocess_field_value.is_export_guard = True
    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
