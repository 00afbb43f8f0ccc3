"""Following: a subscriber's topics may also name one measure ("measure:<translation_key>") or an area
("area:<latitude>,<longitude>,<radius in metres>"), next to the general topics and the fields of action.

They are ordinary SubscriberTopic rows, so that the double opt-in, the preferences page and unsubscribing work for
them as for every topic. What reaches a follower: the change notes of the measure (and of measures in the area or
the field of action), new news and events about it, and official answers to contributions on it.

An area is a circle; who follows which place is personal: the admin shows "an area", never the coordinates, and
nothing of it appears in any public list or export.
"""

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from stadtteil.localization import active_language

MEASURE_PREFIX = "measure:"
FIELD_PREFIX = "field:"
AREA_PREFIX = "area:"
RADII = [(250, gettext_lazy("250 m")), (500, gettext_lazy("500 m")), (1000, gettext_lazy("1 km"))]
AREA_KEY = re.compile(r"^area:(-?\d{1,2}\.\d{1,6}),(-?\d{1,3}\.\d{1,6}),(\d{2,4})$")
EARTH_RADIUS_M = 6_371_000


def measure_key(page):
    return f"{MEASURE_PREFIX}{page.translation_key}"


def field_key(field):
    return f"{FIELD_PREFIX}{field.translation_key}"


@dataclass(frozen=True)
class Area:
    latitude: float
    longitude: float
    radius: int

    @property
    def key(self):
        return f"{AREA_PREFIX}{self.latitude:.5f},{self.longitude:.5f},{self.radius}"

    def contains(self, latitude, longitude):
        return distance_m(self.latitude, self.longitude, float(latitude), float(longitude)) <= self.radius


def make_area(latitude, longitude, radius):
    """An Area from form values, or None when they are not a place near the district with an offered radius."""
    try:
        latitude, longitude, radius = Decimal(str(latitude)), Decimal(str(longitude)), int(radius)
    except (InvalidOperation, TypeError, ValueError):
        return None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180) or radius not in dict(RADII):
        return None
    return Area(float(latitude), float(longitude), radius)


def parse_area(key):
    match = AREA_KEY.match(key or "")
    return make_area(*match.groups()) if match else None


def distance_m(lat1, lon1, lat2, lon2):
    """Great-circle distance (haversine): metres matter here, not millimetres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


# --- what a page, note or contribution is about ------------------------------------------------------------------


def measure_topics(measure):
    """The keys whose followers hear of a measure: the measure and its fields of action."""
    keys = {measure_key(measure), field_key(measure.field_of_action)}
    keys.update(field_key(field) for field in measure.further_fields.all())
    return keys


def measure_point(measure):
    return (measure.latitude, measure.longitude) if measure.has_location else None


def related_measures(page):
    """The measures a news item or event is linked to (their `measure_links`), as German source pages."""
    links = getattr(page, "measure_links", None)
    if links is None:
        return []
    return [link.measure for link in links.select_related("measure__field_of_action")]


def follower_ids(topics, points=(), language=None):
    """Confirmed subscribers (of one language, if given) following one of `topics` or an area around a point."""
    from subscriptions.models import Subscriber, SubscriberTopic

    subscribers = Subscriber.objects.confirmed()
    if language is not None:
        subscribers = subscribers.filter(language=language)
    ids = set(subscribers.filter(topics__key__in=topics).values_list("pk", flat=True)) if topics else set()
    points = [point for point in points if point is not None]
    if points:
        areas = SubscriberTopic.objects.filter(subscriber__in=subscribers, key__startswith=AREA_PREFIX)
        for subscriber_id, key in areas.values_list("subscriber_id", "key"):
            area = parse_area(key)
            if area is not None and any(area.contains(*point) for point in points):
                ids.add(subscriber_id)
    return ids


# --- labels for the preferences page and the admin ---------------------------------------------------------------


def follow_labels(keys, private=False):
    """{key: label} of the measure and area keys among `keys`, in the active language. `private=True` (the admin)
    names an area without its place."""
    from projects.models import ProjectPage

    labels = {}
    measure_keys = [key.removeprefix(MEASURE_PREFIX) for key in keys if key.startswith(MEASURE_PREFIX)]
    if measure_keys:
        language = active_language()
        titles = {}
        languages = [language, settings.LANGUAGE_CODE]
        pages = ProjectPage.objects.filter(translation_key__in=measure_keys, locale__language_code__in=languages)
        for page in pages.select_related("locale"):
            key = str(page.translation_key)
            if key not in titles or page.locale.language_code == language:
                titles[key] = page.title
        for key in measure_keys:
            labels[MEASURE_PREFIX + key] = _("Measure: %(title)s") % {"title": titles.get(key, _("(deleted)"))}
    for key in keys:
        if key.startswith(AREA_PREFIX):
            area = parse_area(key)
            if area is None or private:
                labels[key] = _("An area")
            else:
                labels[key] = _("Area: %(radius)s m around %(latitude)s, %(longitude)s") % {
                    "radius": area.radius,
                    "latitude": f"{area.latitude:.4f}",
                    "longitude": f"{area.longitude:.4f}",
                }
    return labels


def follow_choices(keys):
    """(key, label) of the followed measures and areas among `keys`, for the preferences form."""
    labels = follow_labels(keys)
    return [(key, labels[key]) for key in sorted(labels)]
