"""The contribution form on the participation page: storing, validation, honeypot, rate limit, CSRF, e-mail."""

from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client, override_settings

from participation.models import Contribution, ParticipationPage
from stadtteil.routing import url
from tests.conftest import demo_url

VALID = {"message": "Am Spielplatz fehlt ein Mülleimer.", "field_of_action": "", "measure": "", "address": ""}


def post(client, language, **data):
    """Send the form of the participation page in `language`."""
    return client.post(demo_url(ParticipationPage, lang=language), {**VALID, **data})


def test_form_is_shown_in_both_languages(client, pages):
    german = client.get(pages["de"].url).content.decode()
    english = client.get(pages["en"].url).content.decode()
    assert "Ihre Idee, Ihre Anmerkung oder Ihre Frage" in german
    assert 'name="csrfmiddlewaretoken"' in german
    assert "Your idea, comment or question" in english
    # The field of action list is in the page's language.
    assert "Grün- und Freiraum" in german and "Green and open spaces" in english


def test_submission_without_place_is_stored_as_new_and_redirects_to_thanks(client, pages, green):
    response = post(client, "de", field_of_action=green["de"].pk)
    assert response.status_code == 302
    assert response["Location"] == url(pages["de"], "thanks")
    contribution = Contribution.objects.get(message=VALID["message"])
    assert contribution.status == Contribution.Status.NEW
    assert contribution.language == "de"
    assert contribution.field_of_action == green["de"]
    assert contribution.latitude is None and contribution.longitude is None
    thanks = client.get(response["Location"]).content.decode()
    assert "Vielen Dank" in thanks


def test_submission_with_place_on_the_map(client, pages):
    response = post(client, "de", latitude="51.582400", longitude="7.705600", address="Rosenstraße")
    assert response.status_code == 302
    contribution = Contribution.objects.get(message=VALID["message"])
    assert contribution.latitude == Decimal("51.582400")
    assert contribution.longitude == Decimal("7.705600")
    assert contribution.address == "Rosenstraße"


def test_english_submission_points_at_the_german_field_and_measure(client, pages, green, playground):
    response = post(client, "en", field_of_action=green["en"].pk, measure=playground["en"].pk, message="Swings!")
    assert response["Location"] == url(pages["en"], "thanks")
    contribution = Contribution.objects.get(message="Swings!")
    assert contribution.language == "en"
    assert contribution.field_of_action == green["de"]
    assert contribution.measure.pk == playground["de"].pk
    assert "Thank you for your contribution" in client.get(url(pages["en"], "thanks")).content.decode()


def test_measure_alone_sets_its_field_of_action(client, pages, playground):
    post(client, "de", measure=playground["de"].pk)
    assert Contribution.objects.get(message=VALID["message"]).field_of_action == playground["de"].field_of_action


@pytest.mark.parametrize(
    ("language", "data", "error"),
    [
        ("de", {"message": ""}, "Bitte schreiben Sie Ihre Nachricht."),
        ("en", {"message": ""}, "Please write your message."),
        ("de", {"contact_email": "kein-at-zeichen"}, "Bitte geben Sie eine gültige E-Mail-Adresse ein"),
        ("en", {"contact_email": "no-at-sign"}, "Please enter a valid e-mail address"),
        (
            "de",
            {"contact_email": "erika@example.org"},
            "Bitte bestätigen Sie, dass wir Ihre E-Mail-Adresse für eine Antwort nutzen dürfen",
        ),
        ("de", {"reply_consent": "on"}, "Bitte geben Sie Ihre E-Mail-Adresse an"),
        ("de", {"latitude": "51.58"}, "Der Ort auf der Karte war unvollständig"),
        (
            "en",
            {"latitude": "48.1", "longitude": "11.5"},
            "The place on the map is outside Heeren-Werve",
        ),
        ("de", {"latitude": "48.1", "longitude": "11.5"}, "Der Ort auf der Karte liegt außerhalb"),
        ("de", {"field_of_action": "999999"}, "Bitte wählen Sie eines der angebotenen Handlungsfelder."),
        ("de", {"message": "x" * 4001}, "höchstens 4000 Zeichen"),
    ],
)
def test_invalid_input_is_explained_in_the_page_language_and_nothing_is_stored(client, pages, language, data, error):
    before = Contribution.objects.count()
    response = post(client, language, contact_name="Erika Eingabe", address="Am Markt 1", **data)
    assert response.status_code == 200
    html = response.content.decode()
    assert error in html
    assert 'role="alert"' in html
    assert Contribution.objects.count() == before
    # Nothing the visitor typed is lost.
    assert 'value="Erika Eingabe"' in html
    assert 'value="Am Markt 1"' in html
    assert len(mail.outbox) == 0


