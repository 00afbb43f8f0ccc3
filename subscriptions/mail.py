"""The e-mails: confirmation request, "already subscribed" note, and page notifications.

Each is HTML plus plain text, in the subscriber's language, from DEFAULT_FROM_EMAIL, and carries the
preferences link and RFC 8058 one-click unsubscribe headers.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from stadtteil.models import SiteTexts
from subscriptions import links


def _site_name(language):
    texts = SiteTexts.for_language(language)
    return texts.site_name if texts else settings.WAGTAIL_SITE_NAME


def build_message(subscriber, template, subject, context=None, connection=None):
    with translation.override(subscriber.language):
        unsubscribe = links.unsubscribe_url(subscriber)
        context = {
            "subscriber": subscriber,
            "site_name": _site_name(subscriber.language),
            "preferences_url": links.preferences_url(subscriber),
            "unsubscribe_url": unsubscribe,
            **(context or {}),
        }
        subject = f"{context['site_name']}: {subject()}"
        text = render_to_string(f"subscriptions/mail/{template}.txt", context)
        html = render_to_string(f"subscriptions/mail/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Auto-Submitted": "auto-generated",
        },
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def send_confirmation_request(subscriber):
    # No promotion here (§7 UWG case law): only the request to confirm, and how to ignore it.
    build_message(
        subscriber,
        "confirm",
        lambda: _("please confirm your subscription"),
        {"confirm_url": links.confirm_url(subscriber)},
    ).send()


def send_already_subscribed(subscriber):
    build_message(subscriber, "already_subscribed", lambda: _("you are already subscribed")).send()


def notification_message(subscriber, page, connection=None):
    with translation.override(subscriber.language):
        teaser = getattr(page, "teaser", "") or page.search_description or ""
        image_url = None
        image = getattr(page, "image", None)
        if image is not None:
            image_url = links.absolute(image.get_rendition("fill-1200x675|format-jpeg").url)
        site_id, root_url, page_path = page.get_url_parts() or (None, None, None)
        context = {
            "page": page,
            "teaser": strip_tags(str(teaser)).strip(),
            "image_url": image_url,
            "image_alt": getattr(image, "default_alt_text", "") if image else "",
            "page_url": links.absolute(page_path) if page_path else page.full_url,
        }
    return build_message(subscriber, "notification", lambda: page.title, context, connection=connection)
