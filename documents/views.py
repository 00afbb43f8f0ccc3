"""Data for the downloads page and the home page teaser, in a fixed number of queries."""

from django.db.models import F
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from wagtail.documents import get_document_model
from wagtail.documents.views import serve

from documents.models import Category
from stadtteil.visibility import public_documents


def listed_documents():
    """Documents on the downloads page and the home teaser: categorised, and not in a private collection."""
    return public_documents(
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


def serve_cover(request, document_id):
    """A document's cover under the collection's view restrictions, like the document itself: a cover of a
    private document is a 404 to everyone its restrictions turn away (it would show the first page)."""
    document = get_object_or_404(
        get_document_model()
        .objects.select_related("collection")
        .only("pk", "cover", "cover_width", "cover_height", "collection"),
        pk=document_id,
    )
    if not document.cover:
        raise Http404
    restrictions = list(document.collection.get_view_restrictions())
    if any(not restriction.accept_request(request) for restriction in restrictions):
        raise Http404
    try:
        handle = document.cover.open("rb")
    except OSError:
        raise Http404 from None
    response = FileResponse(handle, content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    # The URL carries a version (cover_url): a changed cover gets a new URL; private covers stay out of shared caches.
    if restrictions:
        patch_cache_control(response, private=True, max_age=3600)
    else:
        patch_cache_control(response, public=True, max_age=86400)
    return response
