"""Human descriptions of a document for link texts, in the active language's number format."""

from django.template.defaultfilters import filesizeformat
from django.utils.translation import ngettext


def document_meta(document):
    """E.g. "PDF, 4,2 MB, 120 Seiten" (German) or "PDF, 4.2 MB, 120 pages" (English)."""
    parts = [document.type_label]
    if document.file_size:
        # filesizeformat localises the decimal separator; a normal space reads better in a sentence.
        parts.append(str(filesizeformat(document.file_size)).replace("\xa0", " "))
    if document.page_count and document.file_type == "pdf":
        parts.append(
            ngettext("%(count)s page", "%(count)s pages", document.page_count) % {"count": document.page_count}
        )
    elif document.page_count and document.file_type in ("pptx", "odp"):
        parts.append(
            ngettext("%(count)s slide", "%(count)s slides", document.page_count) % {"count": document.page_count}
        )
    return ", ".join(part for part in parts if part)
