"""News (Aktuelles) and events (Termine): index pages with listings, feeds and calendars, and their items."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import SynchronizedField

from stadtteil import collation, routing
from stadtteil.blocks import BodyStreamBlock
from stadtteil.facts import FactsFromSourcePageForm, synchronized
from stadtteil.localization import choice_in_any_language
from stadtteil.pagination import paginate
from stadtteil.params import parse_year
from stadtteil.routing import localized_path
from stadtteil.site_url import absolute_url
from stadtteil.templatetags.stadtteil_tags import site_image_url
from stadtteil.visibility import public_pages

from .utils import PER_PAGE, active_language, localized_map, site_name

OG_IMAGE_SPEC = "fill-1200x630|format-jpeg"


# --- Snippets ---


@register_snippet
class NewsCategory(TranslatableMixin, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, help_text=_("Used in the filter's web address."))

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


@register_snippet
class Venue(TranslatableMixin, models.Model):
    """A place where events happen, with what visitors with disabilities need to know about it."""

    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, default="Kamen")
    accessibility_notes = models.TextField(
        _("accessibility notes"),
        blank=True,
        help_text=_("Step-free access, accessible toilet, hearing loop, parking for disabled people …"),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("street"), FieldPanel("postcode"), FieldPanel("city")], heading=_("Address")),
        FieldPanel("accessibility_notes"),
    ]
    # Addresses are the same in every language.
    override_translatable_fields = [
        SynchronizedField("street"),
        SynchronizedField("postcode"),
        SynchronizedField("city"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def address(self):
        return ", ".join(part for part in [self.street, f"{self.postcode} {self.city}".strip()] if part)


# --- Shared ---


class NotificationMixin(models.Model):
    """What the subscriptions app reads: the topics a page belongs to, and an editor's opt-out."""

    notification_topics = set()

    no_notification = models.BooleanField(
        _("no e-mail notification for this page"),
        default=False,
        help_text=_("Tick to publish without sending this page to subscribers."),
    )

    class Meta:
        abstract = True

    def get_notification_topics(self):
        return set(self.notification_topics)


def _image_url(request, image):
    if image is None:
        return ""
    return absolute_url(image.get_rendition(OG_IMAGE_SPEC).url)


def _site_organisation(request):
    """The project as a schema.org Organization: author and publisher of the news, organiser by default."""
    from stadtteil.templatetags.stadtteil_tags import site_home

    home = site_home({"request": request})
    data = {"@type": "Organization", "name": site_name(request)}
    if home is not None:
        data["url"] = absolute_url(home.get_url(request))
    return data


def _localize_categories(items):
    """Attach `categories` (in the active language) to each news item.

    Listings prefetch the category rows; a single page (or a preview, whose rows live only in memory) reads its own.
    """
    rows = {id(item): list(item.category_links.all()) for item in items}
    mapping = localized_map([link.category for links in rows.values() for link in links])
    for item in items:
        item.categories = [mapping[link.category.translation_key] for link in rows[id(item)]]
    return items


def _localize_venues(items):
    mapping = localized_map([item.venue for item in items])
    for item in items:
        item.localized_venue = mapping.get(item.venue.translation_key) if item.venue else None
    return items


def _localize_measures(page, links):
    """The live measures of `links` in the page's language (falling back to the linked page), in link order.

    Relations from translated pages keep pointing at the German measure; one query finds the translations.
    """
    from projects.models import ProjectPage

    linked = [link.measure for link in links if link.measure_id]
    if not linked:
        return []
    keys = {measure.translation_key for measure in linked}
    found = {}
    for measure in public_pages(
        ProjectPage.objects.live()
        .filter(Q(translation_key__in=keys, locale_id=page.locale_id) | Q(pk__in=[m.pk for m in linked]))
        .select_related("locale")
    ):
        # Prefer the page's language; the linked (German) measure only stands in for a missing translation.
        if measure.locale_id == page.locale_id or measure.translation_key not in found:
            found[measure.translation_key] = measure
    result, seen = [], set()
    for measure in linked:
        if measure.translation_key in found and measure.translation_key not in seen:
            seen.add(measure.translation_key)
            result.append(found[measure.translation_key])
    return result


def _field_topics(fields):
    """Subscription topic keys of fields of action (the same in every language: keyed by translation_key)."""
    return {f"field:{field.translation_key}" for field in fields if field is not None}


# --- News ---


