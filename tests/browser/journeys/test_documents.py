"""Documents → Hinzufügen in Chromium (Wagtail's multiple uploader): one file, then several at once, one of them of
a refused type; each accepted file becomes a document whose details are saved with "Aktualisieren", the refused one
shows a message, and the server answers no request with a 500."""

import re
import secrets

from playwright.sync_api import expect

from tests.documents.samples import sample


def _documents(site, title):
    return site.query("SELECT file_type, language FROM documents_customdocument WHERE title = ?", title)


def _update(item, title):
    item.locator("input[name$='-title']").fill(title)
    item.get_by_role("button", name="Aktualisieren").click()
    expect(item).to_have_count(0)  # Wagtail removes the row once the document is saved


def test_upload_one_and_several_documents(journey_site, admin_page, tmp_path):
    page = admin_page
    tag = secrets.token_hex(3)
    for name in ("bericht.pdf", "protokoll.docx", "kosten.xlsx", "untertitel.vtt"):
        (tmp_path / name).write_bytes(sample(name.rsplit(".", 1)[1]))
    (tmp_path / "seite.html").write_bytes(b"<html><script>alert(1)</script></html>")

    page.goto("/admin/documents/multiple/add/")
    items = page.locator("#upload-list > li")

    # One file.
    page.locator("#fileupload").set_input_files(str(tmp_path / "bericht.pdf"))
    expect(items.first).to_have_class(re.compile(r"\bupload-success\b"))
    _update(items.first, f"Bericht {tag}")
    assert _documents(journey_site, f"Bericht {tag}") == [("pdf", "de")]

    # Several at once, one of a refused type.
    page.locator("#fileupload").set_input_files(
        [str(tmp_path / name) for name in ("protokoll.docx", "seite.html", "kosten.xlsx", "untertitel.vtt")]
    )
    expect(page.locator("#upload-list > li.upload-complete")).to_have_count(4)
    expect(page.locator("#upload-list > li.upload-success")).to_have_count(3)
    refused = page.locator("#upload-list > li.upload-failure")
    expect(refused).to_have_count(1)
    assert "seite.html" in refused.inner_text()
    assert refused.locator(".error_messages").inner_text().strip()  # says why
    for number in range(3):
        # Each saved row disappears: the next one is first then.
        row = page.locator("#upload-list > li.upload-success").first
        row.locator("input[name$='-title']").fill(f"Dokument {number} {tag}")
        row.get_by_role("button", name="Aktualisieren").click()
        expect(page.locator("#upload-list > li.upload-success")).to_have_count(2 - number)
    types = {row[0] for number in range(3) for row in _documents(journey_site, f"Dokument {number} {tag}")}
    assert types == {"docx", "xlsx", "vtt"}
    assert not journey_site.query("SELECT id FROM documents_customdocument WHERE file LIKE '%seite%.html'")
    assert not [line for line in journey_site.server_errors() if "/admin/documents/" in line]
