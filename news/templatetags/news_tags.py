"""Template tags of the news app: the feed links in every page's head and JSON-LD output."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from wagtail.models import Page

from stadtteil.localization import active_language
from stadtteil.seo import json_ld_script
from stadtteil.site_url import absolute_url
from stadtteil.templatetags.stadtteil_tags import memo
from stadtteil.visibility import public_pages

register = template.Library()


@register.simple_tag(takes_context=True)
def news_feed_links(context):
    """RSS, Atom and calendar links of the active language: one query, memoised on the request and kept
    under the page cache's site-wide version (renewed whenever content changes)."""
    request = context.get("request")
    if request is None:
        return []
    language = active_language()
    return memo(request, f"news_feed_links:{language}", lambda: _feed_links(request, language), shared=True)


def _feed_links(request, language):
    from news.models import EventIndexPage, NewsIndexPage

    news_type = ContentType.objects.get_for_model(NewsIndexPage)
    event_type = ContentType.objects.get_for_model(EventIndexPage)
    pages = public_pages(
        Page.objects.live().filter(locale__language_code=language, content_type__in=[news_type, event_type])
    )
    links = []
    for page in pages.order_by("path"):
        url = page.get_url(request)
        if not url:
            continue
        if page.content_type_id == news_type.pk:
            links.append({"type": "application/rss+xml", "title": _("News (RSS)"), "href": absolute_url(url + "feed/")})
            links.append(
                {
                    "type": "application/atom+xml",
                    "title": _("News (Atom)"),
                    "href": absolute_url(url + "feed/atom/"),
                }
            )
        else:
            file_name = EventIndexPage.CALENDAR_FILES.get(language, "kalender.ics")
            links.append(
                {"type": "text/calendar", "title": _("Events (iCalendar)"), "href": absolute_url(url + file_name)}
            )
    return links


@register.filter
def json_ld(data):
    """`{{ data|json_ld }}`: a `<script type="application/ld+json">` block, escaped like json_script."""
    return json_ld_script(data)
