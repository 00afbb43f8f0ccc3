"""Conditional GET for feeds, calendars and open data: pollers get `304 Not Modified` instead of the whole file.

Django's ConditionalGetMiddleware (settings) adds an ETag to every response and answers If-None-Match and, where
a view sets Last-Modified, If-Modified-Since. Views whose content has a natural modification time set it here.
"""

from django.utils.http import http_date


def last_modified(response, moment):
    """Set Last-Modified from a datetime (None leaves the response without one)."""
    if moment is not None:
        response.headers["Last-Modified"] = http_date(moment.timestamp())
    return response


def newest(values):
    """The newest of some datetimes (None ignored), or None."""
    values = [value for value in values if value is not None]
    return max(values) if values else None
