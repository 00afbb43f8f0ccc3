from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.documents.permissions import permission_policy

from documents.admin_views import DocumentIndexView, DownloadsReportView
from documents.models import DocumentIndexPage, ReportPage
from documents.views import listed_documents


class DownloadsMenuItem(MenuItem):
    def is_shown(self, request):
        return permission_policy.user_has_any_permission(request.user, ["add", "change", "delete"])


@hooks.register("home_page_sections")
def final_report_section(request, home_page):
    report = listed_documents().filter(is_final_report=True).first()
    if report is None:
        return None
    downloads = DocumentIndexPage.objects.live().child_of(home_page).first()
    report_page = ReportPage.objects.live().descendant_of(home_page).first() if downloads else None
    return {
        "order": 40,
        "template": "documents/includes/home_section.html",
        "document": report,
        "downloads_page": downloads,
        "report_page": report_page,
    }


@hooks.register("register_admin_urls", order=-10)
def register_document_admin_urls():
    # Registered before wagtail.documents' own URLs, so the listing with the download counter answers first.
    return [
        path("documents/", DocumentIndexView.as_view(), name="documents_index_with_downloads"),
        path(
            "documents/results/",
            DocumentIndexView.as_view(results_only=True),
            name="documents_index_results_with_downloads",
        ),
        path("reports/document-downloads/", DownloadsReportView.as_view(), name="document_downloads_report"),
    ]


@hooks.register("register_reports_menu_item")
def register_downloads_report_menu_item():
    return DownloadsMenuItem(
        _("Document downloads"), reverse("document_downloads_report"), icon_name="download", order=700
    )
