"""Numbers in query strings and URLs that `isdigit()` accepts but `int()` or the database do not (superscripts,
Arabic-Indic digits, year 0, huge ids) give a normal page or a 404, never a 500."""

import pytest

from news.models import NewsIndexPage
from participation.models import ParticipationPage
from stadtteil.params import parse_id, parse_int, parse_year
from stadtteil.routing import url
from tests.conftest import demo_page

HOSTILE_NUMBERS = ["0000", "²²²²", "٢٠٢٥", "99999999999999999999", "-1", "1e3", " 2025", "２０２５"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2025", 2025), ("0000", None), ("²²²²", None), ("٢٠٢٥", None), ("10000", None), ("", None), (None, None)],
)
def test_parse_year(raw, expected):
    assert parse_year(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12", 12), ("0", None), ("²", None), ("2147483648", None), ("99999999999999999999", None), ("+1", None)],
)
def test_parse_id(raw, expected):
    assert parse_id(raw) == expected


def test_parse_int_bounds():
    assert parse_int("5", 1, 10) == 5
    assert parse_int("11", 1, 10) is None


@pytest.mark.parametrize("value", HOSTILE_NUMBERS)
@pytest.mark.parametrize(
    ("language", "item"), [("de", "Lebendiger Adventskalender 2026"), ("en", "Living advent calendar 2026")]
)
def test_news_year_filter(client, demo, language, item, value):
    response = client.get(demo_page(NewsIndexPage, lang=language).url, {"year": value})
    assert response.status_code == 200
    assert item in response.content.decode()  # the filter is ignored: the normal list


@pytest.mark.parametrize("path", ["0000/", "²²²²/", "٢٠٢٥/", "9999/"])
@pytest.mark.parametrize("language", ["de", "en"])
def test_news_year_archive(client, demo, language, path):
    assert client.get(demo_page(NewsIndexPage, lang=language).url + path).status_code == 404


def test_news_year_archive_of_a_real_year(client, demo):
    from news.models import NewsPage

    year = NewsPage.objects.live().filter(locale=demo["de"]).latest("date").date.year
    assert client.get(url(demo_page(NewsIndexPage), "year", args=[year])).status_code == 200


@pytest.mark.parametrize("value", ["²", "٣", "0", "99999999999999999999", "1e3", "-5"])
@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("view", [None, "geojson", "thanks"])
def test_participation_measure_parameter(client, demo, language, view, value):
    page = demo_page(ParticipationPage, lang=language)
    response = client.get(url(page, view) if view else page.url, {"measure": value})
    assert response.status_code == 200


def test_participation_measure_parameter_still_works(client, demo):
    from projects.models import ProjectPage

    measure = ProjectPage.objects.get(locale=demo["de"], slug="spielplatz-rosenstrasse")
    participation = demo_page(ParticipationPage)
    page = client.get(participation.url, {"measure": str(measure.pk)}).content.decode()
    assert f'<option value="{measure.pk}" selected>' in page
    thanks = client.get(url(participation, "thanks"), {"measure": str(measure.pk)}).content.decode()
    assert measure.title in thanks
