"""The district directory ("Schätze im Dorf"): translatable entries for shops, services, restaurants, clubs,
churches and institutions, and the page that lists them."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from directory.hours import is_open
from places.models import Point
from stadtteil import routing
from stadtteil.models import optional_link
from stadtteil.routing import localized_path

WEEKDAYS = [
    ("0", _("Monday")),
    ("1", _("Tuesday")),
    ("2", _("Wednesday")),
    ("3", _("Thursday")),
    ("4", _("Friday")),
    ("5", _("Saturday")),
    ("6", _("Sunday")),
]


class PeriodBlock(blocks.StructBlock):
    weekday = blocks.ChoiceBlock(choices=WEEKDAYS, label=_("Day"))
    opens = blocks.TimeBlock(label=_("Opens"))
    closes = blocks.TimeBlock(label=_("Closes"), help_text=_("A time before the opening time means after midnight."))

    class Meta:
        icon = "time"
        label = _("Opening period")


class Category(models.TextChoices):
    SHOP = "shop", _("Shops")
    SERVICE = "service", _("Services")
    RESTAURANT = "restaurant", _("Restaurants and cafés")
    CLUB = "club", _("Clubs")
    CHURCH = "church", _("Churches")
    INSTITUTION = "institution", _("Institutions")


@register_snippet
class DirectoryEntry(TranslatableMixin, Point):
    name = models.CharField(_("name"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.TextField(_("description"))
    street = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10, default="59174")
    city = models.CharField(_("city"), max_length=100, default="Kamen")
    # latitude, longitude: places.models.Point
    opening_hours = StreamField(
        [("period", PeriodBlock())], verbose_name=_("opening hours"), blank=True, use_json_field=True
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    step_free = models.BooleanField(_("step-free access"), default=False)
    accessibility_notes = models.TextField(_("accessibility notes"), blank=True)
    photo = optional_link("wagtailimages.Image", _("photo"))
    photo_alt = models.CharField(
        _("photo description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it. Leave empty if it only decorates."),
    )
    approved = models.BooleanField(
        _("approved"), default=True, help_text=_("Only approved entries are shown on the website.")
    )
    # Filled by the public proposal form; staff turn it into the fields above and approve.
    correction_of = models.ForeignKey(
        "self",
        verbose_name=_("correction of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A proposed correction: copy what is right into that entry, then delete this proposal."),
    )
    proposal_note = models.TextField(_("proposal: opening hours and notes"), blank=True)
    proposer_email = models.EmailField(_("proposal: contact of the proposer"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("category"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("street"), FieldPanel("postcode"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Address"),
        ),
        FieldPanel("opening_hours"),
        MultiFieldPanel([FieldPanel("phone"), FieldPanel("email"), FieldPanel("website")], heading=_("Contact")),
        FieldPanel("step_free"),
        FieldPanel("accessibility_notes"),
        FieldPanel("photo"),
        FieldPanel("photo_alt"),
        FieldPanel("approved"),
        MultiFieldPanel(
            [FieldPanel("correction_of"), FieldPanel("proposal_note"), FieldPanel("proposer_email")],
            heading=_("Proposal"),
        ),
    ]
    # Everything but the texts is the same in every language.
    override_translatable_fields = [
        SynchronizedField(name)
        for name in (
            "category",
            "street",
            "postcode",
            "city",
            "latitude",
            "longitude",
            "opening_hours",
            "phone",
            "email",
            "website",
            "step_free",
            "photo",
            "approved",
            "correction_of",
            "proposal_note",
            "proposer_email",
        )
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("directory entry")
        verbose_name_plural = _("directory entries")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def address(self):
        return f"{self.street}, {self.postcode} {self.city}"

    @property
    def periods(self):
        return [(int(b.value["weekday"]), b.value["opens"], b.value["closes"]) for b in self.opening_hours]

    def is_open(self, now=None):
        return is_open(self.periods, now or timezone.now())

    @property
    def hours_by_day(self):
        """[(day name, ["09:00–18:00", …])] for the days with opening hours, Monday first."""
        days = []
        for value, label in WEEKDAYS:
            spans = [f"{o:%H:%M}–{c:%H:%M}" for weekday, o, c in self.periods if weekday == int(value)]
            if spans:
                days.append((label, spans))
        return days


class DirectoryPage(RoutablePageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("directory page")
        verbose_name_plural = _("directory pages")

    @path("")
    def index(self, request):
        from directory import views

        return views.index(self, request)

    @path("geojson/", name="geojson")
    def geojson(self, request):
        from directory import views

        return views.geojson(self, request)

    @localized_path({"de": "vorschlagen/", "en": "propose/"}, name="propose")
    def propose(self, request):
        from directory import views

        return views.propose(self, request)

    def propose_url(self, request=None):
        return routing.url(self, "propose", request)

    @re_path(r"^(?P<pk>\d+)/$", name="entry")
    def entry(self, request, pk):
        from directory import views

        return views.entry(self, request, int(pk))

    def entry_url(self, entry, request=None):
        return self.get_url(request) + self.reverse_subpage("entry", kwargs={"pk": entry.pk})

    def get_sitemap_urls(self, request=None):
        """The directory and each approved entry (the form is not content)."""
        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        base = urls[0]["location"]
        entries = DirectoryEntry.objects.filter(locale_id=self.locale_id, approved=True).order_by("pk")
        for entry in entries.only("pk", "translation_key"):
            location = base + self.reverse_subpage("entry", kwargs={"pk": entry.pk})
            urls.append({**urls[0], "location": location, "alternate_key": ("entry", entry.translation_key)})
        return urls
