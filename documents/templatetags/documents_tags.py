from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

register = template.Library()

SEARCH_URL_CACHE_KEY = "documents:search-url:{site}:{language}"


@register.simple_tag(takes_context=True)
def search_page_url(context):
    """URL of the search page in the active language: memoised per request and cached (purged on publish)."""
    request = context.get("request")
    if request is None:
        return ""
    language = translation.get_language() or "de"
    memo = getattr(request, "_documents_search_url", None)
    if memo is not None and memo[0] == language:
        return memo[1]
    from wagtail.models import Site

    site = Site.find_for_request(request)
    key = SEARCH_URL_CACHE_KEY.format(site=site.pk if site else 0, language=language)
    url = cache.get(key)
    if url is None:
        from documents.models import SearchPage

        pages = SearchPage.objects.live().select_related("locale")
        # Without a translation, the default language's search page still beats no search box.
        page = (
            pages.filter(locale__language_code=language).first()
            or pages.filter(locale__language_code=settings.LANGUAGE_CODE).first()
        )
        url = (page.get_url(request) or "") if page else ""
        cache.set(key, url, 60 * 60)
    request._documents_search_url = (language, url)
    return url


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
