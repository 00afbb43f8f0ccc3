"""The shared place/map layer: the point rule of every model with coordinates, the GeoJSON builder, tile settings,
money formatting, and the one map loader the pages use."""

import json
import re
from decimal import Decimal
from operator import itemgetter
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import translation

from directory.models import DirectoryEntry, DirectoryPage
from fund.models import Application, FundPage
from participation.models import Contribution, ParticipationPage
from places.formatting import format_euro
from places.maps import feature_collection, geojson_response, tile_settings
from places.models import Point, point_errors
from projects.models import ProjectIndexPage, ProjectPage
from stadtteil.routing import url
from tests.conftest import demo_page, demo_url
from tests.factories import ContributionFactory

BOTH = {
    "de": "Geben Sie Breiten- und Längengrad an oder keinen von beiden.",
    "en": "Enter both latitude and longitude, or neither.",
}


# --- the point rule -----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("latitude", "longitude", "expected"),
    [
        (None, None, {}),
        (Decimal("51.583500"), Decimal("7.700500"), {}),
        (Decimal("-90"), Decimal("180"), {}),  # the edges are points on earth
        (Decimal("51.58"), None, {"longitude": "Geben Sie Breiten- und Längengrad an oder keinen von beiden."}),
        (None, Decimal("7.7"), {"latitude": "Geben Sie Breiten- und Längengrad an oder keinen von beiden."}),
        (Decimal("90.000001"), Decimal("7.7"), {"latitude": "Der Breitengrad muss zwischen -90 und 90 Grad liegen."}),
        (Decimal("51.58"), Decimal("-181"), {"longitude": "Der Längengrad muss zwischen -180 und 180 Grad liegen."}),
    ],
)
def test_point_errors_in_german(latitude, longitude, expected):
    with translation.override("de"):
        assert {field: str(message) for field, message in point_errors(latitude, longitude).items()} == expected


def test_point_errors_in_english():
    with translation.override("en"):
        assert str(point_errors(None, Decimal("7.7"))["latitude"]) == BOTH["en"]
        assert str(point_errors(Decimal("-91"), None)["latitude"]) == "The latitude must be between -90 and 90 degrees."


@pytest.mark.parametrize("model", [ProjectPage, Application, DirectoryEntry, Contribution])
def test_every_model_with_coordinates_is_a_point(model):
    assert issubclass(model, Point)
    assert {field.name for field in model._meta.fields} >= {"latitude", "longitude"}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "en"])
def test_half_a_point_is_refused_by_each_model(demo, language):
    measure = ProjectPage.objects.filter(locale=demo["de"]).exclude(latitude=None).first()
    entry = DirectoryEntry.objects.filter(locale=demo["de"]).exclude(latitude=None).first()
    measure.longitude = None
    entry.latitude = None
    records = {
        "longitude": [
            measure,
            Application(latitude=Decimal("51.58")),
            ContributionFactory.build(latitude=Decimal("51.58")),
        ],
        "latitude": [entry],
    }
    with translation.override(language):
        for field, objects in records.items():
            for obj in objects:
                with pytest.raises(ValidationError) as error:
                    obj.clean()
                assert error.value.message_dict[field] == [BOTH[language]], type(obj).__name__


@pytest.mark.django_db
def test_measure_reports_its_place_with_its_other_errors(demo):
    """The editor sees every problem of the form at once, the location's among them."""
    measure = ProjectPage.objects.filter(locale=demo["de"]).first()
    measure.latitude, measure.longitude = Decimal("95"), Decimal("7.7")
    measure.spent_amount = measure.total_cost + 1
    with translation.override("de"):
        with pytest.raises(ValidationError) as error:
            measure.clean()
        # The messages are lazy: read them in the editor's language too.
        messages = error.value.message_dict
    assert messages["latitude"] == ["Der Breitengrad muss zwischen -90 und 90 Grad liegen."]
    assert messages["spent_amount"] == ["Der ausgegebene Betrag darf nicht höher sein als die Gesamtkosten."]


@pytest.mark.django_db
def test_a_whole_point_or_none_is_accepted(demo):
    ContributionFactory.build(latitude=Decimal("51.58"), longitude=Decimal("7.7")).clean()
    ContributionFactory.build().clean()
    entry = DirectoryEntry.objects.filter(locale=demo["de"]).first()
    entry.latitude = entry.longitude = None
    entry.clean()
    assert not entry.has_location


