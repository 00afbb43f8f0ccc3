"""Form fields shared by the public forms."""

from django import forms
from django.core.exceptions import ValidationError


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
