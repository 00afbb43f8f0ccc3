"""News (Aktuelles) and events (Termine): snippets, news pages and event pages, one module each."""

from .base import NotificationMixin
from .events import EventIndexPage, EventPage, EventPageMeasure, localize_venues
from .news import NewsIndexPage, NewsPage, NewsPageCategory, NewsPageFieldOfAction, NewsPageMeasure, localize_categories
from .snippets import NewsCategory, Venue

__all__ = [
    "EventIndexPage",
    "EventPage",
    "EventPageMeasure",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageCategory",
    "NewsPageFieldOfAction",
    "NewsPageMeasure",
    "NotificationMixin",
    "Venue",
    "localize_categories",
    "localize_venues",
]
