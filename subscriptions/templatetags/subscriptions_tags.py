"""The footer form on every page: its fields are rendered once per language and kept until content changes
(stadtteil.page_cache.shared_data), so that it adds no query and little time to any page."""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from stadtteil.localization import active_language
from stadtteil.page_cache import shared_data
from subscriptions.forms import FooterSubscribeForm

register = template.Library()


def _footer_targets(language):
    from stadtteil.models import SiteSettings
    from subscriptions.models import NewsletterPage

    page = NewsletterPage.objects.live().filter(locale__language_code=language).first()
    if page is None:
        return {}
    privacy_url = privacy_title = ""
    site = page.get_site()
    privacy = SiteSettings.for_site(site).privacy_page if site else None
    if privacy is not None:
        privacy = privacy.localized
        privacy_url, privacy_title = privacy.get_url(), privacy.title
    return {
        "page_url": page.get_url(),
        # A view of its own without a CSRF token (checked by origin instead), so that pages stay cacheable.
        "action": reverse("subscriptions:subscribe"),
        "privacy_url": privacy_url,
        "privacy_title": privacy_title,
    }


def _footer_form(language):
    targets = _footer_targets(language)
    if not targets:
        return {}
    fields = render_to_string(
        "subscriptions/includes/form_fields.html",
        {
            "form": FooterSubscribeForm(language=language),
            "privacy_url": targets["privacy_url"],
            "privacy_title": targets["privacy_title"],
            "without_csrf_token": True,
            "without_form_url": True,  # the page's own path is added by footer_form.html
        },
    )
    return {**targets, "fields": mark_safe(fields)}  # noqa: S308 - rendered from our own template


@register.inclusion_tag("subscriptions/includes/footer_form.html", takes_context=True)
def subscribe_footer_form(context):
    request = context.get("request")
    if request is None or type(context.get("page")).__name__ == "NewsletterPage":
        return {}  # the page's own form is enough
    language = active_language()
    footer = shared_data(request, f"subscriptions:footer:{language}", lambda: _footer_form(language))
    # The page the form was sent from is kept as part of the proof of consent.
    return {"footer": footer, "form_url": request.path}
