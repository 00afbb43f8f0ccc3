"""iCalendar (RFC 5545) files of events, built with the icalendar library; times in Europe/Berlin with VTIMEZONE."""

from datetime import timedelta
from zoneinfo import ZoneInfo

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event

from stadtteil import conditional
from stadtteil.site_url import absolute_url

BERLIN = ZoneInfo("Europe/Berlin")
# How often calendar apps should fetch the feed again (RFC 7986 REFRESH-INTERVAL, and Outlook's X-PUBLISHED-TTL).
REFRESH_INTERVAL = timedelta(hours=6)
PRODID = "-//Stadtteilprojekt Heeren-Werve//Termine//DE"


def build_calendar(request, events, name, uid):
    calendar = Calendar.new(prodid=PRODID, name=name, uid=uid)
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH_INTERVAL)
    now = timezone.now()
    for event in events:
        # DTSTAMP from the event's last change, not the request: an unchanged calendar is the same file (ETag).
        stamp = event.last_published_at or event.first_published_at or now
        venue = getattr(event, "localized_venue", None)
        location = ", ".join(part for part in [venue.name, venue.address] if part) if venue else ""
        if event.location_details:
            location = f"{location} ({event.location_details})" if location else event.location_details
        url = absolute_url(event.get_url(request))
        description = "\n\n".join(part for part in [event.teaser, event.organiser, url] if part)
        item = Event.new(
            uid=f"event-{event.translation_key}-{event.locale.language_code}@stadtteil-heeren-werve",
            summary=event.title,
            start=event.start.astimezone(BERLIN),
            end=event.end.astimezone(BERLIN),
            stamp=stamp,
            description=description,
            location=location or None,
            url=url,
        )
        if event.last_published_at:
            item.add("last-modified", event.last_published_at)
        calendar.add_component(item)
    # VTIMEZONE for every TZID used above (RFC 5545 §3.6.5).
    calendar.add_missing_timezones()
    return calendar


def calendar_response(request, events, name, uid, filename=None):
    calendar = build_calendar(request, events, name, uid)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    conditional.last_modified(response, conditional.newest(event.last_published_at for event in events))
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
