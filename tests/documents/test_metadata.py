"""Metadata computed from real generated files: type, size, pages, text (pypdf) and cover (pypdfium2)."""

import pytest
from django.utils import translation
from PIL import Image

from documents import demo as documents_demo
from documents.models import ProcessingStatus


def pdfium_pages(data):
    """Page count by a second, independent PDF library."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def test_demo_report_pdf_metadata(final_report):
    assert final_report.file_type == "pdf"
    with final_report.open_file() as handle:
        expected_pages = pdfium_pages(handle.read())
    # A title page and at least one page per chapter.
    assert final_report.page_count == expected_pages >= 1 + len(documents_demo.CHAPTERS)
    assert final_report.file_size == final_report.file.size
    # Words from several chapters of the PDF, umlauts intact.
    text = " ".join(final_report.extracted_text.split())
    for words in ("Zwischenbilanz", "Königsborn", "Verfügungsfonds", "Spielplatz an der Rosenstraße"):
        assert words in text
    assert final_report.processing_status == ProcessingStatus.DONE


def test_cover_is_rendered_from_the_first_page(final_report):
    assert final_report.cover
    with final_report.cover.open("rb") as handle:
        image = Image.open(handle)
        image.load()
    assert image.format == "JPEG"
    assert image.width == final_report.cover_width == 480
    # A4 portrait: taller than wide.
    assert image.height > image.width
    # The first page has dark text on white, so the cover is not blank.
    assert image.convert("L").getextrema()[0] < 100


def test_new_upload_is_processed_on_save(make_document, report_pdf_bytes):
    document = make_document("bericht.pdf", report_pdf_bytes)
    document.refresh_from_db()
    assert document.page_count == pdfium_pages(report_pdf_bytes)
    assert "Baumlehrpfad" in document.extracted_text
    assert document.cover_width == 480


def test_office_and_caption_text_is_extracted(db):
    from wagtail.documents import get_document_model

    documents = get_document_model().objects
    form = documents.get(title="Antrag auf Förderung aus dem Verfügungsfonds")
    assert form.file_type == "docx"
    assert "Beantragter Zuschuss" in form.extracted_text
    captions = documents.get(title="Untertitel Gebärdensprache")
    assert captions.file_type == "vtt"
    assert "-->" not in captions.extracted_text
    assert captions.extracted_text


@pytest.mark.parametrize(
    ("language", "expected"),
    [("de", "PDF, 4,2 MB, 120 Seiten"), ("en", "PDF, 4.2 MB, 120 pages")],
)
def test_link_meta_in_the_locale_format(final_report, language, expected):
    final_report.file_size = int(4.2 * 1024 * 1024)
    final_report.page_count = 120
    with translation.override(language):
        assert final_report.link_meta() == expected


def test_one_page(final_report):
    final_report.page_count = 1
    with translation.override("de"):
        assert final_report.link_meta().endswith(", 1 Seite")


def test_every_upload_is_processed_by_the_worker_not_the_request(
    make_document, report_pdf_bytes, settings, run_db_worker
):
    """With the real database queue: the upload stores the document "being processed" and a task; the worker
    computes the metadata."""

    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    document = make_document("klein.pdf", report_pdf_bytes)
    document.refresh_from_db()
    assert document.processing_status == ProcessingStatus.PENDING
    assert document.page_count is None and document.extracted_text == ""
    assert DBTaskResult.objects.filter(task_path="documents.tasks.process_document", status="READY").count() == 1
    run_db_worker()
    document.refresh_from_db()
    assert document.processing_status == ProcessingStatus.DONE
    assert document.page_count == pdfium_pages(report_pdf_bytes)
    assert "Zwischenbilanz" in document.extracted_text


def test_broken_pdf_is_marked_failed_not_crashing(make_document):
    document = make_document("kaputt.pdf", b"%PDF-1.4\n this is not really a pdf")
    document.refresh_from_db()
    assert document.page_count is None
    assert document.extracted_text == ""
    assert document.processing_status in (ProcessingStatus.DONE, ProcessingStatus.FAILED)


def test_saving_metadata_again_does_not_reprocess(final_report, monkeypatch):
    calls = []
    monkeypatch.setattr(type(final_report), "process_file", lambda self: calls.append(self.pk))
    final_report.description = "Neu"
    final_report.save()
    assert calls == []


def test_process_documents_command_catches_up(final_report):
    import io

    from django.core.management import call_command

    type(final_report).objects.filter(pk=final_report.pk).update(
        page_count=None, extracted_text="", processing_status=ProcessingStatus.PENDING
    )
    out = io.StringIO()
    call_command("process_documents", stdout=out)
    final_report.refresh_from_db()
    assert final_report.processing_status == ProcessingStatus.DONE
    assert final_report.page_count and "Zwischenbilanz" in final_report.extracted_text
    assert "1 document(s) processed." in out.getvalue()


def test_deleting_a_document_removes_its_cover(make_document, report_pdf_bytes, django_capture_on_commit_callbacks):
    document = make_document("weg.pdf", report_pdf_bytes)
    storage, cover_name = document.cover.storage, document.cover.name
    assert storage.exists(cover_name)
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert not storage.exists(cover_name)


def test_demo_pdf_is_generated_without_a_ttf_font(monkeypatch, tmp_path):
    from documents import processing

    monkeypatch.setattr(documents_demo, "FONT_DIR", tmp_path)  # no DejaVu here: fpdf2's built-in Helvetica
    data = documents_demo._report_pdf()
    pages, text = processing.pdf_metadata(data)
    assert pages == pdfium_pages(data)
    assert "Königsborn" in text and "Maßnahmen" in text
