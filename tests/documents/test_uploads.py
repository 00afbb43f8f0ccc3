"""Upload safety through the admin's upload views: allowed types, size, content matching the extension, no HTML/SVG."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

from tests.documents.samples import PNG, sample

DEFAULT_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "zip", "jpg", "png", "webm", "mp4", "vtt"]
HOME_ASSETS = Path(__file__).resolve().parents[2] / "home" / "demo_assets"


def upload(client, name, data, **extra):
    fields = {
        "title": extra.pop("title", f"Upload {name}"),
        "file": SimpleUploadedFile(name, data),
        "collection": Collection.get_first_root_node().pk,
        "tags": "",
        "language": "de",
        "category": "",
    }
    fields.update(extra)
    return client.post(reverse("wagtaildocs:add"), fields)


def errors_of(response):
    return " ".join(str(e) for e in response.context["form"].errors.get("file", []))


def stored(title):
    return get_document_model().objects.filter(title=title).exists()


def test_a_real_pdf_is_accepted_and_processed(admin_client, report_pdf_bytes):
    response = upload(admin_client, "bericht.pdf", report_pdf_bytes, title="Neuer Bericht", category="report")
    assert response.status_code == 302
    document = get_document_model().objects.get(title="Neuer Bericht")
    assert document.page_count and document.cover
    assert "Zwischenbilanz" in document.extracted_text


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        # A type that is not allowed at all.
        ("programm.exe", b"MZ\x90\x00" + b"\x00" * 100, "sind nicht erlaubt"),
        ("notizen.txt", b"Nur Text", "sind nicht erlaubt"),
        # Disguised types: the extension promises something the content is not.
        ("bericht.pdf", PNG, "keine echte PDF-Datei"),
        ("bericht.pdf", b"<html><body><script>alert(1)</script></body></html>", "keine echte PDF-Datei"),
        ("foto.jpg", b"%PDF-1.4 not a photo", "keine echte JPG-Datei"),
        ("tabelle.docx", b"PK\x03\x04" + b"\x00" * 100, "keine echte DOCX-Datei"),
        ("video.webm", b"\x00\x00\x00\x18ftypmp42", "keine echte WEBM-Datei"),
        # Web pages and SVG, even when renamed.
        ("seite.html", b"<!doctype html><title>x</title>", "Webseiten, SVG-Grafiken"),
        ("grafik.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "Webseiten, SVG"),
        ("untertitel.vtt", b"WEBVTT\n\n<script>alert(1)</script>", "Webseiten-Code"),
        ("ohne-endung", b"%PDF-1.4", "ohne Endung"),
    ],
)
def test_bad_uploads_are_refused_with_a_clear_german_message(admin_client, name, data, expected):
    response = upload(admin_client, name, data, title="Schlechte Datei")
    assert response.status_code == 200
    assert expected in errors_of(response)
    assert expected in response.content.decode()
    assert not stored("Schlechte Datei")


def test_too_large_files_are_refused(admin_client, report_pdf_bytes, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    response = upload(admin_client, "gross.pdf", report_pdf_bytes, title="Zu groß")
    assert response.status_code == 200
    assert "zu groß" in errors_of(response).lower()
    assert not stored("Zu groß")


def test_allowed_extensions_come_from_settings(admin_client, report_pdf_bytes, settings):
    settings.WAGTAILDOCS_EXTENSIONS = ["docx"]
    response = upload(admin_client, "bericht.pdf", report_pdf_bytes, title="Nicht erlaubt")
    assert "Erlaubte Typen: DOCX" in errors_of(response)
    assert not stored("Nicht erlaubt")


def test_html_stays_refused_even_if_someone_allows_it_in_settings(admin_client, settings):
    settings.WAGTAILDOCS_EXTENSIONS = ["pdf", "html", "svg"]
    for name in ("seite.html", "grafik.svg"):
        response = upload(admin_client, name, b"<html></html>", title="Webseite")
        assert "Webseiten, SVG-Grafiken" in errors_of(response)
    assert not stored("Webseite")


@pytest.mark.parametrize("name", ["gebaerdensprache.webm", "gebaerdensprache.de.vtt"])
def test_the_demo_video_and_captions_are_accepted(admin_client, name):
    response = upload(admin_client, name, (HOME_ASSETS / name).read_bytes(), title=f"Medien {name}")
    assert response.status_code == 302
    assert stored(f"Medien {name}")


def test_office_files_with_the_right_structure_are_accepted(admin_client):
    from documents.demo import _application_docx

    response = upload(admin_client, "antrag.docx", _application_docx(), title="Antrag neu")
    assert response.status_code == 302


def test_a_plain_zip_is_accepted_but_a_docx_named_zip_is_a_zip(admin_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("plan.txt", "Plan")
    response = upload(admin_client, "paket.zip", buffer.getvalue(), title="Paket")
    assert response.status_code == 302


def test_the_multiple_uploader_refuses_disguised_files(admin_client):
    before = get_document_model().objects.count()
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile("bericht.pdf", PNG), "collection": Collection.get_first_root_node().pk},
    )
    assert response.status_code == 200
    payload = response.json()
    assert payload["success"] is False
    assert "keine echte PDF-Datei" in payload["error_message"]
    assert get_document_model().objects.count() == before


def test_only_one_final_report(admin_client, report_pdf_bytes):
    response = upload(admin_client, "zweiter.pdf", report_pdf_bytes, title="Zweiter Bericht", is_final_report="on")
    assert response.status_code == 200
    assert "bereits als Abschlussbericht markiert" in response.content.decode()


# --- Documents → Hinzufügen: Wagtail's multiple uploader -------------------------------------------------------


def add_multiple(client, name, data, **fields):
    return client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile(name, data), "collection": Collection.get_first_root_node().pk, **fields},
    )


@pytest.mark.parametrize("extension", DEFAULT_EXTENSIONS)
def test_the_multiple_uploader_takes_every_allowed_type(admin_client, extension):
    response = add_multiple(admin_client, f"datei.{extension}", sample(extension))
    assert response.status_code == 200
    payload = response.json()
    assert payload["success"] is True, payload
    # The upload is a document at once (language: the default); its details are edited in the form it returns.
    document = get_document_model().objects.get(pk=payload["doc_id"])
    assert document.file.name.endswith(f".{extension}") and document.language == "de"
    assert f'name="doc-{document.pk}-title"' in payload["form"]
    edit = admin_client.post(
        reverse("wagtaildocs:edit_multiple", args=[document.pk]),
        {
            f"doc-{document.pk}-title": f"Datei {extension}",
            f"doc-{document.pk}-collection": Collection.get_first_root_node().pk,
            f"doc-{document.pk}-language": "en",
            f"doc-{document.pk}-category": "",
        },
    )
    assert edit.json()["success"] is True
    document.refresh_from_db()
    assert (document.title, document.language) == (f"Datei {extension}", "en")


def test_an_upload_kept_for_its_details_becomes_a_document_on_update(admin_client, report_pdf_bytes):
    # A title that does not fit makes Wagtail keep the file as an upload and ask for the details; "Update" used
    # to answer 500 ('CustomDocumentForm' has no field named 'file').
    response = add_multiple(admin_client, "bericht.pdf", report_pdf_bytes, title="x" * 300)
    payload = response.json()
    assert payload["success"] is True and "uploaded_file_id" in payload, payload
    upload_id = payload["uploaded_file_id"]
    url = reverse("wagtaildocs:create_multiple_from_uploaded_document", args=[upload_id])
    prefix = f"uploaded-document-{upload_id}"
    data = {f"{prefix}-collection": Collection.get_first_root_node().pk, f"{prefix}-language": "de"}
    # A missing title: the form again with the error, nothing stored.
    invalid = admin_client.post(url, {**data, f"{prefix}-title": ""})
    assert invalid.status_code == 200 and invalid.json()["success"] is False
    assert "Dieses Feld muss ausgefüllt werden." in invalid.json()["form"]
    assert not stored("")
    valid = admin_client.post(url, {**data, f"{prefix}-title": "Bericht aus dem Stapel"})
    assert valid.status_code == 200 and valid.json()["success"] is True, valid.json()
    document = get_document_model().objects.get(pk=valid.json()["doc_id"])
    assert document.title == "Bericht aus dem Stapel" and document.file.name.endswith(".pdf")
    assert document.file_type == "pdf" and document.page_count


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("seite.html", b"<html></html>", "Webseiten, SVG-Grafiken"),
        ("ohne-endung", b"data", "Dateien ohne Endung"),
        ("tabelle.csv", b"a;b\n", "Dateien vom Typ „CSV“ sind nicht erlaubt"),
        ("bericht.pdf", PNG, "keine echte PDF-Datei"),
    ],
)
def test_the_multiple_uploader_refuses_with_a_message(admin_client, name, data, message):
    before = get_document_model().objects.count()
    response = add_multiple(admin_client, name, data)
    assert response.status_code == 200
    payload = response.json()
    assert payload["success"] is False
    assert message in payload["error_message"]
    assert get_document_model().objects.count() == before