class NewsIndexPage(RoutablePageMixin, Page):
    """Aktuelles: the news listing with filters, a year archive and RSS/Atom feeds."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index page")

    def news_items(self):
        """Live, public news of this index, newest first (scheduled items are not live until they go live)."""
        return (
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .select_related("image")
            .prefetch_related("image__renditions", "category_links__category")
            .order_by("-date", "-pk")
        )

    def categories(self):
        return NewsCategory.objects.filter(locale__language_code=active_language())

    def fields_of_action(self):
        from projects.models import FieldOfAction

        return FieldOfAction.objects.filter(locale__language_code=active_language()).order_by("sort_order", "name")

    def years(self):
        """[{year, count}] of every year with news, newest first (one query)."""
        return list(
            NewsPage.objects.child_of(self)
            .live()
            .public()
            .annotate(year=ExtractYear("date"))
            .values("year")
            .annotate(count=Count("id"))
            .order_by("-year")
        )

    def get_sitemap_urls(self, request=None):
        """The news list and its year archives."""
        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        base = urls[0]["location"]
        for row in self.years():
            location = f"{base}{row['year']}/"
            urls.append({**urls[0], "location": location, "alternate_key": ("year", row["year"])})
        return urls

    def feed_urls(self, request):
        base = self.get_url(request)
        return {"rss": absolute_url(base + "feed/"), "atom": absolute_url(base + "feed/atom/")}

    def _listing(self, request, year=None):
        items = self.news_items()
        categories = collation.sorted_by(self.categories(), "name")  # the filter's options, German order
        selected_category = None
        slug = request.GET.get("category", "")
        if slug:
            selected_category = choice_in_any_language(categories, slug, NewsCategory, field="slug")
            if selected_category is not None:
                items = items.filter(category_links__category__translation_key=selected_category.translation_key)
        fields = list(self.fields_of_action())
        selected_field = None
        raw_field = request.GET.get("field", "")
        if raw_field:
            # The field's id in the active language, as on the measures overview; unknown values are ignored.
            from projects.models import FieldOfAction

            selected_field = choice_in_any_language(fields, raw_field, FieldOfAction)
            if selected_field is not None:
                # News about the field itself or about one of its measures.
                key = selected_field.translation_key
                items = items.filter(
                    Q(field_links__field__translation_key=key)
                    | Q(measure_links__measure__field_of_action__translation_key=key)
                )
        if year is None:
            year = parse_year(request.GET.get("year", ""))
        if year is not None:
            items = items.filter(date__year=year)
        if selected_category is not None or selected_field is not None:
            items = items.distinct()
        page = paginate(request, items, PER_PAGE)
        _localize_categories(page.object_list)
        return {
            "news_page": page,
            "categories": categories,
            "selected_category": selected_category,
            "fields": fields,
            "selected_field": selected_field,
            "selected_year": year,
            "years": self.years(),
            "feed_urls": self.feed_urls(request),
        }

    @path("")
    def index_view(self, request):
        return self.render(request, context_overrides=self._listing(request))

    @re_path(r"^(?P<year>\d{4})/$", name="year")
    def year_view(self, request, year):
        # \d also matches non-ASCII digits, and "0000" is no year: both are a 404 like any year without news.
        year = parse_year(year)
        if year is None:
            raise Http404
        context = self._listing(request, year=year)
        if year not in {entry["year"] for entry in context["years"]}:
            raise Http404  # no archive page for years without news
        context["archive_year"] = year
        context["alternate_urls"] = routing.alternates(self, "year", request, kwargs={"year": year})
        return self.render(request, context_overrides=context)

    @path("feed/")
    def rss_feed(self, request):
        from .feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("feed/atom/")
    def atom_feed(self, request):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPageCategory(Orderable):
    page = ParentalKey("news.NewsPage", related_name="category_links", on_delete=models.CASCADE)
    category = models.ForeignKey(
        NewsCategory, verbose_name=_("category"), on_delete=models.CASCADE, related_name="news_links"
    )

    panels = [FieldPanel("category")]

    class Meta(Orderable.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")


class NewsPageMeasure(Orderable):
    page = ParentalKey("news.NewsPage", related_name="measure_links", on_delete=models.CASCADE)
    measure = models.ForeignKey(
        "projects.ProjectPage", verbose_name=_("measure"), on_delete=models.CASCADE, related_name="news_links"
    )

    panels = [FieldPanel("measure")]

    class Meta(Orderable.Meta):
        verbose_name = _("related measure")
        verbose_name_plural = _("related measures")


class NewsPageFieldOfAction(Orderable):
    page = ParentalKey("news.NewsPage", related_name="field_links", on_delete=models.CASCADE)
    field = models.ForeignKey(
        "projects.FieldOfAction", verbose_name=_("field of action"), on_delete=models.CASCADE, related_name="news_links"
    )

    panels = [FieldPanel("field")]

    class Meta(Orderable.Meta):
        verbose_name = _("related field of action")
        verbose_name_plural = _("related fields of action")


class NewsPage(NotificationMixin, Page):  # noqa: DJ008 (Page provides __str__)
    notification_topics = {"news"}

    date = models.DateField(_("publication date"), default=timezone.localdate)
    teaser = models.TextField(
        _("teaser"), max_length=400, help_text=_("One or two sentences for listings, feeds and search engines.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternative text of the image"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows; leave empty if it is only decorative."),
    )
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_role = models.CharField(_("role"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=50, blank=True)

    # Categories, fields of action, venues and measures of the page's own language only.

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("teaser"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
        FieldPanel("body"),
        InlinePanel("category_links", label=_("Categories")),
        InlinePanel("measure_links", heading=_("Related measures"), label=_("Measure")),
        InlinePanel("field_links", heading=_("Related fields of action"), label=_("Field of action")),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_role"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
            ],
            heading=_("Contact person (optional)"),
        ),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("no_notification")]
    search_fields = Page.search_fields + [index.SearchField("teaser"), index.SearchField("body")]
    # Facts shared by every language (stadtteil/facts.py): copied into the translations on every publication.
    language_independent_fields = ("date", "category_links", "measure_links", "field_links")
    override_translatable_fields = [
        SynchronizedField("contact_name"),
        SynchronizedField("contact_phone"),
        *synchronized("date", "category_links", "measure_links", "field_links"),
    ]
    base_form_class = FactsFromSourcePageForm

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    @property
    def published_at(self):
        """The publication date as a time zone-aware datetime (midnight in Berlin), for feeds and JSON-LD."""
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time.min))

    def more_news(self, count=3):
        items = (
            NewsPage.objects.sibling_of(self, inclusive=False)
            .live()
            .public()
            .select_related("image")
            .prefetch_related("image__renditions", "category_links__category")
            .order_by("-date", "-pk")[:count]
        )
        return _localize_categories(list(items))

    def get_notification_topics(self):
        """The "news" topic, plus the page's fields of action and the main fields of its measures."""
        fields = [link.field for link in self.field_links.select_related("field")]
        measure_links = self.measure_links.select_related("measure__field_of_action")
        fields += [link.measure.field_of_action for link in measure_links]
        return super().get_notification_topics() | _field_topics(fields)

    def related_fields(self):
        """The related fields of action in the active language (one query)."""
        links = list(self.field_links.select_related("field"))
        mapping = localized_map([link.field for link in links])
        result = []
        for link in links:
            field = mapping.get(link.field.translation_key)
            if field is not None and field not in result:
                result.append(field)
        return result

    def json_ld(self, request, image_url):
        url = absolute_url(self.get_url(request))
        publisher = {**_site_organisation(request), "logo": absolute_url(static("img/logo.svg"))}
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.teaser,
            "datePublished": self.published_at.isoformat(),
            "dateModified": (self.last_published_at or self.published_at).isoformat(),
            "inLanguage": self.locale.language_code,
            "url": url,
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "author": _site_organisation(request),
            "publisher": publisher,
            # The article's image, else the site's preview image (site settings).
            "image": [image_url or site_image_url(request)],
        }
        if self.categories:
            data["articleSection"] = [category.name for category in self.categories]
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        _localize_categories([self])
        image_url = _image_url(request, self.image)
        context["og_image_url"] = image_url
        context["canonical_url"] = absolute_url(self.get_url(request))
        context["json_ld"] = self.json_ld(request, image_url)
        context["related_measures"] = _localize_measures(self, self.measure_links.select_related("measure"))
        context["related_fields"] = self.related_fields()
        context["more_news"] = self.more_news()
        context["news_index"] = self.get_parent()
        return context


