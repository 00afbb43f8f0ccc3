from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from documents.processing import validate_upload
from fund.models import GRANT_SHARE, Application, max_grant
from places.formatting import format_euro
from stadtteil.forms import PublicTextMixin
from stadtteil.guards import HoneypotMixin

ATTACHMENT_EXTENSIONS = ("pdf", "jpg", "jpeg", "png")
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 5


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several PDFs or images, each checked with the downloads' safe-upload rules (content matches the type)."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png"

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        if len(files) > MAX_ATTACHMENTS:
            raise forms.ValidationError(
                _("Please upload at most %(count)s files.") % {"count": MAX_ATTACHMENTS}, code="too_many"
            )
        errors = []
        for file in files:
            file = super().clean(file, initial)
            extension = file.name.rsplit(".", 1)[-1].lower() if "." in file.name else ""
            if extension not in ATTACHMENT_EXTENSIONS:
                errors.append(_("“%(name)s”: only PDF, JPEG and PNG files can be attached.") % {"name": file.name[:80]})
            elif file.size > MAX_ATTACHMENT_BYTES:
                errors.append(_("“%(name)s” is larger than 10 MB.") % {"name": file.name[:80]})
            else:
                errors.extend(f"“{file.name[:80]}”: {reason}" for reason in validate_upload(file))
        if errors:
            raise forms.ValidationError(errors)
        return files


def _money(label, **kwargs):
    return forms.DecimalField(
        label=label,
        min_value=Decimal("0.00"),
        max_digits=10,
        decimal_places=2,
        localize=True,
        error_messages={
            "required": _("Please enter an amount in euros."),
            "invalid": _("Please enter an amount in euros, e.g. 1200 or 1200,50."),
            "min_value": _("The amount cannot be negative."),
            "max_digits": _("This amount is too large."),
            "max_decimal_places": _("Please enter at most two decimal places (cents)."),
        },
        **kwargs,
    )


class ApplicationForm(PublicTextMixin, HoneypotMixin, forms.ModelForm):
    total_cost = _money(_("Total cost of the project (€)"))
    own_contribution = _money(_("Own contribution (€)"), help_text=_("Money, donations or other funds you bring."))
    requested_grant = _money(_("Requested grant (€)"))
    consent = forms.BooleanField(
        label=_(
            "I agree that my details are stored and processed to decide on this application and to pay out the "
            "grant. They are deleted after the retention period."
        ),
        error_messages={"required": _("Please agree to the processing of your data, or we cannot decide.")},
    )
    attachments = AttachmentsField(
        label=_("Attachments (optional)"),
        help_text=_("Cost estimates, sketches or photos: PDF, JPEG or PNG, at most 5 files of 10 MB each."),
    )

    class Meta:
        model = Application
        fields = [
            "applicant_type",
            "name",
            "organisation",
            "email",
            "phone",
            "title",
            "description",
            "goals",
            "address",
            "latitude",
            "longitude",
            "start_date",
            "end_date",
            "total_cost",
            "own_contribution",
            "requested_grant",
            "above_cap_reason",
            "consent_publish",
        ]
        labels = {
            "applicant_type": _("You apply as"),
            "name": _("Your name"),
            "organisation": _("Name of the group, club or business (if any)"),
            "email": _("E-mail address"),
            "phone": _("Phone (optional)"),
            "title": _("Project title"),
            "description": _("What do you plan?"),
            "goals": _("What should the project achieve for the district?"),
            "address": _("Where does it take place? (address)"),
            "latitude": _("Map point (optional): latitude"),
            "longitude": _("Map point (optional): longitude"),
            "start_date": _("Start"),
            "end_date": _("End"),
            "above_cap_reason": _("Reason for a grant above the cap"),
            "consent_publish": _(
                "If the project is funded, its title, description, place and grant may be shown on this website "
                "(without my name)."
            ),
        }
        localized_fields = ["latitude", "longitude"]  # German decimal comma
        widgets = {
            "applicant_type": forms.RadioSelect,
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 5}),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "above_cap_reason": forms.Textarea(attrs={"rows": 3}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        error_messages = {
            "applicant_type": {"required": _("Please tell us whether you apply as a person, group, club or business.")},
            "name": {"required": _("Please enter your name.")},
            "email": {
                "required": _("Please enter your e-mail address: we send the confirmation there."),
                "invalid": _("Please enter a valid e-mail address, e.g. name@example.org."),
            },
            "title": {"required": _("Please give your project a title.")},
            "description": {"required": _("Please describe your project.")},
            "goals": {"required": _("Please describe what the project should achieve.")},
            "address": {"required": _("Please say where the project takes place.")},
            "start_date": {
                "required": _("Please enter when the project starts."),
                "invalid": _("Please enter a date."),
            },
            "end_date": {"required": _("Please enter when the project ends."), "invalid": _("Please enter a date.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True  # blank in the model only for purged applications
        self.fields["applicant_type"].choices = Application.ApplicantType.choices  # no "---------" radio
        self.fields["above_cap_reason"].help_text = _(
            "Only needed if you request more than %(cap)s: the district committee decides on exceptions."
        ) % {"cap": format_euro(max_grant())}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end cannot be before the start."))
        applicant_type = cleaned.get("applicant_type")
        if applicant_type and applicant_type != Application.ApplicantType.PERSON and not cleaned.get("organisation"):
            self.add_error("organisation", _("Please enter the name of your group, club or business."))
        total, own, grant = cleaned.get("total_cost"), cleaned.get("own_contribution"), cleaned.get("requested_grant")
        if total is not None and total <= 0:
            self.add_error("total_cost", _("Please enter the total cost of the project."))
            return cleaned
        if grant is not None and grant <= 0:
            self.add_error("requested_grant", _("Please enter the grant you request."))
            return cleaned
        if None in (total, own, grant):
            return cleaned
        if grant > total * GRANT_SHARE:
            self.add_error(
                "requested_grant",
                _("The fund pays at most half of the cost: at most %(max)s for a total of %(total)s.")
                % {"max": format_euro(total * GRANT_SHARE), "total": format_euro(total)},
            )
        elif own + grant != total:
            self.add_error(
                "own_contribution",
                _("Own contribution and grant must add up to the total cost: %(own)s + %(grant)s is not %(total)s.")
                % {"own": format_euro(own), "grant": format_euro(grant), "total": format_euro(total)},
            )
        if grant > max_grant() and not (cleaned.get("above_cap_reason") or "").strip():
            self.add_error(
                "above_cap_reason",
                _(
                    "You request more than %(cap)s, the usual maximum per project. Please explain why; "
                    "the district committee decides on exceptions."
                )
                % {"cap": format_euro(max_grant())},
            )
        return cleaned


class ProofForm(forms.Form):
    """Photos and invoices after the project, uploaded through the private status link."""

    files = AttachmentsField(
        label=_("Photos and invoices"),
        required=True,
        help_text=_("PDF, JPEG or PNG, at most 5 files of 10 MB each."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].error_messages["required"] = _("Please choose at least one file.")
