"""What every map of the site shares: the tile service (places/map.js loads it only after consent) and the GeoJSON
its layers read (measures, directory, funded projects, contributions)."""

import json

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _


# Map tiles: any XYZ tile service. Default OpenStreetMap; a public-sector alternative is basemap.de of the
# Bundesamt für Kartographie und Geodäsie (BKG), e.g.
#   PROJECTS_MAP_TILE_URL = "https://sgx.geodatenzentrum.de/wmts_basemapde/tile/1.0.0/de_basemapde_web_raster_farbe/default/GLOBAL_WEBMERCATOR/{z}/{y}/{x}.png"
#   PROJECTS_MAP_ATTRIBUTION = '&copy; <a href="https://basemap.de">basemap.de</a> / BKG'
# (set them in the environment; the Content-Security-Policy then allows that tile host).
def tile_settings():
    """Context for a map's data-tile-url and data-attribution and for the consent notice (map_consent.html)."""
    # PROJECTS_MAP_TILE_URL / PROJECTS_MAP_ATTRIBUTION come from the environment (stadtteil/settings/base.py),
    # which also allows the tile host in the Content-Security-Policy. The default attribution is in the page's
    # language ("contributors" / "Mitwirkende").
    attribution = settings.PROJECTS_MAP_ATTRIBUTION or _(
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    )
    return {"tile_url": settings.PROJECTS_MAP_TILE_URL, "attribution": attribution}


def _coordinates(item):
    return item.latitude, item.longitude


def feature_collection(items, properties, coordinates=_coordinates):
    """A GeoJSON (RFC 7946) FeatureCollection of point features, one for each item that has both coordinates.

    `properties(item)` gives a feature's properties; `coordinates(item)` its (latitude, longitude), by default the
    item's attributes of those names (places.models.Point).
    """
    features = []
    for item in items:
        latitude, longitude = coordinates(item)
        if latitude is None or longitude is None:
            continue
        features.append(
            {
                "type": "Feature",
                # GeoJSON orders coordinates longitude, latitude.
                "geometry": {"type": "Point", "coordinates": [float(longitude), float(latitude)]},
                "properties": properties(item),
            }
        )
    return {"type": "FeatureCollection", "features": features}


def geojson_response(collection):
    return HttpResponse(json.dumps(collection, ensure_ascii=False), content_type="application/geo+json; charset=utf-8")
