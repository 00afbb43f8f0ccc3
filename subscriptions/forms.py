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


class FollowForm(HoneypotMixin, PublicTextMixin, forms.Form):
    """Follow a measure (and its fields of action) or an area; posted from the measure page or the newsletter page.

    The offered keys are checked against what exists (`valid_keys`); an area comes from a directory address or a
    point chosen on the map, with a radius."""

    email = SubscribeForm.base_fields["email"]
    topics = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple, label=_("Follow"))
    place = forms.TypedChoiceField(label=_("Address from the directory"), required=False, coerce=int, empty_value=None)
    # Set by the map (participation/place-picker.js) where the visitor marks a point instead of an address.
    latitude = forms.DecimalField(
        required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput(attrs={"data-place-lat": ""})
    )
    longitude = forms.DecimalField(
        required=False, max_digits=9, decimal_places=6, widget=forms.HiddenInput(attrs={"data-place-lng": ""})
    )
    radius = forms.TypedChoiceField(label=_("Radius"), required=False, coerce=int, empty_value=None)
    consent = SubscribeForm.base_fields["consent"]
    form_url = forms.CharField(required=False, max_length=FORM_URL_MAX_LENGTH, widget=forms.HiddenInput)

    def __init__(self, *args, topics=(), places=(), **kwargs):
        super().__init__(*args, **kwargs)
        from subscriptions.follow import RADII

        self.fields["topics"].choices = list(topics)
        self.places = {place.pk: place for place in places}
        self.fields["place"].choices = [("", _("– choose an address –"))] + [
            (place.pk, f"{place.name}, {place.street}") for place in places
        ]
        self.fields["radius"].choices = RADII
        self.fields["radius"].initial = 500

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])

    def clean_form_url(self):
        return SubscribeForm.clean_form_url(self)

    def clean(self):
        from subscriptions.follow import make_area

        cleaned = super().clean()
        keys = list(cleaned.get("topics") or [])
        place = self.places.get(cleaned.get("place"))
        latitude, longitude = cleaned.get("latitude"), cleaned.get("longitude")
        if place is not None:
            latitude, longitude = place.latitude, place.longitude
        if latitude is not None and longitude is not None:
            area = make_area(latitude, longitude, cleaned.get("radius") or 0)
            if area is None:
                self.add_error("radius", _("Please choose a radius from the list."))
            else:
                keys.append(area.key)
        if not keys and not self.errors:
            raise forms.ValidationError(_("Please choose what you want to follow."))
        cleaned["keys"] = keys
        return cleaned
