from django import forms
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "off", "spellcheck": "false", "autofocus": True}
        ),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split()).lower()


class PasskeyNameForm(forms.Form):
    """The name a member of staff gives a passkey they just registered (e.g. "Laptop im Büro")."""

    passkey = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(
        label=_("Name of the passkey"),
        max_length=64,
        required=False,
        help_text=_("So that you can tell your passkeys apart, e.g. “Laptop in the office” or “Phone”."),
    )
