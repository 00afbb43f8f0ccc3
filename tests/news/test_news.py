import datetime
import json

import feedparser
import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from home.models import HomePage, StandardPage
from news.models import EventIndexPage, NewsIndexPage, NewsPage
from stadtteil import routing
from tests.conftest import demo_page, demo_url

from .conftest import soup


def listing_titles(page):
    return [h.get_text(strip=True) for h in page.select(".news-list .card__title")]


# --- Listing, ordering, pagination ---


@pytest.mark.parametrize(
    ("lang", "heading", "first"),
    [
        ("de", "Aktuelles", "Lebendiger Adventskalender 2026: Türen gesucht"),
        ("en", "News", "Living advent calendar 2026: doors wanted"),
    ],
)
def test_listing_newest_first_in_both_languages(client, demo, lang, heading, first):
    page = soup(client.get(demo_url(NewsIndexPage, lang=lang)))
    assert page.h1.get_text(strip=True) == heading
    titles = listing_titles(page)
    assert titles[0] == first
    dates = [t["datetime"] for t in page.select(".news-list time")]
    assert dates == sorted(dates, reverse=True)
    assert len(titles) == 10


def test_pagination_links_are_accessible_and_keep_filters(client, news_index):
    page = soup(client.get(f"{news_index.url}?page=2"))
    nav = page.select_one("nav.pagination")
    assert nav["aria-label"] == "Seiten"
    assert nav.select_one("[aria-current=page]").get_text(" ", strip=True) == "Seite 2"
    assert nav.select_one("a[rel=prev]")["href"] == "?page=1"
    assert len(listing_titles(page)) == 4  # 14 demo items, 10 per page
    assert "Heeren-Werve im Förderprogramm" in listing_titles(page)[-1]
    filtered = soup(client.get(f"{news_index.url}?category=bauen&page=1"))
    hrefs = [a["href"] for a in filtered.select("nav.pagination a")]
    assert hrefs == [] or all("category=bauen" in href for href in hrefs)


@pytest.mark.parametrize(("param", "expected_page"), [("abc", 1), ("99999", 2), ("-1", 2), ("0", 2), ("", 1)])
def test_bad_page_numbers_never_fail(client, news_index, param, expected_page):
    response = client.get(f"{news_index.url}?page={param}")
    assert response.status_code == 200
    assert response.context["news_page"].number == expected_page


# --- Filters and archive ---


def test_filter_by_category_in_german(client, news_index):
    page = soup(client.get(f"{news_index.url}?category=verfuegungsfonds"))
    titles = listing_titles(page)
    assert "Ein öffentlicher Bücherschrank für Heeren-Werve" in titles
    assert "Der Luisenpark ist neu gestaltet" not in titles
    assert len(titles) == 4
    assert page.select_one("#news-filter-category option[selected]")["value"] == "verfuegungsfonds"


def test_filter_by_category_in_english_uses_english_slug_and_names(client, demo):
    page = soup(client.get(f"{demo_url(NewsIndexPage, lang='en')}?category=neighbourhood-fund"))
    titles = listing_titles(page)
    assert "A public bookcase for Heeren-Werve" in titles
    assert len(titles) == 4
    # English pages link German categories (wagtail-localize synchronises the rows); names are localized.
    metas = " ".join(m.get_text() for m in page.select(".news-list .card__meta"))
    assert "Neighbourhood fund" in metas
    assert "Verfügungsfonds" not in metas
    options = [o.get_text() for o in page.select("#news-filter-category option")]
    assert "Building and design" in options and "Bauen und Gestalten" not in options


def test_filter_by_year_and_category_combined(client, news_index):
    page = soup(client.get(f"{news_index.url}?year=2017"))
    assert listing_titles(page) == [
        "Wettbewerb für die Neue Mitte entschieden",
        "Das Stadtteilbüro in der Mittelstraße 14 ist eröffnet",
    ]
    page = soup(client.get(f"{news_index.url}?year=2017&category=beteiligung"))
    assert listing_titles(page) == ["Wettbewerb für die Neue Mitte entschieden"]


@pytest.mark.parametrize("query", ["?year=abcd", "?category=gibt-es-nicht", "?year=99999", "?category=%00"])
def test_unknown_filters_show_everything(client, news_index, query):
    response = client.get(f"{news_index.url}{query}")
    assert response.status_code == 200
    assert response.context["news_page"].paginator.count == 14


def test_archive_by_year_in_both_languages(client, news_index):
    page = soup(client.get(routing.url(news_index, "year", kwargs={"year": 2024})))
    assert page.h1.get_text(strip=True) == "Nachrichten aus dem Jahr 2024"
    assert len(listing_titles(page)) == 2
    assert page.select_one('link[hreflang="en"]')["href"] == "http://testserver/en/news/2024/"
    archive = {a.get_text(): a["href"] for a in page.select(".news-archive a")}
    assert archive["2016"] == routing.url(news_index, "year", kwargs={"year": 2016})
    assert page.select_one(".news-archive a[aria-current]").get_text() == "2024"
    page = soup(client.get(routing.url(demo_page(NewsIndexPage, lang="en"), "year", kwargs={"year": 2024})))
    assert page.h1.get_text(strip=True) == "News from 2024"
    assert "The district office says thank you" in listing_titles(page)
    assert client.get(f"{news_index.url}1999/").status_code == 404
    assert client.get(f"{news_index.url}20x4/").status_code == 404


