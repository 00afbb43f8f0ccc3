"""Admin: applications (worked through along the status flow, every change logged) and the yearly budgets."""

import django_filters
from django.db import transaction
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from fund.admin_forms import ApplicationAdminForm
from fund.models import Application, FundPage, FundYear, budget_for
from fund.views import admin_attachment
from stadtteil.admin_tables import YesNoColumn
from stadtteil.admin_views import LinkedRowsIndexView

Application.base_form_class = ApplicationAdminForm


class ApplicationFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Application.Status.choices)
    year = django_filters.NumberFilter(label=_("Funding year"))
    flagged = django_filters.BooleanFilter(label=_("Needs attention"))

    class Meta:
        model = Application
        fields = ["status", "year", "flagged"]


class ApplicationEditView(ModelViewSet.edit_view_class):
    template_name = "fund/admin/application_edit.html"

    def save_instance(self):
        previous = Application.objects.filter(pk=self.object.pk).values_list("status", flat=True).first()
        new = self.form.cleaned_data["status"]
        with transaction.atomic():
            instance = self.form.save()
            if previous and new != previous:
                # Back to the stored status so that change_status validates and logs the step.
                instance.status = previous
                instance.change_status(new, user=self.request.user)
        return instance

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = self.object.status_changes.select_related("user")
        context["attachments"] = self.object.attachments.all()
        return context


class ApplicationCreateView(ModelViewSet.add_view_class):
    def save_instance(self):
        with transaction.atomic():
            instance = super().save_instance()
            instance.status_changes.create(to_status=instance.status, user=self.request.user)
        return instance


class ApplicationViewSet(ModelViewSet):
    model = Application
    icon = "form"
    menu_label = _("Applications")
    add_to_admin_menu = False
    copy_view_enabled = False
    index_view_class = LinkedRowsIndexView  # each row opens the application
    edit_view_class = ApplicationEditView
    add_view_class = ApplicationCreateView
    filterset_class = ApplicationFilterSet
    search_fields = ["reference", "title", "name", "organisation", "email"]
    list_display = [
        Column("reference", label=_("Reference")),
        "title",
        "status",
        Column("requested_grant", label=_("Requested")),
        Column("approved_amount", label=_("Approved")),
        YesNoColumn("flagged", label=_("Needs attention")),
        DateColumn("created_at", label=_("Submitted")),
    ]
    list_export = [
        "reference",
        "year",
        "created_at",
        "status",
        "applicant_type",
        "title",
        "address",
        "start_date",
        "end_date",
        "total_cost",
        "own_contribution",
        "requested_grant",
        "approved_amount",
        "paid_amount",
        "flagged",
    ]
    export_filename = "fund-applications"
    ordering = ["-created_at"]


class FundYearViewSet(ModelViewSet):
    model = FundYear
    icon = "calendar"
    menu_label = _("Budgets per year")
    add_to_admin_menu = False
    copy_view_enabled = False
    list_display = [
        "year",
        "budget",
        Column("approved_total", label=_("Approved")),
        Column("paid_total", label=_("Paid out")),
        Column("remaining_total", label=_("Still available")),
    ]
    list_export = ["year", "budget", "approved_total", "paid_total", "remaining_total"]
    export_headings = {
        "approved_total": _("Approved"),
        "paid_total": _("Paid out"),
        "remaining_total": _("Still available"),
    }
    export_filename = "fund-budget-per-year"


class FundViewSetGroup(ViewSetGroup):
    menu_label = _("Neighbourhood fund")
    menu_icon = "form"
    menu_order = 250
    items = [ApplicationViewSet("fund_applications"), FundYearViewSet("fund_years")]


@hooks.register("register_admin_urls")
def register_fund_admin_urls():
    return [path("fund/attachments/<int:pk>/", admin_attachment, name="fund_attachment")]


@hooks.register("register_admin_viewset")
def register_fund_viewsets():
    return FundViewSetGroup()


@hooks.register("home_page_sections")
def fund_teaser(request, home_page):
    """The fund with this year's remaining budget (order 60)."""
    page = FundPage.objects.child_of(home_page).live().first()
    if page is None:
        return None
    year = timezone.localdate().year
    if not FundYear.objects.filter(year=year).exists():
        return None
    return {"order": 60, "template": "fund/includes/home_section.html", "page": page, "budget": budget_for(year)}
