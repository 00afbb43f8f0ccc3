"""Dashboard panels for the editorial team.

Panels about other apps (participation, subscriptions, documents) look their models up by name and appear only
when the app is installed and the model has the expected fields: those apps are built in parallel and this app
must not import them. The expected names live in DASHBOARD_SOURCES; a project may override them with the
setting EDITORIAL_DASHBOARD_SOURCES (same shape).
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count
from django.utils import timezone
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from editorial.translations import outdated_sources, user_can_sync

DASHBOARD_SOURCES = {
    # New contributions waiting for moderation, and how many came in during the last `days` days.
    "contributions": {
        "model": "participation.Contribution",
        "filter": {"status": "new"},
        "date_field": "created_at",
        "days": 7,
        "permission": "change",
    },
    # Confirmed subscribers, counted per language.
    "subscribers": {
        "model": "subscriptions.Subscriber",
        "filter": {"confirmed_at__isnull": False},
        "group_by": "language",
        "permission": "view",
    },
    # The most downloaded documents.
    "downloads": {"model": "documents.CustomDocument", "order_by": "download_count", "limit": 5},
}


def source_config(name):
    return settings.EDITORIAL_DASHBOARD_SOURCES.get(name) or DASHBOARD_SOURCES[name]


def optional_model(config):
    """The configured model if its app is installed and it has every field the panel uses, else None."""
    app_label, _, model_name = config["model"].partition(".")
    if not apps.is_installed(app_label) and app_label not in {c.label for c in apps.get_app_configs()}:
        return None
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    fields = [lookup.split("__")[0] for lookup in config.get("filter", {})]
    fields += [config[key] for key in ("date_field", "group_by", "order_by") if config.get(key)]
    for field in fields:
        try:
            model._meta.get_field(field)
        except FieldDoesNotExist:
            return None
    return model


def _has_model_permission(user, model, action):
    return user.is_superuser or user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")


class DashboardPanel(Component):
    """The panel editorial/panels/<key>.html, at `order` among Wagtail's own, with `data` as its context."""

    def __init__(self, key, order, **data):
        self.name = f"editorial_{key}"
        self.template_name = f"editorial/panels/{key}.html"
        self.order = order
        self.data = data

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context.update(self.data)
        context["request"] = parent_context.get("request")
        return context


REVIEW_LIMIT = 10


def pages_awaiting_review_panel(request):
    """Every page in review, for the whole team (Wagtail's own panel shows only one's own review tasks)."""
    if not user_has_any_page_permission(request.user):
        return None
    states = (
        WorkflowState.objects.active()
        .filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .filter(base_content_type__app_label="wagtailcore", base_content_type__model="page")
        .select_related("current_task_state__task", "requested_by")
        .order_by("-created_at")
    )
    count = states.count()
    rows = list(states[:REVIEW_LIMIT])
    pages = Page.objects.in_bulk([int(state.object_id) for state in rows])
    items = [{"page": pages[int(state.object_id)], "state": state} for state in rows if int(state.object_id) in pages]
    return DashboardPanel("pages_awaiting_review", 90, count=count, items=items)


def outdated_translations_panel(request):
    user = request.user
    if not (user.is_superuser or user_can_sync(user)):
        return None
    items = outdated_sources()
    return DashboardPanel("outdated_translations", 95, count=len(items), items=items[:5])


def contributions_panel(request):
    config = source_config("contributions")
    model = optional_model(config)
    if model is None or not _has_model_permission(request.user, model, config.get("permission", "change")):
        return None
    pending = model._default_manager.filter(**config.get("filter", {}))
    since = timezone.now() - timezone.timedelta(days=config.get("days", 7))
    recent = model._default_manager.filter(**{f"{config['date_field']}__gte": since})
    return DashboardPanel(
        "contributions", 96, pending=pending.count(), recent=recent.count(), days=config.get("days", 7)
    )


def subscribers_panel(request):
    config = source_config("subscribers")
    model = optional_model(config)
    if model is None or not _has_model_permission(request.user, model, config.get("permission", "view")):
        return None
    confirmed = model._default_manager.filter(**config.get("filter", {}))
    group_by = config["group_by"]
    per_group = list(confirmed.values(group_by).annotate(n=Count("pk")).order_by(group_by))
    # Readable labels ("Deutsch", not "de") from the field's choices, where it has any.
    labels = {str(key): label for key, label in model._meta.get_field(group_by).flatchoices}
    return DashboardPanel(
        "subscribers",
        97,
        total=sum(row["n"] for row in per_group),
        per_group=[{"label": labels.get(str(row[group_by]), row[group_by]), "count": row["n"]} for row in per_group],
    )


def downloads_panel(request):
    from wagtail.documents.permissions import permission_policy

    config = source_config("downloads")
    model = optional_model(config)
    if model is None or not permission_policy.user_has_any_permission(request.user, ["change", "choose"]):
        return None
    field = config["order_by"]
    documents = list(model._default_manager.filter(**{f"{field}__gt": 0}).order_by(f"-{field}")[: config["limit"]])
    return DashboardPanel("downloads", 98, items=[{"document": d, "count": getattr(d, field)} for d in documents])


PANEL_FACTORIES = [
    pages_awaiting_review_panel,
    outdated_translations_panel,
    contributions_panel,
    subscribers_panel,
    downloads_panel,
]
