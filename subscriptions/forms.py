from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from stadtteil.forms import PublicTextMixin
from stadtteil.guards import HoneypotMixin
from subscriptions.topics import GENERAL_TOPICS, topic_choices

EMAIL_MAX_LENGTH = 254
FORM_URL_MAX_LENGTH = 300


class TopicsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple
    default_error_messages = {
        "required": _("Please choose at least one topic."),
        "invalid_choice": _("Please choose topics from the list."),
    }


class PreferencesForm(PublicTextMixin, forms.Form):
    topics = TopicsField(label=_("Topics"))
    language = forms.ChoiceField(
        label=_("Language of the e-mails"),
        # Each language in its own name, so that everyone finds theirs.
        choices=[(code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES],
        error_messages={"invalid_choice": _("Please choose a language from the list.")},
    )

    def __init__(self, *args, topics=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = topic_choices() if topics is None else topics


class SubscribeForm(HoneypotMixin, PreferencesForm):
    """The subscribe form on the newsletter page; the footer shows a compact version of it."""

    field_order = ["email", "language", "topics", "consent"]

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=EMAIL_MAX_LENGTH,
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please enter a valid e-mail address, e.g. name@example.org."),
            "max_length": _("This e-mail address is too long."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that my e-mail address, language and topics are stored to send me e-mails about new "
            "content on these topics. I can unsubscribe at any time with the link in every e-mail."
        ),
        error_messages={"required": _("Please agree to the storage of your data, or we cannot send you e-mails.")},
    )
    form_url = forms.CharField(required=False, max_length=FORM_URL_MAX_LENGTH, widget=forms.HiddenInput)

    def __init__(self, *args, language=None, form_url="", **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("language", language or settings.LANGUAGE_CODE)
        kwargs["initial"].setdefault("form_url", form_url)
        super().__init__(*args, **kwargs)

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])

    def clean_form_url(self):
        # Only a path of this site is kept (as part of the proof of consent), never a foreign address.
        url = self.cleaned_data.get("form_url") or ""
        return url if url.startswith("/") and not url.startswith("//") else ""


class FooterSubscribeForm(SubscribeForm):
    """Only the general topics, so that rendering it on every page costs no query."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("topics", GENERAL_TOPICS)
        kwargs.setdefault("auto_id", "footer-subscribe-%s")
        super().__init__(*args, **kwargs)


def normalize_email(value):
    # Addresses differ only in case in practice; one subscription per address, whatever the spelling.
    return value.strip().lower()
