from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.userbar import ContentCheckerItem

from editorial import urls
from editorial.dashboard import PANEL_FACTORIES
from editorial.roles import FREIGABE, REDAKTION, UEBERSETZUNG
from editorial.views import user_can_see_report


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("editorial/", include((urls, "editorial"), namespace="editorial"))]


class OutdatedTranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return user_can_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_outdated_translations_menu_item():
    return OutdatedTranslationsMenuItem(
        _("Outdated translations"),
        reverse("editorial:outdated_translations"),
        name="outdated-translations",
        icon_name="resubmit",
        order=650,
    )


@hooks.register("on_serve_page")
def mark_german_text_on_translations(next_serve_page):
    """German text left on a published translation is marked lang="de" (editorial/localize.py)."""
    from editorial.localize import mark_response

    def serve(page, request, args, kwargs):
        return mark_response(page, request, next_serve_page(page, request, args, kwargs))

    return serve


@hooks.register("construct_homepage_panels")
def add_editorial_panels(request, panels):
    for factory in PANEL_FACTORIES:
        panel = factory(request)
        if panel is not None:
            panels.append(panel)


@hooks.register("before_edit_snippet")
def protect_source_snippets_from_translators(request, instance):
    """Model permissions know no locales: a translator may open a snippet's translation, not its German source."""
    user = request.user
    locale = getattr(instance, "locale", None)
    if user.is_superuser or locale is None or locale.language_code != settings.LANGUAGE_CODE:
        return None
    names = set(user.groups.values_list("name", flat=True))
    if UEBERSETZUNG in names and not names & {REDAKTION, FREIGABE}:
        messages.error(request, _("Translators edit the translations only, not the German original."))
        return redirect(reverse(f"wagtailsnippets_{instance._meta.app_label}_{instance._meta.model_name}:list"))
    return None


# axe-core rules that check what editors control and that BITV 2.0 / EN 301 549 (WCAG 2.1 AA) asks for: text
# alternatives (1.1.1), captions (1.2.2), structure (1.3.1), contrast (1.4.3), page title and link purpose
# (2.4.2, 2.4.4), headings (2.4.6), language of page and parts (3.1.1, 3.1.2), names of controls (4.1.2).
BITV_RULES = [
    "area-alt",
    "color-contrast",
    "definition-list",
    "dlitem",
    "document-title",
    "duplicate-id-aria",
    "frame-title",
    "html-has-lang",
    "html-lang-valid",
    "image-alt",
    "input-image-alt",
    "link-in-text-block",
    "list",
    "listitem",
    "object-alt",
    "role-img-alt",
    "svg-img-alt",
    "table-duplicate-name",
    "td-headers-attr",
    "th-has-data-cells",
    "valid-lang",
    "video-caption",
]

BITV_MESSAGES = {
    "image-alt": {
        "error_name": _("Image without alt text"),
        "help_text": _("Describe the image or mark it as decorative"),
    },
    "color-contrast": {
        "error_name": _("Text contrast too low"),
        "help_text": _("Text needs a contrast ratio of at least 4.5:1"),
    },
    "valid-lang": {
        "error_name": _("Unknown language code"),
        "help_text": _("Use a valid language code such as “de” or “en”"),
    },
    "th-has-data-cells": {
        "error_name": _("Table header without data cells"),
        "help_text": _("Check the header row and column settings of the table"),
    },
    "list": {"error_name": _("Broken list"), "help_text": _("Use the list buttons of the editor")},
    "listitem": {"error_name": _("List item outside a list"), "help_text": _("Use the list buttons of the editor")},
    "video-caption": {"error_name": _("Video without captions"), "help_text": _("Add a WebVTT captions file")},
    "document-title": {"error_name": _("Page title missing"), "help_text": _("Give the page a title")},
    "link-in-text-block": {
        "error_name": _("Link not distinguishable from text"),
        "help_text": _("Links in text must be recognisable without colour"),
    },
}


class BITVContentCheckerItem(ContentCheckerItem):
    """Wagtail's content checks (user bar and the editor's preview panel) plus the axe rules BITV asks for."""

    axe_run_only = list(dict.fromkeys(ContentCheckerItem.axe_run_only + BITV_RULES))
    axe_messages = {**ContentCheckerItem.axe_messages, **BITV_MESSAGES}


@hooks.register("construct_wagtail_userbar")
def use_bitv_content_checks(request, items, page):
    # The editor's "Checks" side panel reads its configuration from the same hook.
    items[:] = [
        BITVContentCheckerItem(in_editor=item.in_editor)
        if isinstance(item, ContentCheckerItem) and not isinstance(item, BITVContentCheckerItem)
        else item
        for item in items
    ]


@hooks.register("register_admin_urls")
def register_guide_urls():
    from editorial import guide

    return [path("editorial/guide/", include((guide.urlpatterns, "editorial_guide"), namespace="editorial_guide"))]


@hooks.register("construct_help_menu")
def use_project_editor_guide(request, items):
    """The help menu's guide is the project's own (German for German editors), not Wagtail's English guide on
    wagtail.org; the "What's new in Wagtail" link (English, another host) is left out."""
    items[:] = [item for item in items if item.name != "editor-guide" and not item.name.startswith("whats-new")]
    guide = MenuItem(_("Editor guide"), reverse("editorial_guide:index"), name="editor-guide", icon_name="help")
    items.insert(0, guide)


@hooks.register("after_edit_page")
def say_approved_and_published(request, page):
    """After "Freigeben" (and "Freigeben und Veröffentlichen" on the last step) Wagtail says only that the page
    "wurde aktualisiert": say what happened instead."""
    if request.method != "POST" or request.POST.get("workflow-action-name") != "approve":
        return None
    page.refresh_from_db()
    title = page.get_admin_display_title()
    if page.live and not page.has_unpublished_changes and not page.workflow_in_progress:
        text = _("Page “%(title)s” has been approved and published.") % {"title": title}
    else:
        text = _("Page “%(title)s” has been approved.") % {"title": title}
    storage = messages.get_messages(request)
    # Replace Wagtail's own success message of this request (queued, not yet shown) by ours.
    queued = getattr(storage, "_queued_messages", None)
    if queued:
        queued[:] = [m for m in queued if m.level != messages.SUCCESS]
    messages.success(request, text)
    return None


@hooks.register("construct_homepage_panels")
def remove_whats_new_in_wagtail(request, panels):
    # "What's new in Wagtail" is English and links to wagtail.org; the project's guide is in the help menu.
    panels[:] = [panel for panel in panels if getattr(panel, "name", "") != "whats_new_in_wagtail_version"]
