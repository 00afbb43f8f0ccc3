import io
import re

import pytest
from PIL import Image

from fund.models import Application, FundPage
from stadtteil.routing import url

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "#336699").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def pages(demo):
    de = FundPage.objects.get(locale=demo["de"])
    en = FundPage.objects.get(locale=demo["en"])
    return {"de": de, "en": en}


def valid_data(**overrides):
    data = {
        "applicant_type": "club",
        "name": "Erika Muster",
        "organisation": "Heimatverein Heeren-Werve e. V.",
        "email": "erika@example.org",
        "phone": "02307 123456",
        "title": "Bank am Seseke-Ufer",
        "description": "Wir stellen eine Bank mit Blick auf die Seseke auf.",
        "goals": "Ein Ort zum Ausruhen und Begegnen.",
        "address": "Seseke-Weg 1, 59174 Kamen",
        "start_date": "2026-04-01",
        "end_date": "2026-05-31",
        "total_cost": "2000",
        "own_contribution": "1000",
        "requested_grant": "1000",
        "above_cap_reason": "",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def apply(client, pages, django_capture_on_commit_callbacks):
    """Post the application form like a visitor; returns the response."""

    def _apply(language="de", client_=None, **overrides):
        with django_capture_on_commit_callbacks(execute=True):
            return (client_ or client).post(url(pages[language], "apply"), valid_data(**overrides))

    return _apply


def status_path(text):
    match = re.search(r"http://testserver(/(?:de|en)/[\w-]+/status/[\w-]+/[\w-]+/[\w-]+/)", text)
    assert match, f"no status link in {text!r}"
    return match.group(1)


def make_application(**fields):
    values = {
        "applicant_type": "person",
        "name": "Max Muster",
        "email": "max@example.org",
        "title": "Testprojekt",
        "description": "Beschreibung",
        "goals": "Ziele",
        "address": "Mittelstraße 14",
        "start_date": "2026-04-01",
        "end_date": "2026-05-01",
        "total_cost": 1000,
        "own_contribution": 500,
        "requested_grant": 500,
        "year": 2026,
    }
    values.update(fields)
    return Application.objects.create(**values)
