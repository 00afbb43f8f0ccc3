"""The footer form: its targets are cached per language so that it adds no query to any page."""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from subscriptions.forms import FooterSubscribeForm

register = template.Library()

CACHE_KEY = "subscriptions:footer:{language}"
CACHE_TIMEOUT = 600


def clear_footer_cache():
    cache.delete_many([CACHE_KEY.format(language=code) for code, _name in settings.LANGUAGES])


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


@register.inclusion_tag("subscriptions/includes/footer_form.html", takes_context=True)
def subscribe_footer_form(context):
    request = context.get("request")
    if type(context.get("page")).__name__ == "NewsletterPage":
        return {}  # the page's own form is enough
    language = translation.get_language() or settings.LANGUAGE_CODE
    key = CACHE_KEY.format(language=language)
    targets = cache.get(key)
    if targets is None:
        targets = _footer_targets(language)
        cache.set(key, targets, CACHE_TIMEOUT)
    return {
        "request": request,
        "targets": targets,
        "form": FooterSubscribeForm(language=language, form_url=request.path if request else ""),
    }
