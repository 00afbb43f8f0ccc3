from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from fund.models import Application, Attachment
from stadtteil.routing import url
from tests.fund.conftest import PDF, png_bytes, status_path, valid_data


def test_form_in_both_languages(client, pages):
    german = client.get(url(pages["de"], "apply"))
    assert german.status_code == 200
    assert "Antrag an den Verfügungsfonds" in german.content.decode()
    assert "Gesamtkosten des Projekts" in german.content.decode()
    assert "---------" not in german.content.decode()  # no empty radio button
    assert "no-store" in german["Cache-Control"] or "max-age=0" in german["Cache-Control"]
    english = client.get(url(pages["en"], "apply"))
    assert "Apply to the neighbourhood fund" in english.content.decode()
    # Each language has its own sub-path; the other one redirects.
    assert client.get("/de/verfuegungsfonds/apply/")["Location"].endswith("/de/verfuegungsfonds/antrag/")
    assert 'hreflang="en" href="/en/neighbourhood-fund/apply/"' in german.content.decode().replace(
        "http://testserver", ""
    )


def test_valid_application_is_stored_and_confirmed(apply, client, pages):
    response = apply()
    assert response.status_code == 302 and response["Location"].endswith("?sent=1")
    application = Application.objects.get(title="Bank am Seseke-Ufer")
    assert application.language == "de"
    assert application.status == Application.Status.RECEIVED
    assert application.reference == f"VF-{application.year}-{application.pk:04d}"
    assert not application.flagged
    assert list(application.status_changes.values_list("to_status", flat=True)) == ["received"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["erika@example.org"]
    assert application.reference in message.subject and application.reference in message.body
    assert "Ihr Aktenzeichen" in message.body
    assert message.subject == f"Ihr Antrag an den Verfügungsfonds – {application.reference}"
    page = client.get(status_path(message.body))
    assert page.status_code == 200
    assert "eingegangen" in page.content.decode() and "Bank am Seseke-Ufer" in page.content.decode()
    thanks = client.get(response["Location"])
    assert "Vielen Dank! Wir haben Ihren Antrag erhalten" in thanks.content.decode()


def test_english_application_gets_english_mail(apply, pages):
    apply(language="en")
    application = Application.objects.get(title="Bank am Seseke-Ufer")
    assert application.language == "en"
    body = mail.outbox[0].body
    assert "Your reference number" in body and f"{pages['en'].url}status/" in body
    assert mail.outbox[0].subject.startswith("Your application to the neighbourhood fund – VF-")


def errors_of(response):
    return response.context["form"].errors


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        (
            {"total_cost": "2000", "own_contribution": "900", "requested_grant": "1100"},
            "requested_grant",
            "Der Fonds zahlt höchstens die Hälfte der Kosten: höchstens 1.000\xa0€ bei Gesamtkosten von 2.000\xa0€.",
        ),
        (
            {"total_cost": "2000", "own_contribution": "500", "requested_grant": "1000"},
            "own_contribution",
            "Eigenanteil und Zuschuss müssen zusammen die Gesamtkosten ergeben",
        ),
        (
            {"total_cost": "12000", "own_contribution": "6000", "requested_grant": "6000"},
            "above_cap_reason",
            "Sie beantragen mehr als 5.000\xa0€",
        ),
        ({"total_cost": "0", "own_contribution": "0", "requested_grant": "0"}, "total_cost", "Gesamtkosten"),
        ({"requested_grant": "-5"}, "requested_grant", "Der Betrag darf nicht negativ sein."),
        ({"requested_grant": "viel"}, "requested_grant", "Bitte geben Sie einen Betrag in Euro ein"),
        ({"start_date": "2026-06-01", "end_date": "2026-05-01"}, "end_date", "Das Ende darf nicht vor dem Beginn"),
        ({"organisation": ""}, "organisation", "Bitte geben Sie den Namen Ihrer Gruppe"),
        ({"consent": None}, "consent", "Bitte stimmen Sie der Verarbeitung Ihrer Daten zu"),
        ({"email": "kein-at"}, "email", "gültige E-Mail-Adresse"),
        ({"title": ""}, "title", "Bitte geben Sie Ihrem Projekt einen Titel."),
        ({"applicant_type": ""}, "applicant_type", "Person, Gruppe, Verein oder Geschäft"),
        ({"latitude": "51.58"}, "longitude", "Geben Sie Breiten- und Längengrad an oder keinen von beiden."),
        (
            {"latitude": "151,5", "longitude": "7,7"},
            "latitude",
            "Der Breitengrad muss zwischen -90 und 90 Grad liegen.",
        ),
    ],
)
def test_validation_rules(apply, pages, overrides, field, message):
    response = apply(**overrides)
    assert response.status_code == 200
    assert any(message in error for error in errors_of(response)[field]), errors_of(response)
    assert "Es wurde nichts gespeichert" in response.content.decode()
    assert not Application.objects.filter(title=overrides.get("title", "Bank am Seseke-Ufer")).exists()
    assert mail.outbox == []


