"""The neighbourhood fund ("Verfügungsfonds"): the yearly budget, the applications with their status history and
attachments, and the page that explains the fund and carries the application form.

Approved, paid-out and remaining amounts are always computed from the applications, never stored.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from fund.storage import private_storage
from places.models import Point
from stadtteil import routing
from stadtteil.blocks import BodyStreamBlock
from stadtteil.models import optional_link
from stadtteil.routing import localized_path

ZERO = Decimal("0.00")
GRANT_SHARE = Decimal("0.5")  # the fund pays at most half of a project's cost


def max_grant():
    return Decimal(str(settings.FUND_MAX_GRANT))


class FundYear(models.Model):
    """The money the fund has in one calendar year; everything else is computed from the applications."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    budget = models.DecimalField(_("total budget"), max_digits=10, decimal_places=2)

    panels = [FieldPanel("year"), FieldPanel("budget")]

    class Meta:
        verbose_name = _("fund year")
        verbose_name_plural = _("fund years")
        ordering = ["-year"]

    def __str__(self):
        return str(self.year)

    @cached_property
    def figures(self):
        return budget_for(self.year, self.budget)

    # For the admin list and its CSV/XLSX export: the sums of the year.
    @property
    def approved_total(self):
        return self.figures["approved"]

    @property
    def paid_total(self):
        return self.figures["paid"]

    @property
    def remaining_total(self):
        return self.figures["remaining"]


def budget_for(year, total=None):
    """Total, approved, paid out and remaining of one year, from the applications submitted in that year."""
    if total is None:
        total = FundYear.objects.filter(year=year).values_list("budget", flat=True).first() or ZERO
    sums = Application.objects.filter(year=year).aggregate(
        approved=Sum("approved_amount", filter=Q(status__in=Application.FUNDED_STATUSES)),
        paid=Sum("paid_amount", filter=Q(status=Application.Status.SETTLED)),
    )
    approved = sums["approved"] or ZERO
    paid = sums["paid"] or ZERO
    return {"year": year, "total": total, "approved": approved, "paid": paid, "remaining": total - approved}


class Application(Point):
    class ApplicantType(models.TextChoices):
        PERSON = "person", _("private person")
        GROUP = "group", _("group or initiative")
        CLUB = "club", _("club or association")
        BUSINESS = "business", _("business")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received")
        REVIEW = "review", _("under review")
        COMMITTEE = "committee", _("with the district committee")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        CARRIED_OUT = "carried_out", _("carried out")
        PROOF = "proof", _("proof submitted")
        SETTLED = "settled", _("settled")

    # Which status may follow which; staff move applications forward only (or back one step for review).
    TRANSITIONS = {
        "received": ["review", "rejected"],
        "review": ["committee", "rejected"],
        "committee": ["approved", "rejected", "review"],
        "approved": ["carried_out"],
        "rejected": [],
        "carried_out": ["proof"],
        "proof": ["settled", "carried_out"],
        "settled": [],
    }
    FUNDED_STATUSES = ["approved", "carried_out", "proof", "settled"]

    reference = models.CharField(_("reference number"), max_length=20, unique=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("submitted"), default=timezone.now, editable=False)
    year = models.PositiveSmallIntegerField(_("funding year"), db_index=True, editable=False)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, default="de")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.RECEIVED)

    applicant_type = models.CharField(_("applicant"), max_length=16, choices=ApplicantType.choices)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("group, club or business"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)  # blank only once purged
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    title = models.CharField(_("project title"), max_length=200)
    description = models.TextField(_("description"))
    goals = models.TextField(_("goals"))
    address = models.CharField(_("place (address)"), max_length=200)
    # latitude, longitude: places.models.Point
    start_date = models.DateField(_("start"))
    end_date = models.DateField(_("end"))

    total_cost = models.DecimalField(_("total cost"), max_digits=10, decimal_places=2)
    own_contribution = models.DecimalField(_("own contribution"), max_digits=10, decimal_places=2)
    requested_grant = models.DecimalField(_("requested grant"), max_digits=10, decimal_places=2)
    above_cap_reason = models.TextField(_("reason for a grant above the cap"), blank=True)
    flagged = models.BooleanField(
        _("needs attention"), default=False, help_text=_("The request is above the cap for one project.")
    )
    consent_publish = models.BooleanField(
        _("may be shown publicly"), default=False, help_text=_("The applicant agreed to a public listing if funded.")
    )

    approved_amount = models.DecimalField(_("approved amount"), max_digits=10, decimal_places=2, null=True, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    paid_amount = models.DecimalField(_("amount paid out"), max_digits=10, decimal_places=2, null=True, blank=True)
    photo = optional_link("wagtailimages.Image", _("photo for the public list"))
    staff_notes = models.TextField(_("internal notes"), blank=True)
    purged_at = models.DateTimeField(_("personal data deleted"), null=True, blank=True, editable=False)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldRowPanel([FieldPanel("approved_amount"), FieldPanel("paid_amount")]),
                FieldPanel("conditions"),
                FieldPanel("rejection_reason"),
                FieldPanel("staff_notes"),
            ],
            heading=_("Decision"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("applicant_type"),
                FieldPanel("name"),
                FieldPanel("organisation"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("language"),
            ],
            heading=_("Applicant"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("description"),
                FieldPanel("goals"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldPanel("photo"),
                FieldPanel("consent_publish"),
            ],
            heading=_("Project"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("total_cost"), FieldPanel("own_contribution"), FieldPanel("requested_grant")]
                ),
                FieldPanel("above_cap_reason"),
                FieldPanel("flagged"),
            ],
            heading=_("Money"),
        ),
    ]

    class Meta:
        verbose_name = _("fund application")
        verbose_name_plural = _("fund applications")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def save(self, *args, **kwargs):
        if not self.year:
            self.year = timezone.localtime(self.created_at).year
        self.flagged = self.flagged or (self.requested_grant is not None and self.requested_grant > max_grant())
        super().save(*args, **kwargs)
        if not self.reference:
            self.reference = f"VF-{self.year}-{self.pk:04d}"
            type(self).objects.filter(pk=self.pk).update(reference=self.reference)

    @property
    def next_statuses(self):
        return self.TRANSITIONS.get(self.status, [])

    @property
    def is_funded(self):
        return self.status in self.FUNDED_STATUSES

    @property
    def public_grant(self):
        return self.approved_amount

    def purge_personal_data(self):
        """After the retention period: the person and their files go; title, amounts and dates stay."""
        for attachment in self.attachments.all():
            attachment.file.delete(save=False)
        self.attachments.all().delete()
        self.name = self.email = self.phone = self.staff_notes = ""
        if self.applicant_type == self.ApplicantType.PERSON:
            self.address = ""
        self.purged_at = timezone.now()
        self.save()

    def change_status(self, status, user=None, note=""):
        """Move to the next status, log who and when, and mail the applicant (after the commit)."""
        from fund import mail

        if status not in self.next_statuses or self.purged_at:
            raise ValueError(f"{self.status} -> {status} is not allowed")
        previous = self.status
        self.status = status
        if status == self.Status.SETTLED and self.paid_amount is None:
            self.paid_amount = self.approved_amount
        self.save()
        record = StatusChange.objects.create(
            application=self, from_status=previous, to_status=status, user=user, note=note
        )
        mail.send_status_mail_on_commit(self)
        return record


