"""Data for the downloads page and the home page teaser, in a fixed number of queries."""

from wagtail.documents import get_document_model

from documents.models import Category


def listed_documents():
    return (
        get_document_model()
        .objects.exclude(category="")
        .defer("extracted_text")  # can be megabytes; never shown in listings
        .order_by("-publication_date", "title")
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
