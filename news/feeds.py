"""RSS 2.0 and Atom feeds of the news, one per language (served by NewsIndexPage's routes)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from stadtteil.site_url import absolute_url

from .utils import site_name

FEED_SIZE = 20


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self._site_name = site_name(request)
        return self.index_page

    def title(self, obj):
        return f"{obj.title} – {self._site_name}"

    def link(self, obj):
        return absolute_url(obj.get_url(self.request))

    def feed_url(self, obj):
        return absolute_url(self.request.get_full_path())

    def description(self, obj):
        return obj.intro or obj.title

    def subtitle(self, obj):
        return self.description(obj)

    def author_name(self, obj):
        return self._site_name

    def items(self, obj):
        from .models import localize_categories

        return localize_categories(list(obj.news_items()[:FEED_SIZE]))

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser

    def item_link(self, item):
        return absolute_url(item.get_url(self.request))

    def item_guid(self, item):
        return self.item_link(item)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.published_at

    def item_categories(self, item):
        return [category.name for category in item.categories]

    def item_author_name(self, item):
        return self._site_name


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
