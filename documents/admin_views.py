"""Admin report of downloads per document, for staff who may change documents."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.documents.permissions import permission_policy
from wagtail.documents.views import documents as documents_views


class DownloadsReportView(ReportView):
    page_title = _("Document downloads")
    header_icon = "download"
    index_url_name = "document_downloads_report"
    index_results_url_name = "document_downloads_report"
    default_ordering = "-download_count"
    permission_policy = permission_policy
    any_permission_required = ["add", "change", "delete"]
    columns = [
        TitleColumn("title", label=_("Title"), sort_key="title", url_name="wagtaildocs:edit"),
        Column("category", label=_("Category"), accessor="get_category_display", sort_key="category"),
        DateColumn("publication_date", label=_("Publication date"), sort_key="publication_date"),
        NumberColumn("download_count", label=_("Downloads"), sort_key="download_count"),
    ]
    list_export = ["title", "category", "publication_date", "download_count"]
    export_headings = {"download_count": _("Downloads"), "publication_date": _("Publication date")}

    def get_base_queryset(self):
        return permission_policy.instances_user_has_any_permission_for(self.request.user, ["change", "delete"]).defer(
            "extracted_text"
        )

    def get_queryset(self):
        return self.get_base_queryset().order_by(self.ordering or "-download_count", "title")


class DocumentIndexView(documents_views.IndexView):
    """Wagtail's document listing with a "Downloads" column (registered in front of Wagtail's own URL)."""

    @cached_property
    def columns(self):
        columns = list(super().columns)
        columns.insert(-1, NumberColumn("download_count", label=_("Downloads"), sort_key="download_count"))
        return columns
