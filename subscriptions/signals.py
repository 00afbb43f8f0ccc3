"""Queue notifications when a notifiable page goes live for the first time in its language."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from subscriptions.topics import is_notifiable


def first_publication(page):
    # Wagtail sets first_published_at only once, to the same instant as last_published_at.
    return page.first_published_at is not None and page.first_published_at == page.last_published_at


def on_page_published(sender, instance, **kwargs):
    from subscriptions.tasks import notify_subscribers

    if is_notifiable(instance) and not instance.no_notification and first_publication(instance):
        # After the commit, so that the worker sees the live page (the immediate backend runs it right then).
        transaction.on_commit(partial(notify_subscribers.enqueue, instance.pk))


def forget_footer_links(**kwargs):
    """The footer form's cached targets (newsletter and privacy page URLs) may have changed."""
    from subscriptions.templatetags.subscriptions_tags import clear_footer_cache

    clear_footer_cache()


def connect():
    from stadtteil.models import SiteSettings

    page_published.connect(on_page_published, dispatch_uid="subscriptions_notify")
    for name, signal in {
        "published": page_published,
        "unpublished": page_unpublished,
        "slug": page_slug_changed,
        "move": post_page_move,
    }.items():
        signal.connect(forget_footer_links, dispatch_uid=f"subscriptions_footer_{name}")
    post_delete.connect(forget_footer_links, sender=Page, dispatch_uid="subscriptions_footer_delete")
    post_save.connect(forget_footer_links, sender=SiteSettings, dispatch_uid="subscriptions_footer_settings")
