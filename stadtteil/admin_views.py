"""Shared pieces of the admin's own list views."""

from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.viewsets.model import ModelViewSet


class LinkedRowsIndexView(ModelViewSet.index_view_class):
    """A ModelViewSet list whose every row links to the item (its edit view, else its inspect view) and carries
    the row's action menu.

    Wagtail does that only when list_display starts with a field name; a list that starts with a configured
    Column (a label, an accessor) would otherwise show rows nobody can open.
    """

    @cached_property
    def columns(self):
        columns = list(super().columns)
        first = columns[0] if columns else None
        if type(first) is Column:
            column_class = self._get_title_column_class(TitleColumn)
            columns[0] = column_class(
                first.name,
                label=first.label,
                accessor=first.accessor,
                classname=first.classname,
                sort_key=first.sort_key,
                width=first.width,
                get_url=lambda instance: self.get_edit_url(instance) or self.get_inspect_url(instance),
            )
        return columns
