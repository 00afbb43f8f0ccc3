from django.dispatch import receiver
from wagtail.documents.models import document_served


@receiver(document_served)
def count_download(sender, instance, request, **kwargs):
    # Count real downloads: not HEAD requests, not a browser revalidating its cached copy.
    if request.method != "GET" or request.headers.get("If-None-Match") or request.headers.get("If-Modified-Since"):
        return
    instance.count_download()


def _purge_search_url(sender, instance, **kwargs):
    from django.conf import settings
    from django.core.cache import cache
    from wagtail.models import Site

    from documents.templatetags.documents_tags import SEARCH_URL_CACHE_KEY

    sites = [0, *Site.objects.values_list("pk", flat=True)]
    cache.delete_many(
        [SEARCH_URL_CACHE_KEY.format(site=site, language=code) for site in sites for code, _name in settings.LANGUAGES]
    )


def connect_search_url_purge():
    from django.db.models.signals import post_delete
    from wagtail.signals import page_published, page_unpublished

    from documents.models import SearchPage

    for signal in (page_published, page_unpublished, post_delete):
        signal.connect(_purge_search_url, sender=SearchPage, dispatch_uid=f"documents-search-url-{id(signal)}")


def connect_cover_cleanup():
    from django.db import transaction
    from django.db.models.signals import post_delete
    from wagtail.documents import get_document_model

    def delete_cover(sender, instance, **kwargs):
        # Wagtail removes the document's file after the commit; the generated cover goes with it.
        if instance.cover:
            transaction.on_commit(lambda: instance.cover.delete(save=False))

    post_delete.connect(delete_cover, sender=get_document_model(), dispatch_uid="documents-delete-cover", weak=False)
