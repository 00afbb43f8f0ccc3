"""Download responses (headers) and the exact download counter, shown to staff in the admin."""

from django.urls import reverse
from wagtail.documents import get_document_model


def get_document(title):
    return get_document_model().objects.get(title=title)


def download(client, document, **headers):
    response = client.get(document.url, headers=headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def test_pdf_is_served_inline_with_its_type_and_nosniff(client, final_report):
    response, body = download(client, final_report)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert body.startswith(b"%PDF-")
    assert int(response["Content-Length"]) == final_report.file_size
    # Wagtail would send "Content-Encoding: None" and an empty ETag; the wrapped view sends neither.
    assert "Content-Encoding" not in response
    assert response["ETag"] == f'"{final_report.file_hash}"' and len(final_report.file_hash) == 40


def test_other_types_are_attachments(client, db):
    form = get_document("Antrag auf Förderung aus dem Verfügungsfonds")
    response, body = download(client, form)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="antrag-verfuegungsfonds' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body.startswith(b"PK")


def test_captions_and_video_have_their_media_types(client, db):
    captions = get_document("Untertitel Gebärdensprache")
    response, _body = download(client, captions)
    assert response["Content-Type"] == "text/vtt; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment")
    video = get_document("Gebärdensprache: Das Stadtteilprojekt")
    response, _body = download(client, video)
    assert response["Content-Type"] == "video/webm"


def test_every_download_is_counted(client, final_report):
    before = final_report.download_count
    for _ in range(3):
        download(client, final_report)
    final_report.refresh_from_db()
    assert final_report.download_count == before + 3


def test_head_requests_and_revalidations_are_not_counted(client, final_report):
    before = final_report.download_count
    client.head(final_report.url)
    response, _body = download(client, final_report, if_none_match=f'"{final_report.file_hash}"')
    assert response.status_code == 304
    final_report.refresh_from_db()
    assert final_report.download_count == before


def test_counter_is_exact_with_stale_copies(final_report):
    """Two requests holding the same stale row both count: the increment happens in the database (F())."""
    first = get_document_model().objects.get(pk=final_report.pk)
    second = get_document_model().objects.get(pk=final_report.pk)
    first.count_download()
    second.count_download()
    first.count_download()
    final_report.refresh_from_db()
    assert final_report.download_count == 3


def test_staff_see_the_counter_in_the_admin(admin_client, client, final_report):
    download(client, final_report)
    download(client, final_report)
    response = admin_client.get(reverse("wagtaildocs:edit", args=[final_report.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "data-download-count>2<" in content
    assert "Verarbeitet" in content
    report = admin_client.get(reverse("document_downloads_report"))
    assert report.status_code == 200
    assert final_report.title in report.content.decode()
    # Most downloaded first.
    assert report.context["object_list"][0].pk == final_report.pk


def test_the_downloads_report_is_for_staff_only(client, final_report):
    response = client.get(reverse("document_downloads_report"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_staff_see_the_counter_in_the_document_listing(admin_client, client, final_report):
    download(client, final_report)
    response = admin_client.get("/admin/documents/", {"ordering": "-download_count"})
    assert response.status_code == 200
    html = response.content.decode()
    # The column header sorts by the counter; the most downloaded document comes first.
    assert "ordering=download_count" in html
    assert response.context["object_list"][0].pk == final_report.pk
    results = admin_client.get("/admin/documents/results/", {"q": "Abschlussbericht"})
    assert results.status_code == 200
