"""Events (Termine): the index page with upcoming and past events and a calendar feed, and the events."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from stadtteil import routing
from stadtteil.blocks import BodyStreamBlock
from stadtteil.facts import FactsFromSourcePageForm, synchronized
from stadtteil.localization import linked_pages, localize_relation
from stadtteil.pagination import paginate
from stadtteil.routing import localized_path
from stadtteil.site_url import absolute_url
from stadtteil.templatetags.stadtteil_tags import site_image_url

from ..utils import PER_PAGE, site_name
from .base import IMAGE_PANEL, NotificationMixin, SocialImageMixin, field_topics, image_fields, site_organisation
from .snippets import Venue


def localize_venues(events):
    """Give each event `localized_venue`: its venue in the active language, or None (one query for all)."""
    return localize_relation(events, "venue", "localized_venue")


class EventIndexPage(RoutablePageMixin, Page):
    """Termine: upcoming and past events and a calendar feed of the upcoming ones."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.EventPage"]
    max_count_per_parent = 1

    # The calendar answers under the German and the English file name; each language links its own.
    CALENDAR_FILES = {"de": "kalender.ics", "en": "calendar.ics"}
    CALENDAR_PAST_DAYS = 365  # a year of past events in the calendar feed

    class Meta:
        verbose_name = _("event index page")

    def events(self):
        return (
            EventPage.objects.child_of(self)
            .live()
            .public()
            .select_related("image", "venue", "locale")
            .prefetch_related("image__renditions")
        )

    def upcoming(self):
        """Events that have not ended yet, soonest first."""
        return self.events().filter(end__gte=timezone.now()).order_by("start", "pk")

    def past(self):
        return self.events().filter(end__lt=timezone.now()).order_by("-start", "-pk")

    def calendar_url(self, request):
        file_name = self.CALENDAR_FILES.get(self.locale.language_code, "kalender.ics")
        return absolute_url(self.get_url(request) + file_name)

    def past_url(self, request):
        return routing.url(self, "past", request)

    def get_sitemap_urls(self, request=None):
        """Upcoming and past events."""
        urls = super().get_sitemap_urls(request)
        if urls:
            urls.append(routing.sitemap_entry(urls[0], self, "past"))
        return urls

    def _listing(self, request, queryset, past):
        page = paginate(request, queryset, PER_PAGE)
        localize_venues(page.object_list)
        return {
            "events_page": page,
            "showing_past": past,
            "calendar_url": self.calendar_url(request),
            "past_url": self.past_url(request),
        }

    @path("")
    def upcoming_view(self, request):
        return self.render(request, context_overrides=self._listing(request, self.upcoming(), past=False))

    # Every language's path answers (no redirect), as it always did.
    @localized_path({"de": "vergangene/", "en": "past/"}, name="past", redirects=False)
    def past_view(self, request):
        context = self._listing(request, self.past(), past=True)
        context["alternate_urls"] = routing.alternates(self, "past", request)
        return self.render(request, context_overrides=context)

    @re_path(r"^(?:kalender|calendar)\.ics/$")
    def calendar_view(self, request):
        from ..ical import calendar_response

        # Past events stay for CALENDAR_PAST_DAYS, so that subscribers' calendars keep them.
        since = timezone.now() - datetime.timedelta(days=self.CALENDAR_PAST_DAYS)
        events = list(self.events().filter(end__gte=since).order_by("start", "pk"))
        localize_venues(events)
        uid = f"calendar-{self.translation_key}-{self.locale.language_code}@stadtteil-heeren-werve"
        return calendar_response(request, events, name=f"{self.title} – {site_name(request)}", uid=uid)


class EventPageMeasure(Orderable):
    page = ParentalKey("news.EventPage", related_name="measure_links", on_delete=models.CASCADE)
    measure = models.ForeignKey(
        "projects.ProjectPage", verbose_name=_("measure"), on_delete=models.CASCADE, related_name="event_links"
    )

    panels = [FieldPanel("measure")]

    class Meta(Orderable.Meta):
        verbose_name = _("related measure")
        verbose_name_plural = _("related measures")


