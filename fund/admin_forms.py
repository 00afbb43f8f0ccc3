from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from fund.models import Application


class ApplicationAdminForm(WagtailAdminModelForm):
    """Staff move an application one step along the status flow; each step asks for what it needs."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            current = self.instance.status if self.instance.pk else Application.Status.RECEIVED
            allowed = [current, *Application.TRANSITIONS.get(current, [])] if self.instance.pk else [current]
            self.fields["status"].choices = [(v, label) for v, label in Application.Status.choices if v in allowed]
            self.fields["status"].help_text = _("Only the next steps of the status flow can be chosen.")

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        approved = cleaned.get("approved_amount")
        requested = cleaned.get("requested_grant") or self.instance.requested_grant
        if status in Application.FUNDED_STATUSES:
            if approved is None or approved <= 0:
                self.add_error("approved_amount", _("Please enter the approved amount."))
            elif requested is not None and approved > requested:
                self.add_error("approved_amount", _("The approved amount cannot be higher than the requested grant."))
        if status == Application.Status.REJECTED and not (cleaned.get("rejection_reason") or "").strip():
            self.add_error("rejection_reason", _("Please give the reason for the rejection; the applicant reads it."))
        paid = cleaned.get("paid_amount")
        if paid is not None and approved is not None and paid > approved:
            self.add_error("paid_amount", _("The amount paid out cannot be higher than the approved amount."))
        if paid is not None and status != Application.Status.SETTLED:
            self.add_error("paid_amount", _("Enter the amount paid out only when settling the application."))
        return cleaned