# --- Events ---


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
        _localize_venues(page.object_list)
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
        from .ical import calendar_response

        # Past events stay for CALENDAR_PAST_DAYS, so that subscribers' calendars keep them.
        since = timezone.now() - datetime.timedelta(days=self.CALENDAR_PAST_DAYS)
        events = list(self.events().filter(end__gte=since).order_by("start", "pk"))
        _localize_venues(events)
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


class EventPage(NotificationMixin, RoutablePageMixin, Page):  # noqa: DJ008 (Page provides __str__)
    notification_topics = {"events"}

    start = models.DateTimeField(_("start"), help_text=_("Date and time in Kamen (Europe/Berlin)."))
    end = models.DateTimeField(_("end"))
    teaser = models.TextField(_("teaser"), max_length=400, help_text=_("One or two sentences for listings."))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternative text of the image"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows; leave empty if it is only decorative."),
    )
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
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image")),
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
        return super().get_notification_topics() | _field_topics(link.measure.field_of_action for link in links)

    @property
    def is_past(self):
        return self.end < timezone.now()

    def calendar_url(self, request):
        file_name = EventIndexPage.CALENDAR_FILES.get(self.locale.language_code, "kalender.ics")
        return self.get_url(request) + file_name

    def json_ld(self, request, image_url):
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
            data["organizer"] = _site_organisation(request)
        data["image"] = [image_url or site_image_url(request)]
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
        from .ical import calendar_response

        _localize_venues([self])
        uid = f"calendar-{self.translation_key}-{self.locale.language_code}@stadtteil-heeren-werve"
        return calendar_response(request, [self], name=self.title, uid=uid, filename=f"{self.slug}.ics")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        _localize_venues([self])
        image_url = _image_url(request, self.image)
        context["og_image_url"] = image_url
        context["canonical_url"] = absolute_url(self.get_url(request))
        context["json_ld"] = self.json_ld(request, image_url)
        context["event_index"] = self.get_parent()
        context["ics_url"] = self.calendar_url(request)
        context["related_measures"] = _localize_measures(self, self.measure_links.select_related("measure"))
        return context
