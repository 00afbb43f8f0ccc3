from datetime import timedelta

from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from fund import links
from fund.models import Application, Attachment
from tests.fund.conftest import PDF, make_application, png_bytes, status_path

S = Application.Status


def link(application):
    return status_path(links.status_url(application))


def test_status_page_in_both_languages(client, pages):
    application = make_application(title="Mein Projekt")
    application.status_changes.create(to_status=S.RECEIVED)
    path = link(application)  # once: the signature's time part changes every second
    german = client.get(path)
    assert german.status_code == 200
    html = german.content.decode()
    assert "Stand Ihres Antrags" in html and "Mein Projekt" in html and application.reference in html
    assert german["Referrer-Policy"] == "same-origin" and "noindex" in german["X-Robots-Tag"]
    english_path = path.replace(pages["de"].url, pages["en"].url)
    english = client.get(english_path)
    assert "Status of your application" in english.content.decode()
    assert "received" in english.content.decode()
    # The language switcher leads to the same status in the other language.
    assert english_path in html


def test_english_applicant_gets_english_link(pages):
    application = make_application(language="en")
    assert f"{pages['en'].url}status/" in links.status_url(application)


def test_tampered_link_is_refused(client, pages):
    application = make_application()
    path = link(application)
    payload, stamp, signature = path.rstrip("/").split("/")[-3:]
    other = make_application(title="Fremdes Projekt")
    other_payload = link(other).rstrip("/").split("/")[-3]
    forged = path.replace(payload, other_payload)
    response = client.get(forged)
    assert response.status_code == 400
    assert "Dieser Status-Link ist ungültig" in response.content.decode()
    assert "Fremdes Projekt" not in response.content.decode()
    # A changed first character (not "x" when the signature happens to start with it: that was no change at all).
    tampered = ("y" if signature[0] == "x" else "x") + signature[1:]
    assert client.get(path.replace(signature, tampered)).status_code == 400


def test_expired_link_is_refused(client, pages, settings):
    application = make_application()
    settings.FUND_STATUS_LINK_MAX_AGE = timedelta(seconds=-1)
    response = client.get(link(application))
    assert response.status_code == 410
    assert "Dieser Status-Link ist abgelaufen" in response.content.decode()


def test_deleted_application(client, pages):
    application = make_application()
    path = link(application)
    application.delete()
    response = client.get(path)
    assert response.status_code == 404
    assert "Diesen Antrag gibt es nicht mehr" in response.content.decode()


def test_proof_upload_through_status_link(client, pages, django_capture_on_commit_callbacks):
    application = make_application(status=S.CARRIED_OUT, approved_amount=500)
    path = link(application)
    page = client.get(path).content.decode()
    assert "Nachweise hochladen" in page
    files = [SimpleUploadedFile("rechnung.pdf", PDF), SimpleUploadedFile("foto.png", png_bytes())]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, {"files": files})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.PROOF
    proofs = application.attachments.filter(kind=Attachment.Kind.PROOF)
    assert sorted(proofs.values_list("original_name", flat=True)) == ["foto.png", "rechnung.pdf"]
    change = application.status_changes.get(to_status=S.PROOF)
    assert change.user is None and change.from_status == S.CARRIED_OUT
    assert len(mail.outbox) == 1 and "Nachweis eingereicht" in mail.outbox[0].body
    assert "Vielen Dank! Wir haben Ihre Nachweise erhalten" in client.get(response["Location"]).content.decode()


def test_proof_upload_refuses_unsafe_files(client, pages):
    application = make_application(status=S.CARRIED_OUT, approved_amount=500)
    response = client.post(link(application), {"files": [SimpleUploadedFile("rechnung.pdf", b"<html></html>")]})
    assert response.status_code == 200
    assert "keine echte PDF-Datei" in response.content.decode()
    application.refresh_from_db()
    assert application.status == S.CARRIED_OUT


def test_proof_upload_only_after_carrying_out(client, pages):
    application = make_application(status=S.COMMITTEE)
    path = link(application)
    assert "Nachweise hochladen" not in client.get(path).content.decode()
    response = client.post(path, {"files": [SimpleUploadedFile("rechnung.pdf", PDF)]})
    assert response.status_code == 409
    assert not application.attachments.exists()
