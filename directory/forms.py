from django import forms
from django.utils.translation import gettext_lazy as _

from directory.models import DirectoryEntry
from stadtteil.forms import PublicTextMixin, SafeModelChoiceField
from stadtteil.guards import HoneypotMixin


class ProposalForm(PublicTextMixin, HoneypotMixin, forms.ModelForm):
    """A new entry or a correction, proposed by an owner or a club; hidden until staff approve it."""

    text_limits = {"description": 2000, "accessibility_notes": 2000, "proposal_note": 2000}

    website_url = forms.URLField(
        label=_("Website (optional)"),
        assume_scheme="https",
        required=False,
        error_messages={"invalid": _("Please enter a full web address, e.g. https://example.org.")},
    )
    honeypot = "homepage"  # "website" would clash with the entry's own field

    class Meta:
        model = DirectoryEntry
        fields = [
            "correction_of",
            "name",
            "category",
            "description",
            "street",
            "postcode",
            "phone",
            "email",
            "step_free",
            "accessibility_notes",
            "proposal_note",
            "proposer_email",
        ]
        labels = {
            "correction_of": _("Correction of an existing entry (optional)"),
            "name": _("Name"),
            "category": _("Category"),
            "description": _("Short description"),
            "street": _("Street and number"),
            "postcode": _("Postcode"),
            "phone": _("Phone (optional)"),
            "email": _("Public e-mail address (optional)"),
            "step_free": _("Step-free access"),
            "accessibility_notes": _("Notes on accessibility (optional)"),
            "proposal_note": _("Opening hours and other notes"),
            "proposer_email": _("Your e-mail address for questions (not published)"),
        }
        field_classes = {"correction_of": SafeModelChoiceField}
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "proposal_note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "name": {"required": _("Please enter the name.")},
            "category": {"required": _("Please choose a category.")},
            "description": {"required": _("Please describe the place in a sentence or two.")},
            "street": {"required": _("Please enter the address.")},
        }

    def __init__(self, *args, locale=None, **kwargs):
        super().__init__(*args, **kwargs)
        entries = DirectoryEntry.objects.filter(approved=True)
        self.fields["correction_of"].queryset = entries.filter(locale=locale) if locale else entries
        self.fields["proposer_email"].required = True
        self.fields["proposer_email"].error_messages["required"] = _(
            "Please enter your e-mail address, so that we can ask if something is unclear."
        )
