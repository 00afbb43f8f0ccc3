"""Measures (Maßnahmen) of the integrated action plan, grouped by fields of action (Handlungsfelder).

Money is stored in whole euros (the plan states estimates, not cents). The overview page carries the
plan, timeline, map and open-data sub-views (see `ProjectIndexPage` and the `projects.views` package).
"""

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from places.formatting import format_euro
from places.models import Point
from projects.change_notes import ChangeNote, ChangeNoteFields, ChangeNoteFormMixin  # noqa: F401 (ChangeNote: the app's model)
from stadtteil import routing
from stadtteil.blocks import BodyStreamBlock
from stadtteil.facts import FactsFromSourcePageForm, synchronized
from stadtteil.models import optional_link
from stadtteil.routing import localized_path

NOT_NEGATIVE = MinValueValidator(0, message=_("Amounts cannot be negative."))


class Icon(models.TextChoices):
    # Each value names an SVG in projects/static/projects/icons/.
    HOUSE = "house", _("House")
    SHOP = "shop", _("Shop")
    BOOK = "book", _("Book")
    TREE = "tree", _("Tree")
    LEAF = "leaf", _("Leaf")
    SQUARE = "square", _("Square")
    BUILDING = "building", _("Building")
    STAR = "star", _("Star")


@register_snippet
class FieldOfAction(TranslatableMixin, models.Model):
    """A Handlungsfeld of the integrated action plan (e.g. Wohnen, Grün- und Freiraum)."""

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("short description"), blank=True)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#1f5f3a",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #rrggbb, e.g. #1f5f3a."))],
        help_text=_("Used for map markers and the timeline; choose a colour with enough contrast to white."),
    )
    icon = models.CharField(_("icon"), max_length=20, choices=Icon.choices, default=Icon.STAR)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("description"), FieldPanel("colour"), FieldPanel("icon")]
    panels += [FieldPanel("sort_order")]
    # Colour, icon and order are the same in every language: wagtail-localize keeps them in sync.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("colour"),
        SynchronizedField("icon"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    @property
    def icon_path(self):
        return f"projects/icons/{self.icon}.svg"


@register_snippet
class Phase(TranslatableMixin, models.Model):
    """A step in the life of a measure (e.g. Idee, Planung, Bau): the list and its order are the editors'."""

    name = models.CharField(_("name"), max_length=80)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("sort_order")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class ParticipationLevel(models.TextChoices):
    # The steps of the participation ladder as German municipalities name them (Information, Konsultation,
    # Mitwirkung, Mitentscheidung).
    INFORMATION = "information", pgettext_lazy("participation level", "Information")
    CONSULTATION = "consultation", pgettext_lazy("participation level", "Consultation")
    COLLABORATION = "collaboration", pgettext_lazy("participation level", "Collaboration")
    CO_DECISION = "co_decision", pgettext_lazy("participation level", "Co-decision")


PARTICIPATION_LEVEL_LABELS = dict(ParticipationLevel.choices)
# What each level means for residents: shown with the level on the measure page and the participation page.
PARTICIPATION_LEVEL_MEANINGS = {
    ParticipationLevel.INFORMATION: _("You are informed about the measure; the decisions have been taken."),
    ParticipationLevel.CONSULTATION: _(
        "Your opinion is asked for and weighed before the town decides; we report what became of it."
    ),
    ParticipationLevel.COLLABORATION: _(
        "You work on the plans together with the town, for example in workshops or working groups."
    ),
    ParticipationLevel.CO_DECISION: _(
        "Residents decide together with the town, for example in the district committee."
    ),
}


class Status(models.TextChoices):
    PLANNED = "planned", _("planned")
    PREPARATION = "preparation", _("in preparation")
    IMPLEMENTATION = "implementation", _("being implemented")
    COMPLETED = "completed", _("completed")


class Priority(models.TextChoices):
    HIGH = "high", _("high")
    MEDIUM = "medium", _("medium")
    LOW = "low", _("low")


PRIORITY_RANK = {Priority.HIGH: 0, Priority.MEDIUM: 1, Priority.LOW: 2}
STATUS_RANK = {Status.PLANNED: 0, Status.PREPARATION: 1, Status.IMPLEMENTATION: 2, Status.COMPLETED: 3}
# Labels by value: Django's own get_FOO_display() rebuilds a dict of all choices on every call, and the plan
# and the map list show hundreds of labels. Bought, with the shared list of measures, plan 70 -> 51 ms, map
# 67 -> 44 ms, GeoJSON 43 -> 24 ms in-process on the benchmark site (commit f7743e7).
STATUS_LABELS = dict(Status.choices)
PRIORITY_LABELS = dict(Priority.choices)


class FundingSource(models.TextChoices):
    FEDERAL = "federal", _("Urban development funding: federal share")
    STATE = "state", _("Urban development funding: state share")
    MUNICIPAL = "municipal", _("Town's own share")
    THIRD_PARTY = "third_party", _("Third parties / private")
    OTHER = "other", _("Other funding programme")


QUARTERS = [(1, "Q1"), (2, "Q2"), (3, "Q3"), (4, "Q4")]
YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class ProjectIndexPage(RoutablePageMixin, Page):
    """The measures overview (/de/massnahmen/), with the plan, timeline, map and open data as sub-views."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    plan_intro = RichTextField(_("introduction to the plan"), blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("plan_intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["projects.ProjectPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("measures overview")
        verbose_name_plural = _("measures overviews")

    # Wagtail routes only paths made of slash-terminated segments, so the downloads are `…/csv/` etc.;
    # their Content-Disposition gives the file name. The views live in the views package to keep this file
    # about data; these thin wrappers register the routes.
    def get_context(self, request, *args, **kwargs):
        from projects.views import pages

        context = super().get_context(request, *args, **kwargs)
        context.update(pages.overview_context(self, request))
        return context

    @path("plan/", name="plan")
    def plan(self, request):
        from projects.views import pages

        return pages.plan(self, request)

    @path("plan/csv/", name="plan_csv")
    def plan_csv(self, request):
        from projects.views import exports

        return exports.plan_csv(self, request)

    @path("plan/xlsx/", name="plan_xlsx")
    def plan_xlsx(self, request):
        from projects.views import exports

        return exports.plan_xlsx(self, request)

    @localized_path({"de": "plan/zeitplan/", "en": "plan/timeline/"}, name="timeline")
    def timeline_view(self, request):
        from projects.views import pages

        return pages.timeline(self, request)

    @localized_path({"de": "karte/", "en": "map/"}, name="map")
    def map_view(self, request):
        from projects.views import pages

        return pages.map_view(self, request)

    @path("open-data/json/", name="data_json")
    def data_json(self, request):
        from projects.views import open_data

        return open_data.data_json(self, request)

    @path("open-data/geojson/", name="data_geojson")
    def data_geojson(self, request):
        from projects.views import open_data

        return open_data.data_geojson(self, request)

    @path("open-data/csv/", name="data_csv")
    def data_csv(self, request):
        from projects.views import open_data

        return open_data.data_csv(self, request)

    @path("open-data/milestones/json/", name="milestones_json")
    def milestones_json(self, request):
        from projects.views import open_data

        return open_data.milestones_json(self, request)

    @path("open-data/milestones/csv/", name="milestones_csv")
    def milestones_csv(self, request):
        from projects.views import open_data

        return open_data.milestones_csv(self, request)

    @path("changes/feed/", name="changes_feed")
    def changes_feed(self, request):
        from projects.feeds import changes_feed

        return changes_feed(self, request)

    def get_sitemap_urls(self, request=None):
        """The overview plus its plan, timeline and map, so that search engines find the sub-views."""
        urls = super().get_sitemap_urls(request)
        if urls:
            urls += [routing.sitemap_entry(urls[0], self, name) for name in ("plan", "timeline", "map")]
        return urls


class ProjectPageForm(ChangeNoteFormMixin, FactsFromSourcePageForm):
    """Checks that need the financing rows (an inline formset) next to the page's own fields."""

    def clean(self):
        cleaned = super().clean()
        total = cleaned.get("total_cost")
        formset = self.formsets.get("financing_rows")
        # A negative total gets its own message from the field validator (in _post_clean).
        if total is None or total < 0 or formset is None or not formset.is_valid():
            return cleaned
        financed = sum(
            (
                form.cleaned_data.get("amount") or Decimal(0)
                for form in formset.forms
                if form.cleaned_data and not form.cleaned_data.get("DELETE")
            ),
            Decimal(0),
        )
        if financed > total:
            self.add_error(
                "total_cost",
                _("The financing rows add up to %(financed)s, more than the total cost of %(total)s.")
                % {"financed": format_euro(financed), "total": format_euro(total)},
            )
        return cleaned


class ProjectPage(ChangeNoteFields, RoutablePageMixin, Point, Page):
    """One measure: what, where, when, by whom, for how much and how it is financed."""

    field_of_action = models.ForeignKey(
        FieldOfAction,
        verbose_name=_("field of action"),
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The field under which the measure appears in the plan."),
    )
    further_fields = ParentalManyToManyField(
        FieldOfAction,
        verbose_name=_("further fields of action"),
        blank=True,
        related_name="+",
        help_text=_("Other fields the measure also contributes to (shown and filterable, not counted twice)."),
    )
    summary = models.TextField(_("summary"), max_length=600, help_text=_("Two or three sentences for the overview."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    priority = models.CharField(_("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM)
    start_year = models.PositiveSmallIntegerField(_("start year"), validators=YEAR_VALIDATORS)
    start_quarter = models.PositiveSmallIntegerField(_("start quarter"), choices=QUARTERS, default=1)
    end_year = models.PositiveSmallIntegerField(_("end year"), validators=YEAR_VALIDATORS)
    end_quarter = models.PositiveSmallIntegerField(_("end quarter"), choices=QUARTERS, default=4)
    responsible_body = models.CharField(_("responsible body"), max_length=200)
    total_cost = models.DecimalField(
        _("estimated total cost (€)"), max_digits=12, decimal_places=0, validators=[NOT_NEGATIVE]
    )
    spent_amount = models.DecimalField(
        _("spent so far (€)"),
        max_digits=12,
        decimal_places=0,
        default=0,
        validators=[NOT_NEGATIVE],
        help_text=_("What has been paid out so far; update it when new invoices are settled."),
    )
    # latitude, longitude: places.models.Point
    address = models.CharField(_("address"), max_length=200, blank=True)
    image = optional_link("wagtailimages.Image", _("teaser image"))
    body = StreamField(BodyStreamBlock(), verbose_name=_("description"), blank=True)
    easy_read_summary = models.TextField(
        _("summary in easy read (Leichte Sprache)"),
        blank=True,
        help_text=_("Short sentences, one thought per sentence."),
    )
    featured = models.BooleanField(_("feature on the home page"), default=False)
    phase = models.ForeignKey(
        Phase,
        verbose_name=_("phase"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Where the measure stands now; the list of phases is kept under Snippets."),
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"),
        default=0,
        validators=[
            MinValueValidator(0, message=_("The progress must be a number from 0 to 100.")),
            MaxValueValidator(100, message=_("The progress must be a number from 0 to 100.")),
        ],
        help_text=_("How far the measure has got, as a whole number from 0 to 100."),
    )
    participation_level = models.CharField(
        _("participation level"), max_length=20, choices=ParticipationLevel.choices, blank=True
    )
    participation_note = models.TextField(
        _("what residents can still influence"),
        blank=True,
        help_text=_("One or two sentences, shown beside the opinion form on the measure page."),
    )
    participation_until = models.DateField(
        _("participation possible until"), null=True, blank=True, help_text=_("Leave empty if there is no deadline.")
    )

    base_form_class = ProjectPageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("field_of_action"),
                FieldPanel("further_fields", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("status"), FieldPanel("priority")]),
                FieldPanel("responsible_body"),
            ],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("start_quarter")]),
                FieldRowPanel([FieldPanel("end_year"), FieldPanel("end_quarter")]),
            ],
            heading=_("Implementation period"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("total_cost"), FieldPanel("spent_amount")])],
            heading=_("Costs"),
        ),
        InlinePanel("financing_rows", heading=_("Financing"), label=_("Financing source")),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("phase"), FieldPanel("progress")])],
            heading=_("Progress"),
        ),
        InlinePanel("milestones", heading=_("Milestones"), label=_("Milestone")),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("participation_level"), FieldPanel("participation_until")]),
                FieldPanel("participation_note"),
            ],
            heading=_("Participation"),
        ),
        MultiFieldPanel(
            [FieldPanel("address"), FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")])],
            heading=_("Location"),
            help_text=_("Optional. Coordinates in decimal degrees (WGS 84), e.g. 51.5812 and 7.7034."),
        ),
        FieldPanel("image"),
        FieldPanel("body"),
        InlinePanel("gallery_images", heading=_("Gallery"), label=_("Image")),
        InlinePanel("related_documents", heading=_("Documents"), label=_("Document")),
        FieldPanel("easy_read_summary"),
        *ChangeNoteFields.change_note_panels,
    ]
    promote_panels = Page.promote_panels + [FieldPanel("featured")]
    # Facts shared by every language (stadtteil/facts.py): copied into the translations whenever the German
    # page is published; the translation editor cannot override them, the English page editor shows them
    # read-only. The field of action and further fields are localized to the page's language.
    language_independent_fields = (
        "field_of_action",
        "further_fields",
        "status",
        "priority",
        "start_year",
        "start_quarter",
        "end_year",
        "end_quarter",
        "total_cost",
        "spent_amount",
        "latitude",
        "longitude",
        "financing_rows",
        "related_documents",
        "phase",
        "progress",
        "participation_level",
        "participation_until",
        "milestones",
    )
    # Related snippets (fields of action, phase) are translated as links to their translations; the milestones'
    # titles are translated, their dates copied (stadtteil.facts keeps a translation's texts of inline rows).
    override_translatable_fields = synchronized(
        *(
            name
            for name in language_independent_fields
            if name not in {"field_of_action", "further_fields", "phase", "milestones"}
        )
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("responsible_body"),
        index.SearchField("address"),
        index.FilterField("status"),
        index.FilterField("priority"),
    ]

    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def clean(self):
        errors = {}
        try:
            super().clean()  # the page's own checks and the location's (places.models.Point)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if None not in (self.start_year, self.end_year) and (self.end_year, self.end_quarter or 4) < (
            self.start_year,
            self.start_quarter or 1,
        ):
            errors["end_year"] = _("The end of the implementation period cannot be before its start.")
        if self.spent_amount is not None and self.total_cost is not None and self.spent_amount > self.total_cost:
            errors["spent_amount"] = _("The amount spent cannot be more than the total cost.")
        if errors:
            raise ValidationError(errors)

    # --- derived values for templates and exports ------------------------------------------------------------
    def get_status_display(self):
        return force_str(STATUS_LABELS.get(self.status, self.status))

    def get_priority_display(self):
        return force_str(PRIORITY_LABELS.get(self.priority, self.priority))

    def get_participation_level_display(self):
        return force_str(PARTICIPATION_LEVEL_LABELS.get(self.participation_level, self.participation_level))

    @property
    def participation_level_meaning(self):
        meaning = PARTICIPATION_LEVEL_MEANINGS.get(self.participation_level)
        return force_str(meaning) if meaning else ""

    @property
    def start_index(self):
        """Quarters since year 0, for sorting and the timeline."""
        return self.start_year * 4 + self.start_quarter - 1

    @property
    def end_index(self):
        return self.end_year * 4 + self.end_quarter - 1

    @property
    def period_label(self):
        return f"Q{self.start_quarter}/{self.start_year} – Q{self.end_quarter}/{self.end_year}"

    @property
    def spent_share(self):
        if not self.total_cost:
            return 0
        return round(self.spent_amount * 100 / self.total_cost)

    def get_context(self, request, *args, **kwargs):
        from projects.views import pages

        context = super().get_context(request, *args, **kwargs)
        context.update(pages.project_context(self, request))
        return context

    @path("qr/", name="qr")
    def qr_code(self, request):
        from projects.views import qr

        return qr.qr_code(self, request)

    @path("changes/feed/", name="changes_feed")
    def changes_feed(self, request):
        from projects.feeds import changes_feed

        return changes_feed(self, request)