class EventPage(NotificationMixin, SocialImageMixin, RoutablePageMixin, Page):  # noqa: DJ008 (Page provides __str__)
    notification_topics = {"events"}

    start = models.DateTimeField(_("start"), help_text=_("Date and time in Kamen (Europe/Berlin)."))
    end = models.DateTimeField(_("end"))
    teaser = models.TextField(_("teaser"), max_length=400, help_text=_("One or two sentences for listings."))
    image, image_alt = image_fields()
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    location_details = models.CharField(
        _("location details"), max_length=200, blank=True, help_text=_("e.g. the room or a meeting point.")
    )
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    organiser_url = models.URLField(_("organiser's website"), blank=True)
    registration_url = models.URLField(
        _("registration link"), blank=True, help_text=_("A web address or form where people register (optional).")
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("description"), blank=True)

    # Categories, fields of action, venues and measures of the page's own language only.

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("Date and time")),
        FieldPanel("teaser"),
        MultiFieldPanel([FieldPanel("venue"), FieldPanel("location_details")], heading=_("Location")),
        FieldRowPanel([FieldPanel("organiser"), FieldPanel("organiser_url")], heading=_("Organiser")),
        FieldPanel("registration_url"),
        IMAGE_PANEL,
        FieldPanel("body"),
        InlinePanel("measure_links", heading=_("Related measures"), label=_("Measure")),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("no_notification")]
    search_fields = Page.search_fields + [index.SearchField("teaser"), index.SearchField("body")]
    # Facts shared by every language (stadtteil/facts.py); the venue is localized to the page's language.
    language_independent_fields = ("start", "end", "venue", "registration_url", "organiser_url", "measure_links")
    override_translatable_fields = synchronized("start", "end", "registration_url", "organiser_url", "measure_links")
    base_form_class = FactsFromSourcePageForm

    parent_page_types = ["news.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must not be before the start.")})

    def get_notification_topics(self):
        """The "events" topic, plus the main fields of action of the related measures."""
        links = self.measure_links.select_related("measure__field_of_action")
        return super().get_notification_topics() | field_topics(link.measure.field_of_action for link in links)

    @property
    def is_past(self):
        return self.end < timezone.now()

    def calendar_url(self, request):
        file_name = EventIndexPage.CALENDAR_FILES.get(self.locale.language_code, "kalender.ics")
        return self.get_url(request) + file_name

    @cached_property
    def localized_venue(self):
        """The venue in the active language; listings attach it to all their events at once."""
        localize_venues([self])
        return self.localized_venue

    def related_measures(self):
        """The live related measures in the page's language (one query)."""
        return linked_pages(self, self.measure_links.select_related("measure"), "measure")

    def json_ld(self, request):
        venue = self.localized_venue
        data = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": self.title,
            "description": self.teaser,
            "startDate": timezone.localtime(self.start).isoformat(),
            "endDate": timezone.localtime(self.end).isoformat(),
            "eventStatus": "https://schema.org/EventScheduled",
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "inLanguage": self.locale.language_code,
            "url": absolute_url(self.get_url(request)),
        }
        if venue is not None:
            data["location"] = {
                "@type": "Place",
                "name": venue.name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": venue.street,
                    "postalCode": venue.postcode,
                    "addressLocality": venue.city,
                    "addressCountry": "DE",
                },
            }
        if self.organiser:
            data["organizer"] = {"@type": "Organization", "name": self.organiser}
            if self.organiser_url:
                data["organizer"]["url"] = self.organiser_url
        else:
            data["organizer"] = site_organisation(request)
        data["image"] = [self.og_image_url or site_image_url(request)]
        if self.registration_url:
            data["offers"] = {
                "@type": "Offer",
                "url": self.registration_url,
                "price": 0,
                "priceCurrency": "EUR",
                "availability": "https://schema.org/InStock",
                "validFrom": (self.first_published_at or self.start).isoformat(),
            }
        return data

    @path("")
    def event_view(self, request):
        return self.render(request)

    @re_path(r"^(?:kalender|calendar)\.ics/$")
    def ics_view(self, request):
        from ..ical import calendar_response

        uid = f"calendar-{self.translation_key}-{self.locale.language_code}@stadtteil-heeren-werve"
        return calendar_response(request, [self], name=self.title, uid=uid, filename=f"{self.slug}.ics")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["og_image_url"] = self.og_image_url
        context["canonical_url"] = absolute_url(self.get_url(request))
        context["json_ld"] = self.json_ld(request)
        context["event_index"] = self.get_parent()
        context["ics_url"] = self.calendar_url(request)
        context["related_measures"] = self.related_measures()
        return context
