"""Helpers shared by the news and event pages: the site name, pagination."""

from django.conf import settings

PER_PAGE = 10


def site_name(request):
    """The site name in the active language, from the site texts every page's frame reads already."""
    from stadtteil.templatetags.stadtteil_tags import site_texts

    texts = site_texts({"request": request})
    return texts["site_name"] if texts else settings.WAGTAIL_SITE_NAME
