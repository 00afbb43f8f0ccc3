"""What every page's frame keeps between requests (stadtteil.page_cache.shared_data) is plain data: strings,
numbers, dates, lists and dicts of them, rendered HTML. Never pages, settings, snippets or images: pickled, they
would carry whatever a view attached to them and break when the models change under a running release."""

import datetime
import decimal
import uuid

import pytest
from django.core.cache import cache
from wagtail.models import Page

from projects.models import ProjectIndexPage
from stadtteil import routing

PLAIN_SCALARS = (str, int, float, decimal.Decimal, datetime.date, datetime.time, datetime.timedelta, uuid.UUID)


def non_plain(value, where):
    """The paths (`key[0]['url']`) of every value below `value` that is not plain data."""
    if value is None or isinstance(value, PLAIN_SCALARS):  # a lazy translation is none of them
        return []
    if type(value) in (list, tuple, set, frozenset):
        return [found for index, item in enumerate(value) for found in non_plain(item, f"{where}[{index}]")]
    if type(value) is dict:
        return [
            found
            for key, item in value.items()
            for found in [*non_plain(key, f"{where} key {key!r}"), *non_plain(item, f"{where}[{key!r}]")]
        ]
    return [f"{where}: {type(value).__module__}.{type(value).__qualname__}"]


@pytest.fixture
def stored(monkeypatch):
    """Every shared_data entry written to the cache, by key."""
    stored = {}
    set_one, set_many = cache.set, cache.set_many

    def record(data):
        stored.update({key: value for key, value in data.items() if key.startswith("pagedata:")})

    def recording_set(key, value, *args, **kwargs):
        record({key: value})
        return set_one(key, value, *args, **kwargs)

    def recording_set_many(data, *args, **kwargs):
        record(data)
        return set_many(data, *args, **kwargs)

    monkeypatch.setattr(cache, "set", recording_set)
    monkeypatch.setattr(cache, "set_many", recording_set_many)
    return stored


def main_urls():
    """One live page of each type in each language, the measures' plan, timeline and map, and a missing page."""
    urls = []
    for language in ("de", "en"):
        pages = Page.objects.live().filter(locale__language_code=language, depth__gt=1).specific()
        seen = set()
        for page in pages.order_by("path"):
            if type(page) not in seen:
                seen.add(type(page))
                urls.append(page.url)
        index = ProjectIndexPage.objects.live().get(locale__language_code=language)
        urls += [routing.url(index, name) for name in ("plan", "timeline", "map")]
        urls.append(f"/{language}/gibt-es-nicht/")
    return urls


def test_everything_kept_in_shared_data_is_plain(client, demo, settings, stored):
    settings.PAGE_CACHE_ENABLED = False  # every page rendered, so every piece of frame data computed
    urls = main_urls()
    for url in urls:
        assert client.get(url).status_code in (200, 404), url
    # The frame of both languages and the measures' rows were kept (the test sees what it checks).
    assert len(urls) > 20
    assert any(":home_pages" in key for key in stored)
    assert any(":site_texts:en" in key for key in stored)
    assert any(":funding_logos:de" in key for key in stored)
    assert any(":measures:" in key for key in stored)
    problems = [found for key, value in stored.items() for found in non_plain(value, key.split(":", 5)[-1])]
    assert problems == []


def test_the_check_finds_pages_and_models(demo):
    home = demo["de_home"]
    assert non_plain({"de": home}, "home_pages") == ["home_pages['de']: home.models.HomePage"]
    assert non_plain([("Start", "/de/", 3)], "menu") == []


def test_a_preview_keeps_nothing_for_visitors(rf):
    """Wagtail's preview renders an editor's draft through the same views: what it computes is not kept."""
    from stadtteil.page_cache import shared_data

    preview = rf.get("/")
    preview.is_preview = True
    assert shared_data(preview, "teaser", lambda: "draft") == "draft"
    assert shared_data(rf.get("/"), "teaser", lambda: "published") == "published"
    assert shared_data(rf.get("/"), "teaser", lambda: "recomputed") == "published"
