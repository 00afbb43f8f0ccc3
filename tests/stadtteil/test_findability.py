"""What search engines, social apps, feed readers and phones read of the site: descriptions, previews, icons,
and conditional GET (304) for everything that is polled."""

import json
import re

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup

from documents.models import SearchPage
from home.models import HomePage
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from projects.models import ProjectIndexPage, ProjectPage
from stadtteil import routing
from tests.conftest import demo_page, demo_url
from tests.pages import NOT_FOUND_URLS, PAGE_URLS

SITE_NAMES = {"de": "Stadtteilprojekt Heeren-Werve", "en": "Heeren-Werve district project"}
# Two sentences run together ("…förderung.Beispielinhalt…") when rich text loses its paragraph breaks.
RUN_TOGETHER = re.compile(r"[a-zäöüß][.!?][A-ZÄÖÜ]")


def meta_tags(html):
    page = BeautifulSoup(html, "html.parser")
    tags = {}
    for tag in page.select("meta[content]"):
        key = tag.get("property") or tag.get("name")
        tags.setdefault(key, tag["content"])
    return page, tags


@pytest.mark.parametrize("url", [url for url in PAGE_URLS if url not in NOT_FOUND_URLS])
def test_every_page_type_has_a_description_a_preview_and_a_clean_title(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    page, meta = meta_tags(response.content.decode())
    language = "en" if url.startswith("/en/") else "de"
    description = meta.get("description", "")
    assert description and description != "None", url
    assert "None" not in description.split()
    assert not RUN_TOGETHER.search(description), description
    assert len(description) <= 160
    assert meta["og:description"] == description
    assert meta["og:image"].startswith("http://testserver/media/images/"), url
    assert meta["og:site_name"] == SITE_NAMES[language]
    assert meta["og:locale"] == {"de": "de_DE", "en": "en_GB"}[language]
    assert meta["og:url"].startswith("http://testserver/")
    assert meta["twitter:card"] == "summary_large_image"
    title = page.title.get_text()
    assert title.count(SITE_NAMES[language]) == 1, title


def test_home_page_title_is_the_site_name_once(client, demo):
    _, meta = meta_tags(client.get(demo_url(HomePage)).content.decode())
    page = BeautifulSoup(client.get(demo_url(HomePage)).content, "html.parser")
    assert page.title.get_text() == "Stadtteilprojekt Heeren-Werve"
    assert meta["og:locale:alternate"] == "en_GB"


def test_measure_page_description_is_its_summary(client, demo):
    measure = demo_page(ProjectPage, "neue-mitte")
    _, meta = meta_tags(client.get(measure.url).content.decode())
    assert meta["description"].startswith(measure.summary[:60])
    measure.search_description = "Der neue Platz zwischen den Ufern."
    measure.save_revision().publish()
    _, meta = meta_tags(client.get(measure.url).content.decode())
    assert meta["description"] == "Der neue Platz zwischen den Ufern."


def test_directory_entry_has_its_own_description_and_title(client, demo):
    from directory.models import DirectoryEntry, DirectoryPage

    entry = DirectoryEntry.objects.filter(locale=demo["de"], approved=True).exclude(description="").first()
    directory = DirectoryPage.objects.live().get(locale=demo["de"])
    response = client.get(directory.entry_url(entry, None))
    page, meta = meta_tags(response.content.decode())
    assert page.title.get_text().startswith(entry.name)
    assert meta["description"].startswith(entry.description[:40])


def test_favicon_touch_icon_and_manifest_are_served(client, demo):
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 200
    assert b"".join(favicon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # the ICO signature
    page = BeautifulSoup(client.get(demo_url(HomePage)).content, "html.parser")
    touch = page.select_one('link[rel="apple-touch-icon"]')["href"]
    assert client.get(touch).status_code == 200
    assert page.select_one('link[rel="manifest"]')["href"] == "/manifest.webmanifest"
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["name"] == "Stadtteilprojekt Heeren-Werve"
    assert manifest["lang"] == "de"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


# What feed readers, calendars and open-data users poll: the URL of each, from the pages.
POLLED = {
    "rss": lambda: routing.url(demo_page(NewsIndexPage), "rss_feed"),
    "atom-en": lambda: routing.url(demo_page(NewsIndexPage, lang="en"), "atom_feed"),
    "ics": lambda: demo_url(EventIndexPage) + "kalender.ics",
    "ics-en": lambda: demo_url(EventIndexPage, lang="en") + "calendar.ics",
    "json": lambda: routing.url(demo_page(ProjectIndexPage), "data_json"),
    "geojson-en": lambda: routing.url(demo_page(ProjectIndexPage, lang="en"), "data_geojson"),
    "csv": lambda: routing.url(demo_page(ProjectIndexPage), "data_csv"),
    "sitemap": lambda: "/sitemap.xml",
}


@pytest.mark.parametrize("name", POLLED)
def test_polled_files_answer_304_when_unchanged(client, demo, name):
    polled = POLLED[name]()
    first = client.get(polled)
    assert first.status_code == 200
    etag = first["ETag"]
    again = client.get(polled, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    # Unchanged content keeps its ETag (no time of the request inside the file).
    assert client.get(polled)["ETag"] == etag
    if first.has_header("Last-Modified"):
        since = client.get(polled, headers={"if-modified-since": first["Last-Modified"]})
        assert since.status_code == 304


@pytest.mark.parametrize("name", ["rss", "ics", "json"])
def test_polled_files_have_a_last_modified_date(client, demo, name):
    assert client.get(POLLED[name]()).has_header("Last-Modified")


def test_feed_reader_gets_new_content_after_publishing(client, demo):
    feed = routing.url(demo_page(NewsIndexPage), "rss_feed")
    first = client.get(feed)
    parsed = feedparser.parse(first.content)
    assert not parsed.bozo
    item = NewsPage.objects.live().filter(locale=demo["de"]).first()
    item.title = "Neuer Titel für den Feed"
    item.save_revision().publish()
    second = client.get(feed, headers={"if-none-match": first["ETag"]})
    assert second.status_code == 200
    assert "Neuer Titel für den Feed" in [entry.title for entry in feedparser.parse(second.content).entries]


def test_calendar_dtstamp_does_not_change_between_requests(client, demo):
    calendar = POLLED["ics"]()
    first = icalendar.Calendar.from_ical(client.get(calendar).content)
    second = icalendar.Calendar.from_ical(client.get(calendar).content)
    stamps = [str(event["DTSTAMP"].to_ical()) for event in first.walk("VEVENT")]
    assert stamps == [str(event["DTSTAMP"].to_ical()) for event in second.walk("VEVENT")]


SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap_entries(client):
    from defusedxml import ElementTree

    root = ElementTree.fromstring(client.get("/sitemap.xml").content)
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    entries = {}
    for url in root.findall("s:url", SITEMAP_NS):
        loc = url.findtext("s:loc", namespaces=SITEMAP_NS)
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", SITEMAP_NS)}
        entries[loc] = {"lastmod": url.findtext("s:lastmod", namespaces=SITEMAP_NS), "alternates": alternates}
    return entries


def test_sitemap_lists_every_public_page_and_entry_with_alternates(client, demo):  # the sitemap's very paths
    from directory.models import DirectoryEntry, DirectoryPage

    entries = sitemap_entries(client)
    base = "http://testserver"
    # sitemaps.org rules: absolute locations on this host, at most 50,000, each once, with a W3C date.
    assert len(entries) < 50000
    for loc, entry in entries.items():
        assert loc.startswith(base + "/"), loc
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}(T[\d:.]+([+-]\d{2}:\d{2}|Z))?", entry["lastmod"] or ""), loc
    # Pages, sub-views, year archives and directory entries in both languages.
    for path in ["/de/", "/en/", "/de/massnahmen/plan/zeitplan/", "/en/measures/map/", "/de/aktuelles/2025/"]:
        assert base + path in entries, path
    directory = DirectoryPage.objects.live().get(locale=demo["de"])
    approved = DirectoryEntry.objects.filter(locale=demo["de"], approved=True)
    for entry in approved:
        assert base + directory.entry_url(entry) in entries
    assert not DirectoryEntry.objects.filter(approved=False).exists() or all(
        base + directory.entry_url(entry) not in entries for entry in DirectoryEntry.objects.filter(approved=False)
    )
    # No page marked noindex: the newsletter and search pages.
    for path in ["/de/newsletter/", "/en/newsletter/", "/de/suche/", "/en/search/"]:
        assert base + path not in entries
    # Every translated page names each language version and x-default (the German one), both ways round.
    home = entries[base + "/de/"]["alternates"]
    assert home == {"de": base + "/de/", "en": base + "/en/", "x-default": base + "/de/"}
    assert entries[base + "/en/"]["alternates"] == home
    timeline = entries[base + "/en/measures/plan/timeline/"]["alternates"]
    assert timeline["de"] == base + "/de/massnahmen/plan/zeitplan/"
    with_alternates = [loc for loc, entry in entries.items() if entry["alternates"]]
    assert len(with_alternates) > len(entries) * 0.8
    for loc in with_alternates:
        alternates = entries[loc]["alternates"]
        assert loc in alternates.values()
        for href in alternates.values():
            assert entries[href]["alternates"] == alternates


def test_language_switch_keeps_filters_search_and_page(client, demo):
    from projects.models import FieldOfAction

    field = FieldOfAction.objects.filter(locale=demo["de"]).order_by("sort_order").first()
    english = FieldOfAction.objects.get(locale=demo["en"], translation_key=field.translation_key)
    # The switcher's links are the point: written out; the pages asked for come from the page objects.
    measures = f"{demo_url(ProjectIndexPage)}?field={field.pk}&status=abgeschlossen"
    page = BeautifulSoup(client.get(measures).content, "html.parser")
    link = page.select_one('.language-switcher a[hreflang="en"]')["href"]
    assert link == f"/en/measures/?field={field.pk}&status=abgeschlossen"
    hreflang = page.select_one('link[rel="alternate"][hreflang="en"]')["href"]
    assert hreflang == "http://testserver" + link
    # The English list understands the German field's id: the same measures, filtered.
    german_count = page.select_one("[aria-live]").get_text(" ", strip=True)
    english_page = BeautifulSoup(client.get(link).content, "html.parser")
    selected = english_page.select_one('select[name="field"] option[selected]')
    assert selected is not None and selected["value"] == str(english.pk)
    assert [c for c in german_count if c.isdigit()] == [
        c for c in english_page.select_one("[aria-live]").get_text(" ", strip=True) if c.isdigit()
    ]
    search = BeautifulSoup(client.get(demo_url(SearchPage) + "?q=Spielplatz").content, "html.parser")
    assert search.select_one('.language-switcher a[hreflang="en"]')["href"] == "/en/search/?q=Spielplatz"
    news = BeautifulSoup(client.get(demo_url(NewsIndexPage) + "?page=2").content, "html.parser")
    assert news.select_one('.language-switcher a[hreflang="en"]')["href"] == "/en/news/?page=2"


def structured_data(client, path):
    import extruct

    response = client.get(path)
    assert response.status_code == 200
    data = extruct.extract(response.content.decode(), base_url="http://testserver" + path, syntaxes=["json-ld"])
    return {item["@type"]: item for item in data["json-ld"]}


def test_news_article_has_what_google_recommends(client, demo):
    article = structured_data(client, demo_url(NewsPage, "stadtteilbuero-eroeffnet"))["NewsArticle"]
    for key in ("headline", "datePublished", "dateModified", "image", "author", "publisher"):
        assert article.get(key), key
    assert article["author"]["url"] == "http://testserver" + demo_url(HomePage)
    assert article["author"]["name"] == "Stadtteilprojekt Heeren-Werve"
    assert all(image.startswith("http://testserver/media/images/") for image in article["image"])


def test_event_has_what_google_recommends(client, demo):
    event = structured_data(client, demo_url(EventPage, "infoabend-spielplatz-rosenstrasse"))["Event"]
    for key in ("name", "startDate", "endDate", "location", "description", "eventStatus", "eventAttendanceMode"):
        assert event.get(key), key
    assert event["image"][0].startswith("http://testserver/media/images/")  # the site's image when it has none
    assert event["organizer"] == {
        "@type": "Organization",
        "name": "Stadt Kamen, Planung und Bauen",
        "url": "https://www.kamen.de/",
    }
    offer = event["offers"]
    for key in ("url", "price", "priceCurrency", "availability", "validFrom"):
        assert key in offer, key
    assert offer["availability"] == "https://schema.org/InStock"


def test_directory_entries_are_places_or_organisations_with_a_location(client, demo):
    from directory.models import DirectoryEntry, DirectoryPage

    directory = DirectoryPage.objects.live().get(locale=demo["de"])
    seen = set()
    for entry in DirectoryEntry.objects.filter(locale=demo["de"], approved=True, latitude__isnull=False):
        (kind, item), *_ = structured_data(client, directory.entry_url(entry)).items()
        seen.add(kind)
        assert item["name"] == entry.name
        if kind == "Organization":
            # schema.org has no `geo` on organisations: their place carries it.
            assert "geo" not in item
            assert item["location"]["@type"] == "Place"
            assert item["location"]["geo"]["latitude"] == float(entry.latitude)
            assert item["location"]["address"]["streetAddress"] == entry.street
        else:
            assert item["geo"]["latitude"] == float(entry.latitude)
            assert item["address"]["streetAddress"] == entry.street
    assert "Organization" in seen and len(seen) > 1
