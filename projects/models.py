"""Measures (Maßnahmen) of the integrated action plan, grouped by fields of action (Handlungsfelder).

Money is stored in whole euros (the plan states estimates, not cents). The overview page carries the
plan, timeline, map and open-data sub-views (see `ProjectIndexPage` and `projects/views.py`).
"""

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.encoding import force_str
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField, TranslatableField

from projects.change_notes import ChangeNote, ChangeNoteFields, ChangeNoteFormMixin  # noqa: F401 (ChangeNote: the app's model)
from projects.formatting import format_euro
from stadtteil.blocks import BodyStreamBlock
from stadtteil.facts import FactsFromSourcePageForm, synchronized

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
# and the map list show hundreds of labels.
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
    # their Content-Disposition gives the file name. The views live in views.py to keep this file about
    # data; these thin wrappers register the routes.
    def get_context(self, request, *args, **kwargs):
        from projects import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.overview_context(self, request))
        return context

    @path("plan/", name="plan")
    def plan(self, request):
        from projects import views

        return views.plan(self, request)

    @path("plan/csv/", name="plan_csv")
    def plan_csv(self, request):
        from projects import views

        return views.plan_csv(self, request)

    @path("plan/xlsx/", name="plan_xlsx")
    def plan_xlsx(self, request):
        from projects import views

        return views.plan_xlsx(self, request)

    # Sub-paths that read differently per language; each view redirects to its language's path.
    @path("plan/zeitplan/", name="timeline_de")
    def timeline_de(self, request):
        from projects import views

        return views.timeline(self, request, "de")

    @path("plan/timeline/", name="timeline_en")
    def timeline_en(self, request):
        from projects import views

        return views.timeline(self, request, "en")

    @path("karte/", name="map_de")
    def map_de(self, request):
        from projects import views

        return views.map_view(self, request, "de")

    @path("map/", name="map_en")
    def map_en(self, request):
        from projects import views

        return views.map_view(self, request, "en")

    @path("open-data/json/", name="data_json")
    def data_json(self, request):
        from projects import views

        return views.data_json(self, request)

    @path("open-data/geojson/", name="data_geojson")
    def data_geojson(self, request):
        from projects import views

        return views.data_geojson(self, request)

    @path("open-data/csv/", name="data_csv")
    def data_csv(self, request):
        from projects import views

        return views.data_csv(self, request)

    @path("changes/feed/", name="changes_feed")
    def changes_feed(self, request):
        from projects.feeds import changes_feed

        return changes_feed(self, request)

    def get_sitemap_urls(self, request=None):
        """The overview plus its plan, timeline and map, so that search engines find the sub-views."""
        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        base = urls[0]["location"]
        suffix = "de" if self.locale.language_code == "de" else "en"
        for key, name in (("plan", "plan"), ("timeline", f"timeline_{suffix}"), ("map", f"map_{suffix}")):
            urls.append({**urls[0], "location": base + self.reverse_subpage(name), "alternate_key": key})
        return urls

    def language_route(self, request, base):
        """The URL of a sub-view whose path differs per language (`map`, `timeline`) in the page's language."""
        language = self.locale.language_code
        name = f"{base}_{'de' if language == 'de' else 'en'}"
        return self.get_url(request) + self.reverse_subpage(name)


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


class ProjectPage(ChangeNoteFields, RoutablePageMixin, Page):
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
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("teaser image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("description"), blank=True)
    easy_read_summary = models.TextField(
        _("summary in easy read (Leichte Sprache)"),
        blank=True,
        help_text=_("Short sentences, one thought per sentence."),
    )
    featured = models.BooleanField(_("feature on the home page"), default=False)

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
    )
    override_translatable_fields = synchronized(*language_independent_fields[2:])
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
        super().clean()
        errors = {}
        if None not in (self.start_year, self.end_year) and (self.end_year, self.end_quarter or 4) < (
            self.start_year,
            self.start_quarter or 1,
        ):
            errors["end_year"] = _("The end of the implementation period cannot be before its start.")
        if (self.latitude is None) != (self.longitude is None):
            field = "longitude" if self.longitude is None else "latitude"
            errors[field] = _("Enter both latitude and longitude, or neither.")
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            errors["latitude"] = _("The latitude must be between -90 and 90 degrees.")
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            errors["longitude"] = _("The longitude must be between -180 and 180 degrees.")
        if self.spent_amount is not None and self.total_cost is not None and self.spent_amount > self.total_cost:
            errors["spent_amount"] = _("The amount spent cannot be more than the total cost.")
        if errors:
            raise ValidationError(errors)

    # --- derived values for templates and exports ------------------------------------------------------------
    @property
    def has_location(self):
        return self.latitude is not None and self.longitude is not None

    def get_status_display(self):
        return force_str(STATUS_LABELS.get(self.status, self.status))

    def get_priority_display(self):
        return force_str(PRIORITY_LABELS.get(self.priority, self.priority))

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
        from projects import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.project_context(self, request))
        return context

    @path("qr/", name="qr")
    def qr_code(self, request):
        from projects import views

        return views.qr_code(self, request)

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