class FinancingRow(Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="financing_rows")
    source = models.CharField(_("source"), max_length=20, choices=FundingSource.choices)
    programme = models.CharField(
        _("programme"), max_length=200, blank=True, help_text=_("Name of the other funding programme, if any.")
    )
    amount = models.DecimalField(_("amount (€)"), max_digits=12, decimal_places=0, validators=[NOT_NEGATIVE])

    panels = [FieldRowPanel([FieldPanel("source"), FieldPanel("amount")]), FieldPanel("programme")]

    class Meta(Orderable.Meta):
        verbose_name = _("financing source")
        verbose_name_plural = _("financing")

    def clean(self):
        super().clean()
        if self.source == FundingSource.OTHER and not self.programme:
            raise ValidationError({"programme": _("Name the other funding programme.")})


class Milestone(TranslatableMixin, Orderable):
    """A step of a measure with its planned date and, once reached, its actual date. The title is translated;
    the dates are facts, copied into the translations when the German page is published."""

    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    planned_date = models.DateField(_("planned date"))
    actual_date = models.DateField(_("actual date"), null=True, blank=True, help_text=_("Leave empty until reached."))

    panels = [FieldPanel("title"), FieldRowPanel([FieldPanel("planned_date"), FieldPanel("actual_date")])]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["sort_order"]

    def __str__(self):
        return self.title

    @property
    def reached(self):
        return self.actual_date is not None

    def delay_days(self, today=None):
        """Days behind the plan: reached after the planned date, or not reached and the planned date has passed
        (0 when on time or still ahead)."""
        if self.planned_date is None:
            return 0
        end = self.actual_date or today or datetime.date.today()
        return max((end - self.planned_date).days, 0)

    @property
    def is_late(self):
        return self.delay_days() > 0


class GalleryImage(Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(_("alternative text"), max_length=250, help_text=_("What the picture shows."))
    caption = models.CharField(_("caption"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]


class RelatedDocument(Orderable):
    page = ParentalKey(ProjectPage, on_delete=models.CASCADE, related_name="related_documents")
    document = models.ForeignKey(
        get_document_model_string(), verbose_name=_("document"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("document")]


def current_quarter_index(today=None):
    today = today or datetime.date.today()
    return today.year * 4 + (today.month - 1) // 3
