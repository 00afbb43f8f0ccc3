"""Admin views: the report of outdated translations and its one-step sync."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail_localize.models import TranslationSource

from editorial.translations import outdated_sources, sync_source, user_can_sync


def user_can_see_report(user):
    return user.is_active and (user.is_superuser or user_can_sync(user))


class OutdatedTranslationsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/outdated_translations.html"
    page_title = gettext_lazy("Outdated translations")
    header_icon = "resubmit"

    def dispatch(self, request, *args, **kwargs):
        if not user_can_see_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": _("Reports")}, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = outdated_sources()
        for item in items:
            for translation in item.translations:
                total, done = translation.get_progress()
                translation.progress = {"total": total, "done": done}
        context["items"] = items
        context["can_sync"] = user_can_sync(self.request.user)
        return context


@require_POST
def sync_translation(request, source_id):
    source = get_object_or_404(TranslationSource, pk=source_id)
    if not user_can_sync(request.user):
        raise PermissionDenied
    results = sync_source(source, request.user)
    drafts = [target for target, published in results if not published]
    if drafts:
        message = _("“%(title)s” was synced; the translation was saved as a draft for review.")
        messages.warning(request, message % {"title": source.object_repr})
    else:
        message = _("“%(title)s” was synced and the translation updated.")
        messages.success(request, message % {"title": source.object_repr})
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("editorial:outdated_translations")
    return redirect(next_url)