def test_validation_message_in_english(apply, pages):
    response = apply(language="en", total_cost="2000", own_contribution="900", requested_grant="1100")
    assert "The fund pays at most half of the cost: at most €1,000 for a total of €2,000." in response.content.decode()


def test_german_decimal_comma(apply, pages):
    apply(total_cost="1000,50", own_contribution="500,25", requested_grant="500,25")
    assert Application.objects.get(title="Bank am Seseke-Ufer").requested_grant == Decimal("500.25")


def test_map_point_is_stored(apply, pages):
    assert apply(latitude="51,5881", longitude="7,7062").status_code == 302
    application = Application.objects.get(title="Bank am Seseke-Ufer")
    assert (application.latitude, application.longitude) == (Decimal("51.5881"), Decimal("7.7062"))


def test_person_needs_no_organisation(apply, pages):
    assert apply(applicant_type="person", organisation="").status_code == 302


def test_above_cap_with_reason_is_accepted_and_flagged(apply, pages):
    response = apply(
        total_cost="12000", own_contribution="6000", requested_grant="6000", above_cap_reason="Großes Fest"
    )
    assert response.status_code == 302
    assert Application.objects.get(title="Bank am Seseke-Ufer").flagged


def test_cap_is_configurable(apply, pages, settings):
    settings.FUND_MAX_GRANT = 800
    response = apply()  # requests 1000
    assert "Sie beantragen mehr als 800\xa0€" in response.content.decode()


def test_honeypot_stores_nothing(apply, pages):
    response = apply(website="http://spam.example")
    assert response.status_code == 302
    assert not Application.objects.filter(title="Bank am Seseke-Ufer").exists()
    assert mail.outbox == []


def test_rate_limit(apply, pages, settings):
    settings.FUND_RATE_PER_IP = "2/h"
    assert apply(title="Eins").status_code == 302
    assert apply(title="Zwei").status_code == 302
    response = apply(title="Drei")
    assert response.status_code == 429
    assert "Zu viele Anträge" in response.content.decode()
    assert not Application.objects.filter(title="Drei").exists()


def test_csrf_is_enforced(pages):
    client = Client(enforce_csrf_checks=True)
    response = client.post(url(pages["de"], "apply"), valid_data())
    assert response.status_code == 403
    assert not Application.objects.filter(title="Bank am Seseke-Ufer").exists()


def test_attachments_are_stored(apply, pages):
    files = [
        SimpleUploadedFile("kosten.pdf", PDF, content_type="application/pdf"),
        SimpleUploadedFile("skizze.png", png_bytes(), content_type="image/png"),
    ]
    assert apply(attachments=files).status_code == 302
    application = Application.objects.get(title="Bank am Seseke-Ufer")
    names = sorted(application.attachments.values_list("original_name", flat=True))
    assert names == ["kosten.pdf", "skizze.png"]
    stored = application.attachments.first().file.name
    assert stored.startswith("fund/") and "kosten" not in stored  # unguessable name


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("angebot.pdf", b"<html><script>alert(1)</script></html>", "Sie ist keine echte PDF-Datei"),
        ("bild.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "Es können nur PDF-, JPEG- und PNG-Dateien"),
        ("tabelle.docx", b"PK\x03\x04", "Es können nur PDF-, JPEG- und PNG-Dateien"),
    ],
)
def test_unsafe_attachments_are_refused(apply, pages, name, content, message):
    response = apply(attachments=[SimpleUploadedFile(name, content)])
    assert response.status_code == 200
    assert message in " ".join(errors_of(response)["attachments"])
    assert not Attachment.objects.filter(original_name=name).exists()


def test_too_many_attachments(apply, pages):
    files = [SimpleUploadedFile(f"f{i}.pdf", PDF) for i in range(6)]
    response = apply(attachments=files)
    assert "höchstens 5 Dateien" in " ".join(errors_of(response)["attachments"])