# --- News page ---


def json_ld(page):
    scripts = page.select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_news_page_json_ld_open_graph_and_canonical(client, demo):
    page = soup(client.get(demo_url(NewsPage, "neue-mitte-fertiggestellt")))
    data = json_ld(page)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Die Neue Mitte ist fertig"
    assert data["datePublished"].startswith("2022-09-01T00:00:00+02:00")
    assert data["inLanguage"] == "de"
    assert data["image"][0].startswith("http://testserver/media/")
    assert data["articleSection"] == ["Bauen und Gestalten"]
    canonical = page.select_one('link[rel="canonical"]')["href"]
    assert canonical == "http://testserver/de/aktuelles/neue-mitte-fertiggestellt/" == data["url"]
    meta = {m.get("property") or m.get("name"): m["content"] for m in page.select("meta[content]")}
    assert meta["og:type"] == "article"
    assert meta["og:url"] == canonical
    assert meta["og:image"] == data["image"][0]
    assert meta["og:locale"] == "de_DE"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == data["image"][0]
    assert meta["description"].startswith("Der neue Platz an der Märkischen Straße")
    # No inline JavaScript: the only inline script is the JSON-LD data block (scripts with src are the site's own
    # files, e.g. the phone menu).
    assert [s.get("type") for s in page.select("script:not([src])")] == ["application/ld+json"]


def test_json_ld_escapes_html(client, demo):
    item = NewsPage.objects.get(slug="blumenampeln", locale=demo["de"])
    item.title = "</script><script>alert(1)</script>"
    item.save_revision().publish()
    html = client.get(item.url).content.decode()
    assert "</script><script>alert(1)" not in html
    assert json_ld(soup(client.get(item.url)))["headline"] == item.title


def test_english_news_page_localizes_categories_and_more_news(client, demo):
    page = soup(client.get(demo_url(NewsPage, "oeffentlicher-buecherschrank", "en")))
    assert page.h1.get_text() == "A public bookcase for Heeren-Werve"
    meta = page.select_one(".news-article__meta").get_text()
    assert "Neighbourhood fund" in meta and "Community life" in meta
    assert "Verfügungsfonds" not in meta
    link = page.select_one(".news-article__meta a")
    assert link["href"].startswith(f"{demo_url(NewsIndexPage, lang='en')}?category=")
    data = json_ld(page)
    assert data["inLanguage"] == "en"
    assert "Neighbourhood fund" in data["articleSection"]
    more = [h.get_text(strip=True) for h in page.select(".more-news .card__title")]
    assert len(more) == 3
    assert "A public bookcase for Heeren-Werve" not in more
    assert more[0] == "Living advent calendar 2026: doors wanted"


def test_contact_person_is_shown_when_given(client, demo):
    page = soup(client.get(demo_url(NewsPage, "stadtteilbuero-eroeffnet")))
    contact = page.select_one(".news-contact")
    assert "stadtteilprojekt@example.org" in contact.get_text()
    assert soup(client.get(demo_url(NewsPage, "neue-mitte-fertiggestellt"))).select_one(".news-contact") is None


def test_notification_hooks_for_subscriptions(demo):
    # A news item without related measures or fields (those add field topics: see tests/integration).
    item = NewsPage.objects.filter(locale=demo["de"], field_links=None, measure_links=None).first()
    assert item.get_notification_topics() == {"news"}
    assert item.no_notification is False
    assert "no_notification" in [getattr(panel, "field_name", None) for panel in NewsPage.promote_panels]


# --- Feeds ---


@pytest.mark.parametrize(
    ("lang", "feed", "version", "title"),
    [
        ("de", "rss_feed", "rss20", "Lebendiger Adventskalender 2026: Türen gesucht"),
        ("de", "atom_feed", "atom10", "Lebendiger Adventskalender 2026: Türen gesucht"),
        ("en", "rss_feed", "rss20", "Living advent calendar 2026: doors wanted"),
        ("en", "atom_feed", "atom10", "Living advent calendar 2026: doors wanted"),
    ],
)
def test_feeds_parse_cleanly(client, demo, lang, feed, version, title):
    index = demo_page(NewsIndexPage, lang=lang)
    link = index.url
    response = client.get(routing.url(index, feed))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/" + ("rss" if version == "rss20" else "atom"))
    feed = feedparser.parse(response.content)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == version
    assert feed.feed.link == "http://testserver" + link
    assert len(feed.entries) == 14
    entry = feed.entries[0]
    assert entry.title == title
    assert entry.link.startswith("http://testserver" + link)
    assert entry.published_parsed[:3] == (2026, 11, 11)  # midnight in Berlin is 23:00 UTC the day before
    assert entry.summary
    assert entry.tags
    published = [e.published_parsed for e in feed.entries]
    assert published == sorted(published, reverse=True)


