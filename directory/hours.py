"""Opening hours: periods of (weekday, opens, closes); a period whose closing time is not after its opening time
runs past midnight into the next day. "Open now" is always judged in Europe/Berlin."""

from datetime import time
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def is_open(periods, now):
    """True when `now` (an aware datetime) falls into one of the periods [(weekday 0=Monday, opens, closes)]."""
    local = now.astimezone(BERLIN)
    day, moment = local.weekday(), local.time().replace(tzinfo=None)
    yesterday = (day - 1) % 7
    for weekday, opens, closes in periods:
        if closes > opens:
            if weekday == day and opens <= moment < closes:
                return True
        else:  # past midnight (closes == opens: around the clock)
            if weekday == day and moment >= opens:
                return True
            if weekday == yesterday and moment < closes:
                return True
    return False


def schema_hours(periods):
    """schema.org OpeningHoursSpecification entries."""
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[weekday]}",
            "opens": opens.strftime("%H:%M"),
            "closes": closes.strftime("%H:%M") if closes != time(0) else "23:59",
        }
        for weekday, opens, closes in periods
    ]
