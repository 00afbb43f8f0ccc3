"""Accessible PDFs: the demo's final report is a tagged PDF/UA document; every uploaded PDF is checked (pikepdf),
editors see what is missing, residents are told and pointed to the accessible web version."""

import io

import pikepdf
from bs4 import BeautifulSoup
from django.urls import reverse

from documents import demo as documents_demo
from documents.models import DocumentIndexPage, ReportPage
from tests.conftest import demo_url


def untagged_pdf(pages=4):
    pdf = documents_demo._pdf()
    for number in range(pages):
        pdf.add_page()
        documents_demo._write(pdf, f"Kapitel {number + 1}: Text ohne Struktur")
    return bytes(pdf.output())


def test_final_report_is_a_tagged_pdf_ua_document(final_report):
    with final_report.open_file() as handle, pikepdf.open(io.BytesIO(handle.read())) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert bool(root.MarkInfo.Marked)
        assert str(root.Lang) == "de"
        assert bool(root.ViewerPreferences.DisplayDocTitle)
        assert str(pdf.docinfo.Title).startswith("Abschlussbericht")
        assert "pdfuaid" in str(pdf.open_metadata())  # the PDF/UA identification in its XMP metadata
        with pdf.open_outline() as outline:
            chapters = [item.title for top in outline.root for item in [top, *top.children]]
    assert len(chapters) > len(documents_demo.CHAPTERS)
    assert any(title.startswith("1. ") for title in chapters)
    assert final_report.accessibility_problems() == []
    assert final_report.pdf_accessibility["tagged"] is True


def test_an_untagged_upload_is_reported_to_editors_in_german(admin_client, make_document):
    document = make_document("handzettel.pdf", untagged_pdf())
    document.refresh_from_db()
    assert document.pdf_accessibility["tagged"] is False
    assert len(document.accessibility_problems()) == 4
    page = BeautifulSoup(admin_client.get(reverse("wagtaildocs:edit", args=[document.pk])).content, "html.parser")
    report = page.select_one("[data-pdf-accessibility]").get_text(" ", strip=True)
    assert "Dieses PDF ist nicht barrierefrei" in report
    assert "nicht getaggt" in report
    assert "Keine Dokumentsprache" in report


def test_residents_are_told_and_led_to_the_web_version(client, demo, make_document, final_report):
    report_page = ReportPage.objects.live().get(locale=demo["de"])
    document = make_document("handzettel.pdf", untagged_pdf(), category=final_report.category)
    downloads = BeautifulSoup(client.get(demo_url(DocumentIndexPage)).content, "html.parser")
    item = next(a for a in downloads.select(".document-item") if "handzettel" in a.get_text())
    assert "Dieses PDF ist nicht vollständig barrierefrei" in item.get_text(" ", strip=True)
    assert item.select_one(".document-item__notice a") is None  # no web version chosen: offered on request
    document.accessible_version = report_page
    document.save()
    english = BeautifulSoup(client.get(demo_url(DocumentIndexPage, lang="en")).content, "html.parser")
    item = next(a for a in english.select(".document-item") if "handzettel" in a.get_text())
    link = item.select_one(".document-item__notice a")
    assert link.get_text(strip=True) == "Read the accessible web version"
    assert link["href"] == demo_url(ReportPage, lang="en")
    # The tagged final report carries no such notice.
    featured = downloads.select_one(".document-item--featured")
    assert featured.select_one(".document-item__notice") is None