@pytest.mark.parametrize(
    ("model", "slug", "lang", "rss"),
    [
        (HomePage, None, "de", "http://testserver/de/aktuelles/feed/"),
        (HomePage, None, "en", "http://testserver/en/news/feed/"),
        (StandardPage, "ueber-das-projekt", "en", "http://testserver/en/news/feed/"),
        (EventIndexPage, None, "de", "http://testserver/de/aktuelles/feed/"),
    ],
)
def test_every_page_links_the_feeds_of_its_language(client, demo, model, slug, lang, rss):
    # The feed and calendar addresses are what this test checks; the page is any page of the language.
    page = soup(client.get(demo_url(model, slug, lang)))
    assert page.head.select_one('link[type="application/rss+xml"]')["href"] == rss
    assert page.head.select_one('link[type="application/atom+xml"]')["href"] == rss + "atom/"
    calendar = page.head.select_one('link[type="text/calendar"]')["href"]
    assert calendar.endswith("/termine/kalender.ics" if lang == "de" else "/events/calendar.ics")


# --- Scheduled publishing ---


def test_scheduled_news_is_invisible_until_it_goes_live(client, demo, news_index, admin_user):
    item = NewsPage(title="Geheime Zukunftsnachricht", slug="zukunft", teaser="Noch nicht", locale=demo["de"])
    news_index.add_child(instance=item)
    item.live = False
    item.save()
    item.go_live_at = timezone.now() + datetime.timedelta(days=2)
    revision = item.save_revision(user=admin_user)
    revision.publish(user=admin_user)
    item.refresh_from_db()
    assert not item.live
    feed = routing.url(news_index, "rss_feed")
    assert "Geheime Zukunftsnachricht" not in client.get(news_index.url).content.decode()
    assert "Geheime Zukunftsnachricht" not in client.get(feed).content.decode()
    assert "Geheime Zukunftsnachricht" not in client.get(demo_url(HomePage)).content.decode()
    assert client.get(item.url).status_code == 404

    # When the time has come (moved here into the past), Wagtail's publish_scheduled command publishes it.
    revision.refresh_from_db()
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    call_command("publish_scheduled")
    item.refresh_from_db()
    assert item.live
    assert client.get(item.url).status_code == 200
    assert "Geheime Zukunftsnachricht" in client.get(feed).content.decode()


# --- Home page ---


@pytest.mark.parametrize(
    ("lang", "heading", "title"),
    [
        ("de", "Neuigkeiten", "Lebendiger Adventskalender 2026: Türen gesucht"),
        ("en", "Latest news", "Living advent calendar 2026: doors wanted"),
    ],
)
def test_home_page_shows_latest_news(client, demo, lang, heading, title):
    page = soup(client.get(demo_url(HomePage, lang=lang)))
    section = page.select_one(".news-home")
    assert section.h2.get_text() == heading
    titles = [h.get_text(strip=True) for h in section.select(".card__title")]
    assert titles[0] == title and len(titles) == 3


# --- Query budgets ---


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("suffix", ["", "?page=2", "?category=bauen", "2020/", "feed/", "feed/atom/"])
def test_listing_and_feed_queries_do_not_grow(client, demo, make_news, django_assert_max_num_queries, count, suffix):
    url = make_news(count).url + suffix
    assert client.get(url).status_code == 200  # creates the image renditions once
    # Same budget for 5 and for 50 items (measured: 37 for listings, 14 for feeds; a little slack).
    with django_assert_max_num_queries(16 if "feed" in suffix else 39):
        response = client.get(url)
    assert response.status_code == 200
    if suffix in ("", "2020/") and count == 50:
        assert len(response.context["news_page"].object_list) == 10


@pytest.mark.parametrize("count", [5, 50])
def test_news_page_queries_do_not_grow(client, demo, make_news, django_assert_max_num_queries, count):
    url = make_news(count).get_children().get(slug="testnachricht-002").url
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(42):  # measured 40, with 5 and with 50 siblings
        assert client.get(url).status_code == 200


def test_private_news_stay_out_of_listings_and_feeds(client, demo):
    from wagtail.models import PageViewRestriction

    item = NewsPage.objects.get(slug="blumenampeln", locale=demo["de"])
    PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.LOGIN)
    index = demo_page(NewsIndexPage)
    assert "Blumenampeln schmücken" not in client.get(index.url).content.decode()
    assert "Blumenampeln schmücken" not in client.get(routing.url(index, "rss_feed")).content.decode()
    assert client.get(item.url).status_code == 302  # to the login


def test_json_ld_of_a_news_item_is_complete_without_rendering_the_page(rf, demo):
    """NewsPage.json_ld finds what it shows itself: the categories in the page's language and the image."""
    page = NewsPage.objects.get(slug="public-bookcase", locale=demo["en"])
    with translation.override("en"):
        data = page.json_ld(rf.get(page.url))
    assert data["headline"] == "A public bookcase for Heeren-Werve"
    assert "Neighbourhood fund" in data["articleSection"]
    assert data["image"][0].startswith("http")
