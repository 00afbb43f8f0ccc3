"""Participation: residents' contributions (moderated), the participation page, ad-hoc form pages, settings.

Personal data of a contribution (name, e-mail, consent) sits in clearly named `contact_*` fields of the same row:
public code reads contributions only through `Contribution.objects.public()`, which never loads those fields,
and deleting the row deletes them. `purge_participation` blanks them after the retention period.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from places.models import Point
from stadtteil import routing
from stadtteil.forms import public_form_builder
from stadtteil.routing import localized_path

RICH = ["bold", "italic", "link", "ul", "ol"]

# Fields a public page, feed or map may read. Anything personal is deliberately missing.
PUBLIC_FIELDS = [
    "id",
    "message",
    "language",
    "field_of_action",
    "measure",
    "address",
    "latitude",
    "longitude",
    "public_reply",
    "replied_at",
    "created_at",
    "status",
    "public_status",
    "public_reason",
    "public_reason_language",
    "first_answered_at",
]
PERSONAL_FIELDS = ["contact_name", "contact_email", "reply_consent"]


class ContributionQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Contribution.Status.APPROVED)

    def public(self):
        """Approved contributions with only their public fields loaded, newest first."""
        return self.approved().only(*PUBLIC_FIELDS).order_by("-created_at", "-pk")

    def with_personal_data(self):
        return self.exclude(contact_name="", contact_email="", reply_consent=False)


class Contribution(Point):
    """An idea, comment or complaint of a resident; public only once staff approve it.

    Two statuses: `status` is moderation (may it be published?), `public_status` is "you said, we did" (what
    became of it), shown with the contribution once it is published.
    """

    class Status(models.TextChoices):
        NEW = "new", _("new")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    class PublicStatus(models.TextChoices):
        # A context keeps these apart from other apps' "received" etc. in the merged catalogues.
        RECEIVED = "received", pgettext_lazy("contribution status", "received")
        IN_REVIEW = "in_review", pgettext_lazy("contribution status", "under review")
        ANSWERED = "answered", pgettext_lazy("contribution status", "answered")
        IMPLEMENTED = "implemented", pgettext_lazy("contribution status", "implemented")
        NOT_IMPLEMENTED = "not_implemented", pgettext_lazy("contribution status", "not implemented")

    # Setting one of these (or a first public reply) counts as the first official answer.
    ANSWER_STATUSES = ("answered", "implemented", "not_implemented")
    # These two tell residents a decision: they need a public reason.
    DECISION_STATUSES = ("implemented", "not_implemented")

    message = models.TextField(_("message"), max_length=4000)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES, default="de")
    # Kept pointing at the source-language (German) objects; templates show their translations.
    field_of_action = models.ForeignKey(
        "projects.FieldOfAction",
        verbose_name=_("field of action"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    measure = models.ForeignKey(
        "projects.ProjectPage",
        verbose_name=_("measure"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    address = models.CharField(_("place (address or description)"), max_length=200, blank=True)
    # latitude, longitude: places.models.Point

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    rejection_reason = models.TextField(
        _("reason for rejection"), blank=True, help_text=_("Internal; required when rejecting.")
    )
    public_reply = models.TextField(
        _("public reply"), blank=True, help_text=_("Shown below the contribution once it is approved.")
    )
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True, editable=False)
    public_status = models.CharField(
        _("public status"),
        max_length=16,
        choices=PublicStatus.choices,
        default=PublicStatus.RECEIVED,
        help_text=_("What became of the contribution; shown publicly with it once it is approved."),
    )
    public_reason = models.TextField(
        _("public reason"),
        blank=True,
        max_length=2000,
        help_text=_("Why it was or was not implemented; shown publicly. Required for these two statuses."),
    )
    public_reason_language = models.CharField(
        _("language of the reason"), max_length=10, choices=settings.LANGUAGES, default="de"
    )
    # Set once, by save(), at the first public reply or answering status; never changed afterwards, so that
    # the published figures (median days to the first answer) cannot be improved after the fact.
    first_answered_at = models.DateTimeField(_("first official answer"), null=True, blank=True, editable=False)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("received"), default=timezone.now, editable=False, db_index=True)

    # --- personal data: never rendered publicly, blanked after the retention period -------------------------------
    contact_name = models.CharField(_("name"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    reply_consent = models.BooleanField(_("consents to a reply by e-mail"), default=False)
    personal_data_purged_at = models.DateTimeField(_("personal data deleted"), null=True, blank=True, editable=False)

    objects = ContributionQuerySet.as_manager()

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self):
        # Admin logs store this label: no personal data and no message text in it.
        when = timezone.localtime(self.created_at).strftime("%d.%m.%Y") if self.created_at else ""
        return str(_("Contribution #%(number)s of %(date)s")) % {"number": self.pk or "–", "date": when}

    def save(self, *args, **kwargs):
        if self.first_answered_at is None and self.is_answered_now:
            self.first_answered_at = timezone.now()
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "first_answered_at"}
        super().save(*args, **kwargs)

    @property
    def is_answered_now(self):
        return bool(self.public_reply.strip()) or self.public_status in self.ANSWER_STATUSES

    @property
    def answer_days(self):
        """Whole days from receipt to the first official answer, for display."""
        days = self.days_to_first_answer
        return None if days is None else int(days)

    @property
    def is_decided(self):
        return self.public_status in self.DECISION_STATUSES

    @property
    def days_to_first_answer(self):
        if self.first_answered_at is None or self.created_at is None:
            return None
        return (self.first_answered_at - self.created_at).total_seconds() / 86400

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.status == self.Status.REJECTED and not self.rejection_reason.strip():
            raise ValidationError({"rejection_reason": _("Please give a reason when rejecting a contribution.")})
        if self.public_status in self.DECISION_STATUSES and not self.public_reason.strip():
            raise ValidationError(
                {"public_reason": _("Please give a public reason for “implemented” and “not implemented”.")}
            )

    @property
    def has_personal_data(self):
        return bool(self.contact_name or self.contact_email or self.reply_consent)

    @property
    def excerpt(self):
        return self.message if len(self.message) <= 80 else self.message[:79] + "…"

    @property
    def reply_label(self):
        return _("yes") if self.public_reply else "–"

    def purge_personal_data(self, now=None):
        self.contact_name = ""
        self.contact_email = ""
        self.reply_consent = False
        self.personal_data_purged_at = now or timezone.now()


@register_setting(icon="mail")
class ParticipationSettings(BaseSiteSetting):
    notification_email = models.EmailField(
        _("notification address"),
        blank=True,
        help_text=_("Staff get an e-mail about each new contribution at this address."),
    )

    panels = [FieldPanel("notification_email")]

    class Meta:
        verbose_name = _("participation")


class ParticipationPage(RoutablePageMixin, Page):
    """The participation page (/de/beteiligung/): the form and the approved contributions."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH)
    privacy_note = RichTextField(
        _("privacy note"),
        blank=True,
        features=RICH,
        help_text=_("Shown next to the form: what happens with the data, how long it is kept."),
    )
    thank_you_text = RichTextField(_("thank-you text"), blank=True, features=RICH)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("privacy_note"),
        FieldPanel("thank_you_text"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["participation.FormPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("participation page")
        verbose_name_plural = _("participation pages")

    @path("")
    def index_route(self, request, *args, **kwargs):
        from participation import views

        # The page itself takes the POST of the form (from here and from the measure pages).
        if request.method == "POST":
            return views.submit(self, request)
        return super().index_route(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from participation import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.page_context(self, request))
        return context

    @localized_path({"de": "danke/", "en": "thanks/"}, name="thanks")
    def thanks(self, request):
        from participation import views

        return views.thanks(self, request)

    @path("geojson/", name="geojson")
    def geojson(self, request):
        from participation import views

        return views.geojson(self, request)

    # "You said, we did": the figures per year, under a path in each page's language.
    @localized_path({"de": "zahlen/", "en": "figures/"}, name="figures")
    def figures(self, request):
        from participation import accountability

        return accountability.figures(self, request)

    @localized_path({"de": "zahlen/<int:year>/", "en": "figures/<int:year>/"}, name="figures_year")
    def figures_year(self, request, year):
        from participation import accountability

        return accountability.figures(self, request, year)

    # The figures as open data (CC BY 4.0), described in the data catalogue (projects.catalogue).
    @localized_path({"de": "zahlen/json/", "en": "figures/json/"}, name="figures_json")
    def figures_json(self, request):
        from participation import accountability

        return accountability.figures_json(self, request)

    @localized_path({"de": "zahlen/csv/", "en": "figures/csv/"}, name="figures_csv")
    def figures_csv(self, request):
        from participation import accountability

        return accountability.figures_csv(self, request)

    def get_sitemap_urls(self, request=None):
        """The page plus its figures, overall and per year, so that search engines find them."""
        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        from participation.accountability import figure_years

        entry = urls[0]
        urls.append(routing.sitemap_entry(entry, self, "figures"))
        for year in figure_years():
            urls.append(routing.sitemap_entry(entry, self, "figures_year", ("figures", year), args=[year]))
        return urls


class FormField(TranslatableMixin, AbstractFormField):
    """A field of a FormPage; translatable, with the same `clean_name` in every language (one export)."""

    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")

    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        pass


class FormPage(AbstractEmailForm):
    """An ad-hoc survey or event registration built in the admin; submissions are listed and exported there."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH)
    privacy_note = RichTextField(_("privacy note"), blank=True, features=RICH)
    thank_you_text = RichTextField(_("thank-you text"), blank=True, features=RICH)

    content_panels = AbstractEmailForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("privacy_note"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("E-mail about each submission"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["participation.ParticipationPage"]
    subpage_types = []
    # Length limits and no control characters in what visitors type, as on every public form.
    form_builder = public_form_builder()

    class Meta:
        verbose_name = _("form page")
        verbose_name_plural = _("form pages")

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from participation.views import guard_form_page

            refusal = guard_form_page(self, request)
            if refusal is not None:
                return refusal
        return super().serve(request, *args, **kwargs)

    def send_mail(self, form):
        # By the background worker, after the commit; the task reads the submission by its id only.
        from participation.tasks import send_form_submission_mail

        submission = getattr(form, "_participation_submission", None)
        if submission is not None:
            from functools import partial

            from django.db import transaction

            transaction.on_commit(partial(send_form_submission_mail.enqueue, submission.pk))

    def process_form_submission(self, form):
        submission = self.get_submission_class().objects.create(form_data=form.cleaned_data, page=self)
        if self.to_address:
            form._participation_submission = submission
            self.send_mail(form)
        return submission
