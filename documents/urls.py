"""Wagtail's document URLs, with the serve view wrapped to repair two of its headers."""

from django.urls import path, re_path
from wagtail.documents.views import serve

from documents.views import serve_cover, serve_document

urlpatterns = [
    # Before the document route below, which would take "covers/…" as a document id and file name.
    path("covers/<int:document_id>.jpg", serve_cover, name="document_cover"),
    re_path(r"^(\d+)/(.*)$", serve_document, name="wagtaildocs_serve"),
    path(
        "authenticate_with_password/<int:restriction_id>/",
        serve.authenticate_with_password,
        name="wagtaildocs_authenticate_with_password",
    ),
]
