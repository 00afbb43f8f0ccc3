from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document


class CustomDocument(AbstractDocument):
    """The project's document model (WAGTAILDOCS_DOCUMENT_MODEL); metadata fields join with the downloads issue."""

    admin_form_fields = Document.admin_form_fields

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
