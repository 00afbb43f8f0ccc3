"""Columns for the admin's list views."""

from wagtail.admin.ui.tables import BooleanColumn


class YesNoColumn(BooleanColumn):
    """Wagtail's tick/cross column with "Ja"/"Nein" as text (its own column shows "True"/"False" as the title)."""

    cell_template_name = "stadtteil/admin/yes_no_cell.html"
