"""The contribution form (full version on the participation page, short version on each measure page)."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from participation.models import Contribution
from places.models import point_errors
from projects.models import FieldOfAction, ProjectPage
from stadtteil import collation
from stadtteil.forms import PublicTextMixin, SafeModelChoiceField
from stadtteil.guards import HoneypotMixin
from stadtteil.visibility import public_pages

# A generous box around Heeren-Werve (Kamen): places outside it are typing or clicking errors.
MAP_BOUNDS = {"south": Decimal("51.55"), "north": Decimal("51.62"), "west": Decimal("7.62"), "east": Decimal("7.78")}
MAP_CENTRE = (Decimal("51.5835"), Decimal("7.7005"))


def source_object(obj):
    """The object in the default (German) locale, so counts and admin filters see one object per item."""
    if obj is None:
        return None
    from wagtail.models import Locale

    default = Locale.get_default()
    if obj.locale_id == default.pk:
        return obj
    return obj.get_translation_or_none(default) or obj


class ContributionForm(PublicTextMixin, HoneypotMixin, forms.ModelForm):
    message = forms.CharField(
        label=_("Your idea, comment or question"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": _("Please write your message."),
            "max_length": _(
                "Please shorten your message to at most %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
    )
    field_of_action = SafeModelChoiceField(
        label=_("Field of action (optional)"),
        queryset=FieldOfAction.objects.none(),
        required=False,
        empty_label=_("– not sure / other –"),
        error_messages={"invalid_choice": _("Please choose one of the fields of action offered.")},
    )
    measure = SafeModelChoiceField(
        label=_("Related measure (optional)"),
        queryset=ProjectPage.objects.none(),
        required=False,
        empty_label=_("– none –"),
        error_messages={"invalid_choice": _("Please choose one of the measures offered.")},
    )
    address = forms.CharField(
        label=_("Place (optional)"),
        help_text=_("A street, a building or a description, e.g. “bench at the Rosenstraße playground”."),
        max_length=200,
        required=False,
        error_messages={"max_length": _("Please describe the place in at most %(limit_value)d characters.")},
    )
    latitude = forms.DecimalField(
        max_digits=9,
        decimal_places=6,
        required=False,
        widget=forms.HiddenInput(attrs={"data-place-lat": ""}),
        localize=False,
    )
    longitude = forms.DecimalField(
        max_digits=9,
        decimal_places=6,
        required=False,
        widget=forms.HiddenInput(attrs={"data-place-lng": ""}),
        localize=False,
    )
    contact_name = forms.CharField(
        label=_("Name (optional)"),
        help_text=_("Never published."),
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"max_length": _("Please shorten your name to at most %(limit_value)d characters.")},
    )
    contact_email = forms.EmailField(
        label=_("E-mail address (optional)"),
        help_text=_("Only if you would like a personal reply. Never published."),
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": _("Please enter a valid e-mail address, e.g. name@example.org.")},
    )
    reply_consent = forms.BooleanField(
        label=_("Yes, the district office may use my e-mail address to reply to this contribution."),
        required=False,
    )

    class Meta:
        model = Contribution
        fields = [
            "message",
            "field_of_action",
            "measure",
            "address",
            "latitude",
            "longitude",
            "contact_name",
            "contact_email",
            "reply_consent",
        ]

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        if locale is not None:
            self.fields["field_of_action"].queryset = FieldOfAction.objects.filter(locale=locale).order_by(
                "sort_order", "name"
            )
            # Only measures an anonymous visitor may open are offered (and accepted).
            measure = self.fields["measure"]
            measure.queryset = public_pages(
                ProjectPage.objects.live().filter(locale=locale).order_by("title").only("id", "title", "locale")
            )
            # Offered in German alphabetical order (databases sort "Ä" after "Z"); the queryset still validates.
            blank = [("", measure.empty_label)] if measure.empty_label is not None else []
            measure.choices = blank + [(m.pk, m.title) for m in collation.sorted_by(measure.queryset, "title")]

    def clean(self):
        cleaned = super().clean()
        lat, lng = cleaned.get("latitude"), cleaned.get("longitude")
        if point_errors(lat, lng):
            # The picker's fields are hidden, so the model's field errors (places.models.Point) would go unseen.
            self.add_error(None, _("The place on the map was incomplete; please choose it again."))
        elif lat is not None and not (
            MAP_BOUNDS["south"] <= lat <= MAP_BOUNDS["north"] and MAP_BOUNDS["west"] <= lng <= MAP_BOUNDS["east"]
        ):
            self.add_error(None, _("The place on the map is outside Heeren-Werve; please choose it again."))
        if cleaned.get("reply_consent") and not cleaned.get("contact_email"):
            self.add_error("contact_email", _("Please enter your e-mail address so that we can reply."))
        if cleaned.get("contact_email") and not cleaned.get("reply_consent"):
            self.add_error(
                "reply_consent",
                _("Please confirm that we may use your e-mail address for a reply, or leave the address out."),
            )
        return cleaned

    def full_clean(self):
        super().full_clean()
        # Screen readers announce the error with the field: point each invalid field at its message.
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                ids = [f"{bound.auto_id}_error"] + ([f"{bound.auto_id}_helptext"] if bound.help_text else [])
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)

    def save(self, commit=True, language="de"):
        contribution = super().save(commit=False)
        contribution.language = language
        measure = self.cleaned_data.get("measure")
        contribution.measure = source_object(measure)
        field = self.cleaned_data.get("field_of_action")
        if field is None and measure is not None:
            field = measure.field_of_action
        contribution.field_of_action = source_object(field)
        if commit:
            contribution.save()
        return contribution
