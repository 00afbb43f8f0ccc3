"""Every public form: text fields have length limits (in the form, with the browser's maxlength) and refuse
control characters with a clear, translated error; nothing is stored then. Multi-line texts keep line breaks."""

import pytest
from django.core.cache import cache
from wagtail.contrib.forms.models import FormSubmission

from directory.models import DirectoryEntry, DirectoryPage
from fund.models import Application, FundPage
from participation.models import Contribution, FormPage, ParticipationPage
from stadtteil.forms import TEXT_MAX_LENGTH
from stadtteil.routing import url
from subscriptions.models import NewsletterPage
from tests.conftest import demo_page, demo_url
from tests.fund.conftest import valid_data as fund_data

CONTROL_ERROR = {
    "de": "Dieser Text enthält unsichtbare Steuerzeichen.",
    "en": "This text contains invisible control characters.",
}
TOO_LONG = {"de": "Bitte sicherstellen, dass der Wert aus höchstens", "en": "Ensure this value has at most"}
HUGE = "Sehr langer Text. " * 17_000  # about 300,000 characters

PROPOSAL = {
    "name": "Eisdiele Gelato",
    "category": "restaurant",
    "description": "Eis aus eigener Herstellung.",
    "street": "Mittelstraße 30",
    "postcode": "59174",
    "proposal_note": "Mo-So 12-20 Uhr",
    "proposer_email": "inhaber@example.org",
}


@pytest.fixture(autouse=True)
def _no_rate_limits():
    cache.clear()
    yield
    cache.clear()


def refused(response, language, message):
    assert response.status_code == 200  # the form again, with the error
    html = response.content.decode()
    assert message[language] in html, html[:300]


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("description", HUGE, TOO_LONG),
        ("goals", HUGE, TOO_LONG),
        ("description", "Eine Bank\x01 am Ufer", CONTROL_ERROR),
        ("name", "Erika\x00 Muster", CONTROL_ERROR),
        ("title", "Bank\nam Ufer", CONTROL_ERROR),  # a line break is a control character in a one-line field
    ],
)
def test_fund_application(client, demo, language, field, value, message):
    before = Application.objects.count()
    refused(
        client.post(url(demo_page(FundPage, lang=language), "apply"), fund_data(**{field: value})), language, message
    )
    assert Application.objects.count() == before


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("description", HUGE, TOO_LONG),
        ("proposal_note", HUGE, TOO_LONG),
        ("name", "Eis\x1bdiele", CONTROL_ERROR),
        ("accessibility_notes", "Rampe\x7f vorhanden", CONTROL_ERROR),
    ],
)
def test_directory_proposal(client, demo, language, field, value, message):
    before = DirectoryEntry.objects.count()
    refused(
        client.post(url(demo_page(DirectoryPage, lang=language), "propose"), {**PROPOSAL, field: value}),
        language,
        message,
    )
    assert DirectoryEntry.objects.count() == before


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize(("field", "value"), [("message", "Idee\x02"), ("address", "Rosen\x85straße")])
def test_participation_contribution(client, demo, language, field, value):
    data = {"message": "Am Spielplatz fehlt ein Mülleimer.", "field_of_action": "", "measure": "", "address": ""}
    before = Contribution.objects.count()
    refused(client.post(demo_url(ParticipationPage, lang=language), {**data, field: value}), language, CONTROL_ERROR)
    assert Contribution.objects.count() == before


def test_multiline_text_keeps_line_breaks_and_tabs(client, demo):
    message = "Erste Zeile\r\nZweite Zeile\tmit Tab"
    data = {"message": message, "field_of_action": "", "measure": "", "address": ""}
    assert client.post(demo_url(ParticipationPage), data).status_code == 302
    stored = Contribution.objects.get(message__startswith="Erste Zeile").message
    assert stored.splitlines() == ["Erste Zeile", "Zweite Zeile\tmit Tab"]


@pytest.mark.parametrize("language", ["de", "en"])
def test_newsletter_form(client, demo, language):
    from subscriptions.models import Subscriber

    data = {"email": "anna\x01@example.org", "language": language, "topics": ["news"], "consent": "on"}
    refused(client.post(demo_url(NewsletterPage, lang=language), data), language, CONTROL_ERROR)
    assert not Subscriber.objects.exists() or not Subscriber.objects.filter(email__contains="anna").exists()


@pytest.mark.parametrize("language", ["de", "en"])
def test_form_page(client, demo, language):
    survey = demo_url(FormPage, "umfrage-spielplatz-rosenstrasse", lang=language)
    data = {
        "wie_alt_sind_die_kinder_die_den_spielplatz_nutzen_wurden": ["3 bis 6 Jahre"],
        "was_wunschen_sie_sich_am_meisten": "Kletterturm",
        "ihre_anregungen": "Eine Wasserpumpe\x03 wäre toll.",
    }
    if language == "en":
        data["wie_alt_sind_die_kinder_die_den_spielplatz_nutzen_wurden"] = ["under 3 years"]
        data["was_wunschen_sie_sich_am_meisten"] = "Swings"
    before = FormSubmission.objects.count()
    refused(client.post(survey, data), language, CONTROL_ERROR)
    refused(client.post(survey, {**data, "ihre_anregungen": HUGE}), language, TOO_LONG)
    assert FormSubmission.objects.count() == before


@pytest.mark.parametrize(
    ("model", "view"), [(FundPage, "apply"), (DirectoryPage, "propose"), (ParticipationPage, None)]
)
def test_text_fields_carry_maxlength(client, demo, model, view):
    page = demo_page(model)
    html = client.get(url(page, view) if view else page.url).content.decode()
    assert f'maxlength="{TEXT_MAX_LENGTH}"' in html or 'maxlength="2000"' in html or 'maxlength="4000"' in html
    assert "<textarea" in html
    # Every textarea has a maxlength.
    import re

    for textarea in re.findall(r"<textarea[^>]*>", html):
        assert "maxlength=" in textarea, textarea
