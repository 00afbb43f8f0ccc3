import datetime
import json
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from home.models import HomePage
from news.models import EventIndexPage, EventPage
from stadtteil import routing
from tests.conftest import demo_page, demo_url

from .conftest import soup

BERLIN = ZoneInfo("Europe/Berlin")


def card_titles(page):
    return [h.get_text(strip=True) for h in page.select(".events-list .card__title")]


def parse_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    return calendar


# --- Lists ---


@pytest.mark.parametrize(
    ("lang", "heading", "expected", "unexpected"),
    [
        (
            "de",
            "Termine",
            "Infoabend: der neue Spielplatz an der Rosenstraße",
            "Tag der offenen Tür im Stadtteil",
        ),
        (
            "en",
            "Events",
            "Information evening: the new playground at Rosenstraße",
            "Open-doors day in the district",
        ),
    ],
)
def test_upcoming_events_soonest_first(client, demo, lang, heading, expected, unexpected):
    page = soup(client.get(demo_url(EventIndexPage, lang=lang)))
    assert page.h1.get_text(strip=True) == heading
    titles = card_titles(page)
    assert expected in titles
    assert not any(unexpected in title for title in titles)
    starts = [t["datetime"] for t in page.select(".events-list .event-card__when time:first-child")]
    assert starts == sorted(starts)
    assert all(datetime.datetime.fromisoformat(s) >= timezone.now() - datetime.timedelta(days=1) for s in starts)


@pytest.mark.parametrize(
    ("lang", "heading", "expected", "other_language"),
    [
        ("de", "Vergangene Termine", "Tag der offenen Tür im Stadtteil", ("en", "/en/events/past/")),
        ("en", "Past events", "Open-doors day in the district", ("de", "/de/termine/vergangene/")),
    ],
)
def test_past_events_newest_first(client, demo, lang, heading, expected, other_language):
    # The other language's address (hreflang) is part of what this test checks: a literal.
    page = soup(client.get(routing.url(demo_page(EventIndexPage, lang=lang), "past")))
    assert page.h1.get_text(strip=True) == heading
    titles = card_titles(page)
    assert any(expected in title for title in titles)
    assert not any("Infoabend" in t or "Information evening" in t for t in titles)
    starts = [t["datetime"] for t in page.select(".events-list .event-card__when time:first-child")]
    assert starts == sorted(starts, reverse=True)
    code, other_url = other_language
    assert page.select_one(f'link[hreflang="{code}"]')["href"] == "http://testserver" + other_url


def test_bad_page_numbers_on_event_lists(client, event_index):
    past = routing.url(demo_page(EventIndexPage, lang="en"), "past")
    for query in ("?page=abc", "?page=99999", "?page=-5"):
        assert client.get(event_index.url + query).status_code == 200
        assert client.get(past + query).status_code == 200


# --- Event page ---


def test_event_page_facts_and_json_ld_in_german(client, demo):
    event = EventPage.objects.get(slug="infoabend-spielplatz-rosenstrasse", locale=demo["de"])
    page = soup(client.get(event.url))
    facts = page.select_one(".event__facts").get_text(" ", strip=True)
    assert "Bürgersaal Heeren-Werve" in facts
    assert "Mittelstraße 14" in facts
    assert "Stufenloser Eingang" in facts
    assert "18:30" in facts
    assert page.select_one('a[href="https://example.org/anmeldung-spielplatz"]')
    assert page.select_one(f'a[href="{event.url}kalender.ics"]')
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["@type"] == "Event"
    assert datetime.datetime.fromisoformat(data["startDate"]) == event.start
    assert data["startDate"].endswith("+01:00")  # December in Berlin
    assert data["location"]["address"]["streetAddress"] == "Mittelstraße 14"
    assert data["location"]["address"]["addressLocality"] == "Kamen"
    assert data["organizer"]["name"] == "Stadt Kamen, Planung und Bauen"
    assert data["url"] == "http://testserver/de/termine/infoabend-spielplatz-rosenstrasse/"
    assert data["offers"]["url"] == "https://example.org/anmeldung-spielplatz"
    meta = {m.get("property") or m.get("name"): m["content"] for m in page.select("meta[content]")}
    assert meta["og:url"] == data["url"]
    # The event has no image of its own: previews show the site's fallback image (site settings).
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["og:image"].startswith("http://testserver/media/images/")
    assert meta["og:image:alt"] == "Der Platz Neue Mitte in Heeren-Werve"
    assert meta["og:site_name"] == "Stadtteilprojekt Heeren-Werve"


def test_english_event_page_shows_the_english_venue(client, demo):
    event = demo_page(EventPage, "infoabend-spielplatz-rosenstrasse", "en")
    page = soup(client.get(event.url))
    facts = page.select_one(".event__facts").get_text(" ", strip=True)
    assert "Heeren-Werve community hall (example venue)" in facts
    assert "Step-free entrance" in facts
    assert "Stufenloser" not in facts
    data = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert data["location"]["name"] == "Heeren-Werve community hall (example venue)"
    assert data["inLanguage"] == "en"
    assert page.select_one(f'a[href="{event.url}calendar.ics"]')


def test_past_event_is_marked(client, demo):
    page = soup(client.get(demo_url(EventPage, "spaziergang-bewegungspark")))
    assert "bereits stattgefunden" in page.select_one(".event__past").get_text()


def test_end_before_start_is_rejected(demo):
    event = EventPage.objects.filter(locale=demo["de"]).first()
    event.end = event.start - datetime.timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "end" in error.value.message_dict


