from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from stadtteil.blocks import BodyStreamBlock
from stadtteil.models import optional_link
from stadtteil.page_cache import shared_sections


class HomePage(Page):
    """The start page of one language: hero, introduction and teasers of every section."""

    hero_image = optional_link("wagtailimages.Image", _("hero image"))
    hero_heading = models.CharField(_("hero heading"), max_length=200, blank=True)
    hero_text = models.TextField(_("hero text"), blank=True)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    body = StreamField(BodyStreamBlock(), verbose_name=_("further content"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_heading"), FieldPanel("hero_text")],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_text"), index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "projects.ProjectIndexPage",
        "news.NewsIndexPage",
        "news.EventIndexPage",
        "documents.DocumentIndexPage",
        "documents.SearchPage",
        "subscriptions.NewsletterPage",
        "participation.ParticipationPage",
        "fund.FundPage",
        "directory.DirectoryPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Each content app contributes its teaser (featured measures, latest news, upcoming events, the final
        # report) through the "home_page_sections" hook.
        context["home_sections"] = shared_sections(request, f"home_sections:{self.pk}", "home_page_sections", self)
        return context


class StandardPage(Page):
    """A content page built from blocks: about the project, legal pages, easy read, sign language."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("A short lead paragraph."))
    body = StreamField(BodyStreamBlock(), verbose_name=_("content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")


class DemoContent(models.Model):
    """Marker row: `load_demo` has run (or found an existing site). Its presence makes every later run of
    `load_demo` (each `make run`) a no-op, so the demo is never loaded again over editors' changes."""

    loaded_at = models.DateTimeField(_("loaded"), auto_now_add=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("demo content marker")
        verbose_name_plural = _("demo content markers")

    def __str__(self):
        return f"{self.loaded_at:%Y-%m-%d %H:%M} {self.note}"
