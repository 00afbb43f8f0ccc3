"""Form fields and checks shared by the public forms."""

import re

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _


class SafeModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that treats an out-of-range number (e.g. 2**63 from a crafted request) as an invalid
    choice: Django catches ValueError and TypeError, but SQLite raises OverflowError for such a primary key."""

    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError:
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            ) from None


# --- public text fields ---------------------------------------------------------------------------------------------
# Limits for text fields of public forms that set none themselves: a line (name, street, title) and a text
# (description, message). Generous for people, tight enough that nobody stores 300,000 characters.
LINE_MAX_LENGTH = 200
TEXT_MAX_LENGTH = 5000
# Control characters have no place in what people type: C0 (a multi-line text keeps TAB, LF and CR), DEL, C1.
LINE_CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f]")
TEXT_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def is_multiline(field):
    return isinstance(field.widget, forms.Textarea)


class ControlCharacterValidator:
    """Rejects text with control characters (the form shows a clear error and nothing is stored)."""

    message = _("This text contains invisible control characters. Please remove them or type the text again.")
    code = "control_characters"

    def __init__(self, multiline=False):
        self.pattern = TEXT_CONTROL_CHARACTERS if multiline else LINE_CONTROL_CHARACTERS

    def __call__(self, value):
        if isinstance(value, str) and self.pattern.search(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, ControlCharacterValidator) and self.pattern is other.pattern


def limit_text_field(field, max_length=None):
    """Give a text field of a public form a length limit (its own, `max_length`, or the default for lines and
    texts) with the browser's maxlength attribute, and reject control characters."""
    multiline = is_multiline(field)
    limit = max_length or field.max_length or (TEXT_MAX_LENGTH if multiline else LINE_MAX_LENGTH)
    if field.max_length is None or limit < field.max_length:
        field.max_length = limit
        field.validators.append(validators.MaxLengthValidator(limit))  # Django's own, translated message
    if not field.widget.is_hidden:
        field.widget.attrs["maxlength"] = str(field.max_length)
    field.validators.append(ControlCharacterValidator(multiline=multiline))


class PublicTextMixin:
    """For every form the public fills in: each text field (CharField and its kinds: e-mail, URL, …) gets a
    length limit and refuses control characters. `text_limits = {"field": n}` sets a field's own limit."""

    text_limits = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField):
                limit_text_field(field, self.text_limits.get(name))


def public_form_builder():
    """Wagtail's form builder for form pages (surveys, registrations), with the same text checks: set it as
    `form_builder` of a form page model."""
    from wagtail.contrib.forms.forms import BaseForm, FormBuilder

    class PublicFormBuilder(FormBuilder):
        def get_form_class(self):
            return type("WagtailForm", (PublicTextMixin, BaseForm), self.formfields)

    return PublicFormBuilder


def form_page_response(page, request, template, form, alternate_urls, error=None, status=200):
    """A public form on a sub-view of `page`: the page's context, the form, an error message, and the thank-you
    notice after the redirect (`?sent=1`) that follows a submission."""
    context = page.get_context(request)
    context.update(
        {
            "form": form,
            "error": error,
            "sent": request.method != "POST" and request.GET.get("sent") == "1",
            "alternate_urls": alternate_urls,
        }
    )
    return TemplateResponse(request, template, context, status=status)
