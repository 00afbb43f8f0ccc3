"""Admin: moderation of contributions (filters, approve/reject with reason, public reply), CSV/XLSX export,
and the participation teaser on the home page."""

import django_filters
from django import forms
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Locale

from participation import views
from participation.models import Contribution, ParticipationPage
from projects.models import FieldOfAction, ProjectPage
from stadtteil.admin_views import LinkedRowsIndexView


def _default_locale_fields():
    return FieldOfAction.objects.filter(locale=Locale.get_default()).order_by("sort_order", "name")


def _default_locale_measures():
    return ProjectPage.objects.filter(locale=Locale.get_default()).order_by("title")


class ContributionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Contribution.Status.choices)
    public_status = django_filters.ChoiceFilter(label=_("Public status"), choices=Contribution.PublicStatus.choices)
    answered = django_filters.BooleanFilter(
        label=_("Answered"), field_name="first_answered_at", lookup_expr="isnull", exclude=True
    )
    field_of_action = django_filters.ModelChoiceFilter(
        label=_("Field of action"), queryset=lambda request: _default_locale_fields()
    )
    measure = django_filters.ModelChoiceFilter(label=_("Measure"), queryset=lambda request: _default_locale_measures())
    has_place = django_filters.BooleanFilter(
        label=_("Place on the map"), field_name="latitude", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Contribution
        fields = ["status", "public_status", "field_of_action", "measure"]


class ExportingIndexView(LinkedRowsIndexView):
    @property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        buttons.append(
            HeaderButton(_("Export all as CSV"), url=reverse("participation_export_csv"), icon_name="download")
        )
        buttons.append(
            HeaderButton(_("Export all as XLSX"), url=reverse("participation_export_xlsx"), icon_name="download")
        )
        return buttons


def _record_moderation(view):
    """Who moderated and when, set whenever the status or the public reply changes."""
    instance = view.form.instance
    changed = set(view.form.changed_data)
    now = timezone.now()
    if changed & {"status", "rejection_reason", "public_status", "public_reason", "public_reason_language"}:
        instance.moderated_by = view.request.user
        instance.moderated_at = now
    if "public_reply" in changed:
        instance.replied_at = now if instance.public_reply else None
        instance.moderated_by = view.request.user
        instance.moderated_at = now


class ModeratingEditView(ModelViewSet.edit_view_class):
    def save_instance(self):
        _record_moderation(self)
        return super().save_instance()


class ModeratingCreateView(ModelViewSet.add_view_class):
    def save_instance(self):
        _record_moderation(self)
        return super().save_instance()


class ContributionViewSet(ModelViewSet):
    model = Contribution
    icon = "comment"
    menu_label = _("Contributions")
    menu_order = 250
    add_to_admin_menu = True
    url_namespace = "participation_contribution"
    url_prefix = "participation/contributions"
    index_view_class = ExportingIndexView
    edit_view_class = ModeratingEditView
    add_view_class = ModeratingCreateView
    filterset_class = ContributionFilterSet
    search_fields = ["message", "address", "public_reply"]
    search_backend_name = None  # plain database lookups; no search index for personal data
    list_display = [
        Column("number", label=_("No."), accessor="pk"),
        Column("excerpt", label=_("Message"), accessor="excerpt"),
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("public_status", label=_("Public status"), accessor="get_public_status_display"),
        Column("field_of_action", label=_("Field of action")),
        Column("measure", label=_("Measure")),
        Column("has_reply", label=_("Public reply"), accessor="reply_label"),
        DateColumn("created_at", label=_("Received")),
    ]
    list_per_page = 50
    ordering = ["-created_at"]
    inspect_view_enabled = True
    copy_view_enabled = False

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("message"),
                FieldRowPanel([FieldPanel("field_of_action"), FieldPanel("measure")]),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Contribution"),
            help_text=_("You may shorten or anonymise the text (e.g. remove names of third parties) before approving."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("status", widget=forms.RadioSelect),
                FieldPanel("rejection_reason"),
                FieldPanel("public_reply"),
            ],
            heading=_("Moderation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("public_status", widget=forms.RadioSelect),
                FieldPanel("public_reason"),
                FieldPanel("public_reason_language"),
                FieldPanel("first_answered_at", read_only=True),
            ],
            heading=_("You said, we did"),
            help_text=_(
                "Shown publicly with the contribution once it is approved. The first public reply or the status "
                "“answered”, “implemented” or “not implemented” sets the time of the first official answer; it "
                "is never changed afterwards."
            ),
        ),
        MultiFieldPanel(
            [
                FieldPanel("contact_name", read_only=True),
                FieldPanel("contact_email", read_only=True),
                FieldPanel("reply_consent", read_only=True),
            ],
            heading=_("Personal data (never published; deleted after the retention period)"),
        ),
    ]


contribution_viewset = ContributionViewSet("participation_contribution")


@hooks.register("register_admin_viewset")
def register_contribution_viewset():
    return contribution_viewset


@hooks.register("register_admin_urls")
def register_export_urls():
    return [
        path("participation/export/csv/", views.export_csv, name="participation_export_csv"),
        path("participation/export/xlsx/", views.export_xlsx, name="participation_export_xlsx"),
    ]


@hooks.register("home_page_sections")
def participation_teaser(request, home_page):
    page = ParticipationPage.objects.child_of(home_page).live().first()
    if page is None:
        return None
    count = Contribution.objects.approved().count()
    return {"order": 50, "template": "participation/includes/home_section.html", "page": page, "count": count}