class StatusChange(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=16, choices=Application.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Application.Status.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, blank=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.application_id}: {self.from_status} → {self.to_status}"


def attachment_path(instance, filename):
    # Unguessable names: attachments are private and never linked publicly.
    extension = filename.rsplit(".", 1)[-1].lower()
    return f"fund/{uuid.uuid4().hex}.{extension}"


class Attachment(models.Model):
    class Kind(models.TextChoices):
        APPLICATION = "application", _("with the application")
        PROOF = "proof", _("proof (photos, invoices)")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.APPLICATION)
    file = models.FileField(_("file"), upload_to=attachment_path, storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=200)
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class FundPage(RoutablePageMixin, Page):
    """Explains the fund, shows this year's budget and the funded projects, and carries the application form."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    body = StreamField(BodyStreamBlock(), verbose_name=_("further content"), blank=True)
    thanks = RichTextField(
        _("text after applying"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown after the form was sent. Leave empty for the default text."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body"), FieldPanel("thanks")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("neighbourhood fund page")
        verbose_name_plural = _("neighbourhood fund pages")

    def get_context(self, request, *args, **kwargs):
        from fund import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.overview_context(self, request))
        return context

    @path("geojson/", name="geojson")
    def geojson(self, request):
        from fund import views

        return views.geojson(self, request)

    @localized_path({"de": "antrag/", "en": "apply/"}, name="apply")
    def apply(self, request):
        from fund import views

        return views.apply(self, request)

    # The signed value's three parts (payload, time, signature) as path segments: Wagtail's page URLs
    # allow only letters, digits, "_" and "-" (no ":").
    @re_path(r"^status/(?P<payload>[\w\-]+)/(?P<stamp>[\w\-]+)/(?P<signature>[\w\-]+)/$", name="status")
    def status(self, request, payload, stamp, signature):
        from fund import views

        return views.status(self, request, f"{payload}:{stamp}:{signature}")

    @re_path(
        r"^status/(?P<payload>[\w\-]+)/(?P<stamp>[\w\-]+)/(?P<signature>[\w\-]+)/file/(?P<pk>[0-9]+)/$",
        name="status_file",
    )
    def status_file(self, request, payload, stamp, signature, pk):
        from fund import views

        return views.status_attachment(self, request, f"{payload}:{stamp}:{signature}", int(pk))

    def apply_url(self, request=None):
        return routing.url(self, "apply", request)
