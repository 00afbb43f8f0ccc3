"""Admin: the subscriber list (read-only, filterable, exportable; tokens never shown), the per-page delivery
report, and the general topics offered in the subscribe form."""

import django_filters
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Page
from wagtail.permission_policies.base import ModelPermissionPolicy

from subscriptions.models import Delivery, Subscriber
from subscriptions.topics import GENERAL_TOPICS, topic_choices


@hooks.register("subscription_topics")
def general_topics():
    return GENERAL_TOPICS


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Staff may look and delete (on request), never add or edit: the records are proof of consent."""

    def user_has_permission(self, user, action):
        if action in {"add", "change", "copy"}:
            return False
        return super().user_has_permission(user, action)


class SubscriberFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Subscriber.Status.choices)
    language = django_filters.ChoiceFilter(label=_("Language"))
    topic = django_filters.ChoiceFilter(label=_("Topic"), field_name="topics__key", distinct=True)

    class Meta:
        model = Subscriber
        fields = ["status", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.conf import settings

        self.filters["language"].extra["choices"] = settings.LANGUAGES
        self.filters["topic"].extra["choices"] = topic_choices()


class SubscriberIndexView(ModelViewSet.index_view_class):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = Subscriber.objects.aggregate(
            total=Count("pk"),
            confirmed=Count("pk", filter=Q(status=Subscriber.Status.CONFIRMED)),
            pending=Count("pk", filter=Q(status=Subscriber.Status.PENDING)),
        )
        context["subscriber_counts"] = counts
        # Topic names looked up once for the whole page of rows (see Subscriber.topic_list).
        labels = dict(topic_choices())
        for subscriber in context.get("object_list") or []:
            subscriber._topic_labels = labels
        return context


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    icon = "mail"
    menu_label = _("Subscribers")
    menu_order = 400
    add_to_admin_menu = True
    index_view_class = SubscriberIndexView
    index_results_template_name = "subscriptions/admin/subscriber_results.html"
    filterset_class = SubscriberFilterSet
    list_display = [
        "email",
        Column("status", label=_("Status"), accessor="get_status_display"),
        Column("language", label=_("Language"), accessor="get_language_display"),
        Column("topics", label=_("Topics"), accessor="topic_list"),
        DateColumn("consent_at", label=_("Consent given")),
        DateColumn("confirmed_at", label=_("Confirmed")),
    ]
    list_export = [
        "email",
        "status",
        "language",
        "topic_list",
        "consent_at",
        "consent_url",
        "consent_version",
        "confirmed_at",
        "created_at",
    ]
    export_headings = {"topic_list": _("Topics")}
    export_filename = "subscribers"
    search_fields = ["email"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "email",
        "status",
        "language",
        "topic_list",
        "created_at",
        "consent_at",
        "consent_url",
        "consent_version",
        "confirmed_at",
    ]
    # The edit form is never reachable (read-only policy); listed so that no field (nor the token) appears.
    form_fields = ["language"]
    copy_view_enabled = False

    @property
    def permission_policy(self):
        return ReadOnlyPolicy(self.model)

    def get_queryset(self, request):
        return Subscriber.objects.prefetch_related("topics")


subscriber_viewset = SubscriberViewSet("subscribers")


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return subscriber_viewset


class DeliveryReportView(ReportView):
    """Per page, and per new document: how many notifications were sent, are pending or failed."""

    page_title = _("Newsletter notifications")
    header_icon = "mail"
    index_url_name = "subscriptions_delivery_report"
    index_results_url_name = "subscriptions_delivery_report_results"
    results_template_name = "subscriptions/admin/delivery_report_results.html"
    list_export = ["title", "locale.language_code", "sent", "pending", "failed"]
    export_headings = {
        "locale.language_code": _("Language"),
        "sent": _("Sent"),
        "pending": _("Pending"),
        "failed": _("Failed"),
    }
    any_permission_required = ["view"]

    @property
    def permission_policy(self):
        return ReadOnlyPolicy(Subscriber)

    def get_queryset(self):
        page_ids = Delivery.objects.values("page_id")
        return (
            Page.objects.filter(pk__in=page_ids)
            .select_related("locale")
            .annotate(**_delivery_counts())
            .order_by("-first_published_at")
        )

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["document_deliveries"] = document_delivery_counts()
        return context


def document_delivery_counts():
    """Per new document: sent, pending, failed notifications (shown above the pages in the report)."""
    from wagtail.documents import get_document_model

    return (
        get_document_model()
        .objects.filter(pk__in=Delivery.objects.values("document_id"))
        .only("pk", "title", "first_listed_at")
        .annotate(**_delivery_counts())
        .order_by("-first_listed_at", "-pk")
    )


RELATED = "subscription_deliveries"


def _delivery_counts():
    """Annotations of a page or document: its notifications sent, pending (or sending) and failed."""
    return {
        "sent": Count("pk", filter=Q(**{f"{RELATED}__status": Delivery.Status.SENT})),
        "pending": Count(
            "pk", filter=Q(**{f"{RELATED}__status__in": [Delivery.Status.PENDING, Delivery.Status.SENDING]})
        ),
        "failed": Count("pk", filter=Q(**{f"{RELATED}__status": Delivery.Status.FAILED})),
    }


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/newsletter/", DeliveryReportView.as_view(), name="subscriptions_delivery_report"),
        path(
            "reports/newsletter/results/",
            DeliveryReportView.as_view(results_only=True),
            name="subscriptions_delivery_report_results",
        ),
    ]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return ReadOnlyPolicy(Subscriber).user_has_permission(request.user, "view")


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        _("Newsletter notifications"), reverse("subscriptions_delivery_report"), icon_name="mail", order=900
    )


@hooks.register("project_page_sections")
def follow_measure_section(request, page):
    """The follow form on every measure page, rendered once per page and language (the section is cached with
    the page's shared data; the form holds nothing about the visitor)."""
    from django.template.loader import render_to_string
    from django.utils.safestring import mark_safe

    from subscriptions import follow
    from subscriptions.forms import FollowForm
    from subscriptions.views import follow_targets

    topics, _places = follow_targets(page)
    form = FollowForm(
        topics=topics,
        initial={"topics": [follow.measure_key(page)], "form_url": page.get_url(request)},
        auto_id="follow-%s",
    )
    fields = render_to_string("subscriptions/includes/follow_fields.html", {"form": form, "with_area": False})
    return {
        "order": 90,
        "template": "subscriptions/includes/follow_section.html",
        "action": reverse("subscriptions:follow"),
        "fields": mark_safe(fields),  # noqa: S308 - rendered from our own template
    }