def test_invalid_field_is_marked_for_screen_readers(client, pages):
    html = post(client, "de", message="").content.decode()
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_message_error' in html
    assert 'id="id_message_error"' in html


def test_map_place_survives_an_error_and_numbers_are_not_localized(client, pages):
    html = post(client, "de", message="", latitude="51.582400", longitude="7.705600").content.decode()
    # German number formatting ("51,5824") would break the map script and the next validation.
    assert 'value="51.582400"' in html and 'value="7.705600"' in html
    assert 'data-center-lat="51.5835"' in html
    assert "Ort auf der Karte markiert." in html


def test_message_is_kept_when_another_field_is_wrong(client, pages):
    html = post(client, "de", contact_email="falsch").content.decode()
    assert "Am Spielplatz fehlt ein Mülleimer." in html


def test_honeypot_pretends_success_but_stores_nothing(client, pages, django_capture_on_commit_callbacks):
    before = Contribution.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "de", website="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == url(pages["de"], "thanks")
    assert Contribution.objects.count() == before
    assert len(mail.outbox) == 0


@override_settings(PARTICIPATION_RATE_LIMIT="2/h")
def test_rate_limit_per_ip_keeps_the_text(client, pages):
    before = Contribution.objects.count()
    assert post(client, "de", message="Eins").status_code == 302
    assert post(client, "de", message="Zwei").status_code == 302
    response = post(client, "de", message="Drei, mit viel Mühe geschrieben")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Sie haben in kurzer Zeit mehrere Beiträge gesendet" in html
    assert "Drei, mit viel Mühe geschrieben" in html
    assert Contribution.objects.count() == before + 2
    # Another address is not affected.
    other = client.post(pages["de"].url, {**VALID, "message": "Vier"}, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


@override_settings(PARTICIPATION_RATE_LIMIT="1/h")
def test_rate_limit_message_in_english(client, pages):
    post(client, "en", message="One")
    response = post(client, "en", message="Two")
    assert response.status_code == 429
    assert "You have sent several contributions in a short time" in response.content.decode()


def test_post_without_csrf_token_is_refused(pages):
    client = Client(enforce_csrf_checks=True)
    before = Contribution.objects.count()
    response = client.post(pages["de"].url, VALID)
    assert response.status_code == 403
    assert Contribution.objects.count() == before


def test_staff_are_emailed_after_the_commit_without_personal_data(client, pages, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(
            client,
            "de",
            contact_name="Zacharias Geheimname",
            contact_email="zacharias@example.org",
            reply_consent="on",
        )
    # Nothing is sent before the commit (the worker must find the row).
    assert len(mail.outbox) == 0
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["beteiligung@example.org"]
    assert "Neuer Beitrag" in message.subject
    assert VALID["message"] in message.body
    contribution = Contribution.objects.get(message=VALID["message"])
    assert f"/admin/participation/contributions/edit/{contribution.pk}/" in message.body
    assert "Zacharias" not in message.body and "zacharias@example.org" not in message.body
    assert "Antwort per E-Mail gewünscht: ja" in message.body


def test_staff_email_falls_back_to_the_site_contact_address(client, pages, django_capture_on_commit_callbacks):
    from wagtail.models import Site

    from participation.models import ParticipationSettings

    settings = ParticipationSettings.for_site(Site.objects.get(is_default_site=True))
    settings.notification_email = ""
    settings.save()
    with django_capture_on_commit_callbacks(execute=True):
        post(client, "de")
    assert mail.outbox[0].to == ["stadtteilprojekt@example.org"]
