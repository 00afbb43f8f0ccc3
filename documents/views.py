"""Data for the downloads page and the home page teaser, in a fixed number of queries."""

from django.db.models import F
from wagtail.documents import get_document_model
from wagtail.documents.views import serve

from documents.models import Category


def listed_documents():
    return (
        get_document_model()
        .objects.exclude(category="")
        .defer("extracted_text")  # can be megabytes; never shown in listings
        .order_by(F("publication_date").desc(nulls_last=True), "title")
    )


def document_groups():
    """One query: the final report, and the other categorised documents grouped in the order of the categories."""
    final_report, grouped = None, {}
    for document in listed_documents():
        if document.is_final_report and final_report is None:
            final_report = document
            continue
        grouped.setdefault(document.category, []).append(document)
    groups = [
        {"key": key, "label": label, "documents": grouped[key]} for key, label in Category.choices if key in grouped
    ]
    return {"final_report": final_report, "groups": groups}


def serve_document(request, document_id, document_filename):
    """Wagtail's serve view (permissions, counting signal, sendfile, nosniff, CSP), with clean headers.

    Wagtail 7.4 sets "Content-Encoding: None" when the file name suggests no encoding; clients may try to decode
    the body with an unknown coding. Remove that, and never send an empty ETag (documents without a hash).
    """
    response = serve.serve(request, document_id, document_filename)
    if response.get("Content-Encoding") in ("None", ""):
        del response["Content-Encoding"]
    if response.get("ETag") in ('""', ""):
        del response["ETag"]
    return response