def test_notification_hooks_for_subscriptions(demo):
    event = EventPage.objects.filter(locale=demo["de"]).first()
    assert event.get_notification_topics() == {"events"}
    assert event.no_notification is False
    assert "no_notification" in [getattr(panel, "field_name", None) for panel in EventPage.promote_panels]


# --- Calendar files ---


@pytest.mark.parametrize(
    ("lang", "file_name", "summary"),
    [
        ("de", "kalender.ics", "Infoabend: der neue Spielplatz an der Rosenstraße"),
        ("en", "calendar.ics", "Information evening: the new playground at Rosenstraße"),
        ("en", "kalender.ics", "Information evening: the new playground at Rosenstraße"),
    ],
)
def test_calendar_feed_of_upcoming_and_last_years_events(client, demo, event_index, lang, file_name, summary):
    calendar = parse_calendar(client.get(demo_url(EventIndexPage, lang=lang) + file_name))
    # Calendar apps are told how often to fetch it again.
    assert str(calendar["REFRESH-INTERVAL"].to_ical().decode()) == "PT6H"
    timezones = calendar.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Berlin"]
    events = calendar.walk("VEVENT")
    summaries = [str(e["SUMMARY"]) for e in events]
    assert summary in summaries
    # Upcoming events and those of the last twelve months: past events stay in subscribers' calendars.
    since = timezone.now() - datetime.timedelta(days=365)
    assert len(events) == event_index.events().filter(end__gte=since).count()
    assert len(events) > event_index.upcoming().count()
    older = event_index.events().filter(end__lt=since)
    assert not any(event.title in summaries for event in older)
    for event in events:
        start = event.decoded("DTSTART")
        assert start.tzinfo is not None and str(event["DTSTART"].params["TZID"]) == "Europe/Berlin"
        assert event.decoded("DTEND") > start
        assert event["UID"] and event["DTSTAMP"]
        assert str(event["URL"]).startswith("http://testserver/")
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_event_ical_file_has_correct_times_in_winter_and_summer(client, demo, event_index):
    winter = EventPage.objects.get(slug="infoabend-spielplatz-rosenstrasse", locale=demo["de"])
    response = client.get(f"{winter.url}kalender.ics")
    assert response["Content-Disposition"] == 'attachment; filename="infoabend-spielplatz-rosenstrasse.ics"'
    calendar = parse_calendar(response)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == winter.start
    assert event.decoded("DTSTART").astimezone(BERLIN).strftime("%H:%M") == "18:30"
    assert "Mittelstraße 14" in str(event["LOCATION"])
    assert b"DTSTART;TZID=Europe/Berlin:" in response.content

    summer = EventPage(
        title="Sommerfest",
        slug="sommerfest",
        teaser="Im Park",
        locale=demo["de"],
        start=datetime.datetime(2027, 7, 3, 15, 0, tzinfo=BERLIN),
        end=datetime.datetime(2027, 7, 3, 22, 0, tzinfo=BERLIN),
    )
    event_index.add_child(instance=summer)
    calendar = parse_calendar(client.get(f"{summer.url}kalender.ics"))
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == datetime.datetime(2027, 7, 3, 13, 0, tzinfo=datetime.UTC)
    assert event.decoded("DTSTART").utcoffset() == datetime.timedelta(hours=2)
    assert "DTSTART;TZID=Europe/Berlin:20270703T150000" in client.get(f"{summer.url}kalender.ics").content.decode()


def test_unknown_ics_paths_are_404(client, event_index):
    assert client.get(f"{event_index.url}nichts.ics").status_code == 404
    assert client.get("/de/gibt-es-nicht/kalender.ics").status_code == 404


# --- Home page ---


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("de", "Kommende Termine"), ("en", "Upcoming events")],
)
def test_home_page_shows_upcoming_events_after_news(client, demo, lang, heading):
    page = soup(client.get(demo_url(HomePage, lang=lang)))
    section = page.select_one(".events-home")
    assert section.h2.get_text() == heading
    assert len(section.select(".card__title")) == 3
    sections = [s["class"][1] for s in page.select("section.section")]
    assert sections.index("news-home") < sections.index("events-home")


# --- Query budgets ---


@pytest.mark.parametrize("count", [5, 50])
@pytest.mark.parametrize("suffix", ["", "?page=3", "vergangene/", "kalender.ics"])
def test_event_lists_and_calendar_queries_do_not_grow(
    client, demo, make_events, django_assert_max_num_queries, count, suffix
):
    url = make_events(count).url + suffix
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(BUDGETS[suffix]):
        response = client.get(url)
    assert response.status_code == 200
    if suffix == "kalender.ics":
        assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) == count


# Measured with 5 and with 50 events (32, 32, 30, 12), plus a little slack.
BUDGETS = {"": 34, "?page=3": 34, "vergangene/": 32, "kalender.ics": 14}


def test_json_ld_of_an_event_is_complete_without_rendering_the_page(rf, demo):
    """EventPage.json_ld finds the venue in the page's language itself."""
    event = EventPage.objects.get(slug="information-evening-rosenstrasse-playground", locale=demo["en"])
    with translation.override("en"):
        data = event.json_ld(rf.get(event.url))
    assert data["location"]["name"] == "Heeren-Werve community hall (example venue)"
    assert data["location"]["address"]["streetAddress"] == "Mittelstraße 14"
