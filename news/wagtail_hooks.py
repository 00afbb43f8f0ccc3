"""Teasers for the home page: latest news (order 20) and upcoming events (order 30)."""

from wagtail import hooks

from .models import EventIndexPage, NewsIndexPage, _localize_categories, _localize_venues

HOME_ITEMS = 3


@hooks.register("home_page_sections")
def latest_news(request, home_page):
    news_index = NewsIndexPage.objects.child_of(home_page).live().first()
    if news_index is None:
        return None
    items = _localize_categories(list(news_index.news_items()[:HOME_ITEMS]))
    if not items:
        return None
    return {"order": 20, "template": "news/includes/home_news.html", "index": news_index, "items": items}


@hooks.register("home_page_sections")
def upcoming_events(request, home_page):
    event_index = EventIndexPage.objects.child_of(home_page).live().first()
    if event_index is None:
        return None
    items = _localize_venues(list(event_index.upcoming()[:HOME_ITEMS]))
    if not items:
        return None
    return {"order": 30, "template": "news/includes/home_events.html", "index": event_index, "items": items}