# --- GeoJSON ------------------------------------------------------------------------------------------------------
def test_feature_collection_skips_items_without_a_whole_point():
    items = [
        SimpleNamespace(name="Bücherschrank", latitude=Decimal("51.588100"), longitude=Decimal("7.706200")),
        SimpleNamespace(name="ohne Ort", latitude=None, longitude=None),
        SimpleNamespace(name="halb", latitude=Decimal("51.5"), longitude=None),
    ]
    collection = feature_collection(items, lambda item: {"title": item.name})
    assert collection == {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                # RFC 7946: longitude first, as numbers
                "geometry": {"type": "Point", "coordinates": [7.7062, 51.5881]},
                "properties": {"title": "Bücherschrank"},
            }
        ],
    }


def test_feature_collection_of_records_and_of_nothing():
    records = [{"title": "Neue Mitte", "lat": 51.58, "lng": 7.7}, {"title": "Büro", "lat": None, "lng": None}]
    collection = feature_collection(records, itemgetter("title"), itemgetter("lat", "lng"))
    assert [(f["properties"], f["geometry"]["coordinates"]) for f in collection["features"]] == [
        ("Neue Mitte", [7.7, 51.58])
    ]
    assert feature_collection([], dict) == {"type": "FeatureCollection", "features": []}


def test_geojson_response_is_utf8_geojson():
    response = geojson_response(
        feature_collection([SimpleNamespace(latitude=1, longitude=2)], lambda _: {"t": "Straße"})
    )
    assert response["Content-Type"] == "application/geo+json; charset=utf-8"
    assert "Straße".encode() in response.content  # readable, not \u-escaped
    assert json.loads(response.content)["features"][0]["geometry"]["coordinates"] == [2.0, 1.0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "route", "title"),
    [
        (ProjectIndexPage, "data_geojson", "title"),
        (DirectoryPage, "geojson", "title"),
        (FundPage, "geojson", "title"),
        (ParticipationPage, "geojson", "message"),
    ],
    ids=["measures", "directory", "fund", "participation"],
)
def test_every_map_layer_is_the_same_kind_of_geojson(client, demo, model, route, title):
    """The measures, directory, fund and participation layers all come from the one builder."""
    response = client.get(url(demo_page(model), route))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json; charset=utf-8"
    data = response.json()
    assert data["type"] == "FeatureCollection" and data["features"]
    for feature in data["features"]:
        longitude, latitude = feature["geometry"]["coordinates"]
        assert 51.5 < latitude < 51.7 and 7.6 < longitude < 7.8  # Heeren-Werve, longitude first
        assert feature["properties"][title]


# --- tiles and money -----------------------------------------------------------------------------------------------
def test_tile_settings_in_the_page_language(settings):
    settings.PROJECTS_MAP_ATTRIBUTION = ""
    with translation.override("de"):
        assert tile_settings()["attribution"].endswith("OpenStreetMap</a>-Mitwirkende")
    with translation.override("en"):
        assert tile_settings()["attribution"].endswith("OpenStreetMap</a> contributors")
    settings.PROJECTS_MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.PROJECTS_MAP_ATTRIBUTION = "© Beispiel"
    assert tile_settings() == {"tile_url": "https://tiles.example.org/{z}/{x}/{y}.png", "attribution": "© Beispiel"}


@pytest.mark.parametrize(
    ("amount", "language", "text"),
    [
        (Decimal("1234567.49"), "de", "1.234.567\u00a0€"),
        (Decimal("1234567.5"), "en", "€1,234,568"),
        (-2500, "de", "-2.500\u00a0€"),
        (None, "de", ""),
    ],
)
def test_format_euro(amount, language, text):
    assert format_euro(amount, language) == text


def test_euro_filter_follows_the_active_language():
    template = Template("{% load places_tags %}{{ amount|euro }}")
    with translation.override("en"):
        assert template.render(Context({"amount": 5000})) == "€5,000"
    with translation.override("de"):
        assert template.render(Context({"amount": 5000})) == "5.000\u00a0€"


# --- the one loader on the pages -----------------------------------------------------------------------------------
def script_sources(html):
    return re.findall(r'<script src="([^"]+)"', html)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["de", "en"])
def test_place_picker_uses_the_shared_map_loader(client, demo, language):
    html = client.get(demo_url(ParticipationPage, lang=language)).content.decode()
    sources = [re.sub(r"\.[0-9a-f]{12}\.", ".", src) for src in script_sources(html)]
    loader = sources.index("/static/places/map.js")
    assert sources.index("/static/places/vendor/leaflet-1.9.4/leaflet.js") < loader
    assert sources.index("/static/participation/place-picker.js") > loader  # the picker calls the loader
    # The consent notice stands in the picker's map until a click; no tile address is in the page.
    picker = html[html.index("data-place-picker") :]
    assert "data-map-load" in picker[: picker.index("data-place-centre")]
    assert 'src="https://tile.openstreetmap.org' not in html and "<script>" not in html
