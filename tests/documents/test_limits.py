"""Bounded processing: zip bombs refused, PDFs with thousands of pages and freak pages processed within limits,
and all of it in the worker, never in the upload's request."""

import io
import time
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfWriter

from documents import processing
from documents.models import ProcessingStatus

from .test_uploads import errors_of, stored, upload

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def zip_bomb_docx(unpacked_mb=100):
    """A real .docx whose document.xml unpacks to `unpacked_mb` MB (a few hundred KB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w") as member:
            chunk = b"<w:p><w:t>Heeren-Werve</w:t></w:p>" * 30_000
            for _ in range(unpacked_mb * 1024 * 1024 // len(chunk)):
                member.write(chunk)
    return buffer.getvalue()


def small_docx(text="Baumlehrpfad an der Bergstraße"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", f"<w:document><w:p><w:t>{text}</w:t></w:p></w:document>")
    return buffer.getvalue()


def pdf_of(pages, width=595, height=842):
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=width, height=height)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb():
    return zip_bomb_docx()


def test_a_zip_bomb_docx_is_refused_at_once_with_a_german_message(admin_client, bomb):
    assert len(bomb) < 1024 * 1024
    response = upload(admin_client, "bombe.docx", bomb, title="Bombe")
    assert response.status_code == 200
    errors = errors_of(response)
    assert "Diese Datei entpackt zu 99,2 MB, zu viel für ihre Größe von 29" in errors, errors
    assert "Zip-Bombe" in errors
    assert not stored("Bombe")


def test_an_archive_with_too_many_entries_is_refused(admin_client, settings):
    settings.DOCUMENTS_ZIP_MAX_ENTRIES = 20
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for number in range(21):
            archive.writestr(f"foto-{number}.txt", "x")
    response = upload(admin_client, "fotos.zip", buffer.getvalue(), title="Viele Dateien")
    assert "enthält 21 Dateien; erlaubt sind höchstens 20" in errors_of(response)
    assert not stored("Viele Dateien")


def test_a_zip_bomb_that_reaches_the_worker_is_skipped_with_a_note(make_document, bomb):
    # E.g. stored before the upload check existed, or through code that bypasses the admin form.
    document = make_document("bombe.docx", bomb)
    document.refresh_from_db()
    assert document.processing_status == ProcessingStatus.DONE
    assert document.extracted_text == ""
    assert document.processing_note == "zip_limits"


def test_an_oversized_member_is_not_read_beyond_the_limit(make_document, monkeypatch):
    monkeypatch.setattr(processing, "XML_READ_LIMIT", 20)
    document = make_document("gross.docx", small_docx())
    document.refresh_from_db()
    assert document.extracted_text == "" and document.processing_note == "xml_size"


def test_office_text_within_limits_is_extracted(make_document):
    document = make_document("klein.docx", small_docx())
    document.refresh_from_db()
    assert "Baumlehrpfad" in document.extracted_text and document.processing_note == ""


def test_pdf_text_only_from_the_first_pages(make_document, report_pdf_bytes, settings):
    settings.DOCUMENTS_PDF_MAX_PAGES = 1
    document = make_document("bericht.pdf", report_pdf_bytes)
    document.refresh_from_db()
    assert document.page_count > 1  # the page count is still the whole document's
    assert document.processing_note == "pdf_pages"
    assert "Abschlussbericht" in document.extracted_text  # the title page
    assert "Baumlehrpfad" not in document.extracted_text  # a later chapter


def test_pdf_text_stops_at_the_time_budget(report_pdf_bytes):
    notes = []
    count, text = processing.pdf_metadata(report_pdf_bytes, notes, deadline=time.monotonic() - 1)
    assert count > 1 and text == "" and notes == ["time_limit"]


def test_the_hard_time_limit_interrupts_a_stuck_library(make_document, report_pdf_bytes, settings, monkeypatch):
    settings.DOCUMENTS_PROCESSING_SECONDS = 0.2

    def stuck(*args, **kwargs):
        time.sleep(5)

    monkeypatch.setattr(processing, "pdf_cover", stuck)
    # The note says the limit stopped the work (timings are for benchmarks: this machine may be loaded).
    document = make_document("haengt.pdf", report_pdf_bytes)
    document.refresh_from_db()
    assert document.processing_note == "time_limit"
    assert document.processing_status == ProcessingStatus.DONE and not document.cover


def test_a_freak_page_shape_renders_a_small_cover(make_document):
    document = make_document("streifen.pdf", pdf_of(1, width=1, height=14_400))
    document.refresh_from_db()
    assert document.cover and document.cover_height <= 480 * 3


def test_a_6000_page_pdf_upload_returns_at_once_and_shows_being_processed(admin_client, settings, run_db_worker):
    settings.TASKS = DB_TASKS
    data = pdf_of(6000)
    # The upload is answered before the work is done: the document waits for the worker (PENDING below). How
    # fast is for the benchmarks, not for a test on a loaded machine.
    response = upload(admin_client, "seiten.pdf", data, title="Sechstausend Seiten", category="other")
    assert response.status_code == 302
    from wagtail.documents import get_document_model

    document = get_document_model().objects.get(title="Sechstausend Seiten")
    assert document.processing_status == ProcessingStatus.PENDING
    edit = admin_client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    assert "Wird verarbeitet" in edit
    run_db_worker()
    document.refresh_from_db()
    assert document.processing_status == ProcessingStatus.DONE
    assert document.page_count == 6000
    assert document.processing_note == "pdf_pages"  # text from the first 2,000 pages (blank here)
    edit = admin_client.get(reverse("wagtaildocs:edit", args=[document.pk])).content.decode()
    assert "Verarbeitet" in edit and "ersten 2000 Seiten" in edit
