"""The admin document form (WAGTAILDOCS_DOCUMENT_FORM_BASE): upload safety before anything is stored."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from documents import processing


class SafeDocumentForm(BaseDocumentForm):
    """Refuses disallowed types, HTML/SVG and files whose content does not match their extension.

    The maximum size is checked by Wagtail's document field (WAGTAILDOCS_MAX_UPLOAD_SIZE) before this runs.
    """

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file and "file" in self.changed_data:
            errors = processing.validate_upload(file)
            if errors:
                raise forms.ValidationError(errors, code="invalid_document")
        return file

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_final_report"):
            others = type(self.instance).objects.filter(is_final_report=True).exclude(pk=self.instance.pk)
            if others.exists():
                self.add_error(
                    "is_final_report",
                    _("“%(title)s” is already marked as the final report. Unmark it first.")
                    % {"title": others.first().title},
                )
        return cleaned
