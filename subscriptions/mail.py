"""The e-mails: confirmation request, "already subscribed" note, and page and new-document notifications.

Each is HTML plus plain text, in the subscriber's language, from DEFAULT_FROM_EMAIL, and carries the
preferences link and RFC 8058 one-click unsubscribe headers.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from stadtteil.apps import mail_domain
from stadtteil.models import SiteTexts
from stadtteil.site_url import absolute_url
from subscriptions import links


def _site_name(language, memo=None):
    # `memo` (a dict) spares the query when one run sends many mails.
    if memo is not None and language in memo:
        return memo[language]
    texts = SiteTexts.for_language(language)
    name = texts.site_name if texts else settings.WAGTAIL_SITE_NAME
    if memo is not None:
        memo[language] = name
    return name


def build_message(subscriber, template, subject, context=None, connection=None, memo=None):
    with translation.override(subscriber.language):
        unsubscribe = links.unsubscribe_url(subscriber)
        context = {
            "subscriber": subscriber,
            "site_name": _site_name(subscriber.language, memo),
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
            # RFC 2919: mail providers group and filter the newsletter by it.
            "List-Id": f"{context['site_name']} <newsletter.{mail_domain()}>",
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


def _page_context(page):
    teaser = getattr(page, "teaser", "") or page.search_description or ""
    image = getattr(page, "image", None)
    image_url = None
    if image is not None:
        image_url = absolute_url(image.get_rendition("fill-1200x675|format-jpeg").url)
    parts = page.get_url_parts()
    return {
        "page": page,
        "teaser": strip_tags(str(teaser)).strip(),
        "image_url": image_url,
        "image_alt": (getattr(image, "default_alt_text", "") or "") if image is not None else "",
        "page_url": absolute_url(parts[2]) if parts else page.full_url,
    }


def notification_message(subscriber, page, connection=None, memo=None):
    memo = {} if memo is None else memo
    key = ("page", page.pk)
    if key not in memo:
        memo[key] = _page_context(page)  # the same for every subscriber: computed once per run
    context = memo[key]
    return build_message(subscriber, "notification", lambda: page.title, context, connection=connection, memo=memo)


def _downloads_url(language):
    from documents.models import DocumentIndexPage

    page = DocumentIndexPage.objects.live().filter(locale__language_code=language).first()
    if page is None:
        return None
    parts = page.get_url_parts()
    return absolute_url(parts[2]) if parts else page.full_url


def _document_context(document, language):
    # Rendered under the subscriber's language: the display_* properties pick the English texts where set.
    return {
        "document": document,
        "title": document.display_title,
        "description": document.display_description,
        # German texts in an English mail get a lang attribute (screen readers), as on the downloads page.
        "title_lang": document.display_title_language,
        "description_lang": document.display_description_language,
        "meta": document.link_meta(),
        "file_url": absolute_url(document.url),
        "downloads_url": _downloads_url(language),
    }


def document_notification_message(subscriber, document, connection=None, memo=None):
    memo = {} if memo is None else memo
    key = ("document", document.pk, subscriber.language)
    if key not in memo:
        with translation.override(subscriber.language):
            memo[key] = _document_context(document, subscriber.language)  # once per language and run
    context = memo[key]
    return build_message(
        subscriber,
        "document_notification",
        lambda: _("new document: %(title)s") % {"title": context["title"]},
        context,
        connection=connection,
        memo=memo,
    )


def send_follow_request(subscriber, keys):
    """An address that is already subscribed asked to follow more: only its owner may add them, by a link."""
    from subscriptions.follow import follow_labels

    with translation.override(subscriber.language):
        labels = [str(label) for label in follow_labels(keys).values()]
    build_message(
        subscriber,
        "follow_request",
        lambda: _("please confirm what you want to follow"),
        {"confirm_url": links.confirm_url(subscriber, add=keys), "labels": labels},
    ).send()


def _page_url(page):
    parts = page.get_url_parts()
    return absolute_url(parts[2]) if parts else page.full_url


def change_note_message(subscriber, note_id, connection=None, memo=None):
    """A change note goes to followers of its own language only: no lookups for another language."""
    from projects.change_notes import ChangeNote

    memo = {} if memo is None else memo
    key = ("change_note", note_id)
    if key not in memo:
        note = ChangeNote.objects.select_related("page").get(pk=note_id)
        memo[key] = {"note": note, "page": note.page, "page_url": _page_url(note.page) + "#change-notes"}
    context = memo[key]
    return build_message(
        subscriber,
        "change_note",
        lambda: _("change to “%(title)s”") % {"title": context["page"].title},
        context,
        connection=connection,
        memo=memo,
    )


def _participation_url(language):
    from participation.models import ParticipationPage

    page = ParticipationPage.objects.live().filter(locale__language_code=language).first()
    return _page_url(page) if page is not None else absolute_url("/")


def answer_message(subscriber, contribution_id, connection=None, memo=None):
    from participation.models import Contribution

    memo = {} if memo is None else memo
    key = ("contribution", contribution_id, subscriber.language)
    if key not in memo:
        contribution = Contribution.objects.select_related("measure").get(pk=contribution_id)
        measure = contribution.measure
        if measure is not None:
            locale = _locale(subscriber.language)
            measure = (measure.get_translation_or_none(locale) if locale else None) or measure
            measure = measure if measure.live else None
        with translation.override(subscriber.language):
            memo[key] = {
                "contribution": contribution,
                "status": contribution.get_public_status_display(),
                "measure": measure,
                "measure_url": _page_url(measure) if measure is not None else None,
                "participation_url": _participation_url(subscriber.language),
            }
    context = memo[key]
    return build_message(
        subscriber,
        "answer",
        lambda: _("answer to a contribution on what you follow"),
        context,
        connection=connection,
        memo=memo,
    )


def _locale(language):
    from wagtail.models import Locale

    return Locale.objects.filter(language_code=language).first()
