"""News (Aktuelles): the index page with listings, filters, a year archive and feeds, and the news items."""

import datetime

from django.db import models
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.templatetags.static import static
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from stadtteil import collation, routing
from stadtteil.blocks import BodyStreamBlock
from stadtteil.facts import FactsFromSourcePageForm, synchronized
from stadtteil.localization import (
    active_language,
    choice_in_any_language,
    linked_pages,
    localize_links,
    localized_map,
)
from stadtteil.pagination import paginate
from stadtteil.params import parse_year
from stadtteil.site_url import absolute_url
from stadtteil.templatetags.stadtteil_tags import site_image_url

from ..utils import PER_PAGE
from .base import IMAGE_PANEL, NotificationMixin, SocialImageMixin, field_topics, image_fields, site_organisation
from .snippets import NewsCategory


def localize_categories(items):
    """Give each news item `categories` in the active language (one query for all)."""
    return localize_links(items, "category_links", "category", "categories")


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
        localize_categories(page.object_list)
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
        from ..feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("feed/atom/")
    def atom_feed(self, request):
        from ..feeds import NewsAtomFeed

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


class NewsPage(NotificationMixin, SocialImageMixin, Page):  # noqa: DJ008 (Page provides __str__)
    notification_topics = {"news"}

    date = models.DateField(_("publication date"), default=timezone.localdate)
    teaser = models.TextField(
        _("teaser"), max_length=400, help_text=_("One or two sentences for listings, feeds and search engines.")
    )
    image, image_alt = image_fields()
    body = StreamField(BodyStreamBlock(), verbose_name=_("body"), blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_role = models.CharField(_("role"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=50, blank=True)

    # Categories, fields of action, venues and measures of the page's own language only.

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("teaser"),
        IMAGE_PANEL,
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
        return localize_categories(list(items))

    def get_notification_topics(self):
        """The "news" topic, plus the page's fields of action and the main fields of its measures."""
        fields = [link.field for link in self.field_links.select_related("field")]
        measure_links = self.measure_links.select_related("measure__field_of_action")
        fields += [link.measure.field_of_action for link in measure_links]
        return super().get_notification_topics() | field_topics(fields)

    @cached_property
    def categories(self):
        """The categories in the active language; listings attach them to all their items at once."""
        localize_categories([self])
        return self.categories

    def related_fields(self):
        """The related fields of action in the active language (one query)."""
        links = list(self.field_links.select_related("field"))
        mapping = localized_map([link.field for link in links])
        return list(dict.fromkeys(mapping[link.field.translation_key] for link in links))  # in order, once each

    def related_measures(self):
        """The live related measures in the page's language (one query)."""
        return linked_pages(self, self.measure_links.select_related("measure"), "measure")

    def json_ld(self, request):
        url = absolute_url(self.get_url(request))
        publisher = {**site_organisation(request), "logo": absolute_url(static("img/logo.svg"))}
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
            "author": site_organisation(request),
            "publisher": publisher,
            # The article's image, else the site's preview image (site settings).
            "image": [self.og_image_url or site_image_url(request)],
        }
        if self.categories:
            data["articleSection"] = [category.name for category in self.categories]
        return data

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["og_image_url"] = self.og_image_url
        context["canonical_url"] = absolute_url(self.get_url(request))
        context["json_ld"] = self.json_ld(request)
        context["related_measures"] = self.related_measures()
        context["related_fields"] = self.related_fields()
        context["more_news"] = self.more_news()
        context["news_index"] = self.get_parent()
        return context
