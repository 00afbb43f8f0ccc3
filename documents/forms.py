"""The admin document form (WAGTAILDOCS_DOCUMENT_FORM_BASE): upload safety before anything is stored."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from documents import processing


class SafeDocumentForm(BaseDocumentForm):
    """Refuses disallowed types, HTML/SVG and files whose content does not match their extension.

    The maximum size is checked by Wagtail's document field (WAGTAILDOCS_MAX_UPLOAD_SIZE) before this runs.

    Also the form of Wagtail's multiple uploader (Documents → Hinzufügen): its first step posts only the file,
    title and collection, its second step ("Update") every field but the file.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "language" in self.fields:
            # The multiple uploader's first step sends no language: the model's default ("de") then, so that the
            # upload becomes a document at once and the editor completes its details in the form shown below it.
            self.fields["language"].required = False

    def clean_language(self):
        return self.cleaned_data.get("language") or type(self.instance)._meta.get_field("language").default

    def _update_errors(self, errors):
        # A model error about a field this form lacks (the multiple uploader's second step has no file field)
        # becomes a message above the form; Django would raise ValueError (a 500) instead.
        if hasattr(errors, "error_dict"):
            mapped = {}
            for field, messages in errors.error_dict.items():
                key = field if field == NON_FIELD_ERRORS or field in self.fields else NON_FIELD_ERRORS
                mapped.setdefault(key, []).extend(messages)
            errors = ValidationError(mapped)
        super()._update_errors(errors)

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
