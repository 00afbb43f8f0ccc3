"""Teasers for the home page: latest news (order 20) and upcoming events (order 30); related news and
upcoming events on measure pages (the projects app's "project_page_sections" seam)."""

from django.utils import timezone
from wagtail import hooks

from .models import EventIndexPage, EventPage, NewsIndexPage, NewsPage, localize_categories, localize_venues

HOME_ITEMS = 3
MEASURE_ITEMS = 4


@hooks.register("home_page_sections")
def latest_news(request, home_page):
    news_index = NewsIndexPage.objects.child_of(home_page).live().first()
    if news_index is None:
        return None
    items = localize_categories(list(news_index.news_items()[:HOME_ITEMS]))
    if not items:
        return None
    return {"order": 20, "template": "news/includes/home_news.html", "index": news_index, "items": items}


@hooks.register("home_page_sections")
def upcoming_events(request, home_page):
    event_index = EventIndexPage.objects.child_of(home_page).live().first()
    if event_index is None:
        return None
    items = localize_venues(list(event_index.upcoming()[:HOME_ITEMS]))
    if not items:
        return None
    return {"order": 30, "template": "news/includes/home_events.html", "index": event_index, "items": items}


@hooks.register("project_page_sections")
def related_news_and_events(request, page):
    """News and upcoming events linked to a measure, in the measure page's language.

    Links point at the German measure (wagtail-localize copies them as they are), so they are matched by the
    measure's translation_key; the news and events themselves are those of the page's locale.
    """
    news = localize_categories(
        list(
            NewsPage.objects.live()
            .public()
            .filter(locale_id=page.locale_id, measure_links__measure__translation_key=page.translation_key)
            .select_related("image")
            .prefetch_related("image__renditions", "category_links__category")
            .distinct()
            .order_by("-date", "-pk")[:MEASURE_ITEMS]
        )
    )
    events = localize_venues(
        list(
            EventPage.objects.live()
            .public()
            .filter(
                locale_id=page.locale_id,
                measure_links__measure__translation_key=page.translation_key,
                end__gte=timezone.now(),
            )
            .select_related("venue")
            .distinct()
            .order_by("start", "pk")[:MEASURE_ITEMS]
        )
    )
    if not news and not events:
        return None
    return {"order": 20, "template": "news/includes/measure_section.html", "news": news, "events": events}
