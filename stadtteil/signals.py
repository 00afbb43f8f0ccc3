"""What makes the full-page cache stale (see stadtteil/page_cache.py), and the optional front-end cache purge.

Connected in StadtteilConfig.ready() without a sender, so that page types, snippets and settings of every app
are covered without this layer importing them.
"""

import logging

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents.models import AbstractDocument
from wagtail.images.models import AbstractImage
from wagtail.models import BaseViewRestriction, Locale, Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished
from wagtail.snippets.models import get_snippet_models

from stadtteil import page_cache

logger = logging.getLogger(__name__)

# Objects a page may show besides pages: a change to any of them can change any page.
CONTENT_CLASSES = (
    Page,
    BaseSiteSetting,
    BaseGenericSetting,
    AbstractDocument,
    AbstractImage,
    BaseViewRestriction,
    Site,
    Locale,
)


def extra_models():
    """Models named in PAGE_CACHE_INVALIDATING_MODELS ("app_label.ModelName"): shown on pages, yet neither
    pages, snippets, settings, documents nor images."""
    models = []
    for label in settings.PAGE_CACHE_INVALIDATING_MODELS:
        try:
            models.append(apps.get_model(label))
        except LookupError:
            continue  # an app that is not installed on this branch
    return tuple(models)


def shows_on_pages(instance):
    model = type(instance)
    return (
        isinstance(instance, CONTENT_CLASSES)
        or model in get_snippet_models()
        or any(model._meta.concrete_model is extra for extra in extra_models())
    )


def on_model_change(sender, instance, **kwargs):
    # Pages are saved for drafts too: only publishing, unpublishing, moving and deleting them count.
    if kwargs.get("signal") is post_save and isinstance(instance, Page):
        return
    if kwargs.get("raw"):
        return  # fixtures
    if shows_on_pages(instance):
        page_cache.invalidate()


def on_publish_change(sender, instance, **kwargs):
    page_cache.invalidate()


def on_page_publish_change(sender, instance, **kwargs):
    page_cache.invalidate()
    if settings.WAGTAILFRONTENDCACHE:
        transaction.on_commit(lambda: purge_ancestors(instance))


def purge_ancestors(page):
    """wagtail.contrib.frontend_cache purges the page itself; the pages listing it (its section index and the
    home page) are its ancestors. Everything else ages out after PAGE_CACHE_MAX_AGE."""
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    try:
        batch = PurgeBatch()
        batch.add_pages(page.get_ancestors().filter(depth__gte=2).live().specific())
        batch.purge()
    except Exception:  # noqa: BLE001 - a CDN outage must not break publishing
        logger.warning("Front-end cache purge failed", exc_info=True)


def connect():
    post_save.connect(on_model_change, dispatch_uid="page_cache_post_save")
    post_delete.connect(on_model_change, dispatch_uid="page_cache_post_delete")
    page_published.connect(on_page_publish_change, dispatch_uid="page_cache_page_published")
    page_unpublished.connect(on_page_publish_change, dispatch_uid="page_cache_page_unpublished")
    post_page_move.connect(on_page_publish_change, dispatch_uid="page_cache_page_moved")
    published.connect(on_publish_change, dispatch_uid="page_cache_published")
    unpublished.connect(on_publish_change, dispatch_uid="page_cache_unpublished")
