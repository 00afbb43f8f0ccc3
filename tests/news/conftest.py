import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from news.models import EventIndexPage, EventPage, NewsCategory, NewsIndexPage, NewsPage, NewsPageCategory, Venue


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def news_index(demo):
    return NewsIndexPage.objects.get(locale=demo["de"])


@pytest.fixture
def event_index(demo):
    return EventIndexPage.objects.get(locale=demo["de"])


@pytest.fixture
def make_news(demo):
    """Create `count` live German news items under a fresh index page (so demo items do not interfere)."""

    def make(count, slug="test-aktuelles"):
        index = NewsIndexPage(title="Test-Aktuelles", slug=slug, locale=demo["de"])
        demo["de_home"].add_child(instance=index)
        category = NewsCategory.objects.get(locale=demo["de"], slug="bauen")
        image = NewsPage.objects.exclude(image=None).first().image
        for number in range(count):
            page = NewsPage(
                title=f"Testnachricht {number:03d}",
                slug=f"testnachricht-{number:03d}",
                date=datetime.date(2020, 1, 1) + datetime.timedelta(days=number),
                teaser=f"Anreißer {number}",
                image=image,
                locale=demo["de"],
                category_links=[NewsPageCategory(category=category)],
            )
            index.add_child(instance=page)
        return index

    return make


@pytest.fixture
def make_events(demo):
    def make(count, slug="test-termine"):
        index = EventIndexPage(title="Test-Termine", slug=slug, locale=demo["de"])
        demo["de_home"].add_child(instance=index)
        venue = Venue.objects.filter(locale=demo["de"]).first()
        start = timezone.now() + datetime.timedelta(days=1)
        for number in range(count):
            page = EventPage(
                title=f"Testtermin {number:03d}",
                slug=f"testtermin-{number:03d}",
                start=start + datetime.timedelta(days=number),
                end=start + datetime.timedelta(days=number, hours=2),
                teaser=f"Anreißer {number}",
                venue=venue,
                locale=demo["de"],
            )
            index.add_child(instance=page)
        return index

    return make
