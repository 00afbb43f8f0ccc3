"""Site-wide settings (language-neutral facts) and the translatable texts shown on every page."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import register_snippet


def optional_link(to, verbose_name, **options):
    """A foreign key that may stay empty, is emptied when its target is deleted and gives the target no reverse
    accessor: how a page or setting refers to an image or another page."""
    return models.ForeignKey(
        to, verbose_name=verbose_name, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", **options
    )


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    """Contact data, links and logos; texts that need translating live in SiteTexts."""

    office_name = models.CharField(_("office name"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    imprint_page = optional_link("wagtailcore.Page", _("legal notice page"))
    privacy_page = optional_link("wagtailcore.Page", _("privacy page"))
    accessibility_page = optional_link("wagtailcore.Page", _("accessibility statement page"))
    easy_read_page = optional_link("wagtailcore.Page", _("easy-read page (Leichte Sprache)"))
    sign_language_page = optional_link("wagtailcore.Page", _("sign language page"))

    federal_funding_logo = optional_link(
        "wagtailimages.Image", _("logo of the federal/state urban development funding")
    )
    state_logo = optional_link("wagtailimages.Image", _("logo of the state"))
    town_logo = optional_link("wagtailimages.Image", _("logo of the town"))

    social_image = optional_link(
        "wagtailimages.Image",
        _("preview image"),
        help_text=_(
            "Shown when a page is shared in social apps and messengers and the page has no image of its own. "
            "Its description is edited in the translatable site texts."
        ),
    )

    facebook_url = models.URLField(_("Facebook"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("office_name"),
                FieldPanel("street"),
                FieldPanel("postcode"),
                FieldPanel("city"),
                FieldPanel("phone"),
                FieldPanel("email"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("imprint_page"),
                FieldPanel("privacy_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("easy_read_page"),
                FieldPanel("sign_language_page"),
            ],
            heading=_("Legal and accessibility pages"),
            help_text=_("Choose the German pages; visitors are led to the translation of their language."),
        ),
        MultiFieldPanel(
            [FieldPanel("federal_funding_logo"), FieldPanel("state_logo"), FieldPanel("town_logo")],
            heading=_("Funding logos"),
            help_text=_("Alt texts of the logos are edited in the translatable site texts."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("social_image"),
                FieldPanel("facebook_url"),
                FieldPanel("instagram_url"),
                FieldPanel("mastodon_url"),
            ],
            heading=_("Social media"),
        ),
    ]

    class Meta:
        verbose_name = _("site settings")


@register_snippet
class SiteTexts(TranslatableMixin, models.Model):
    """Texts on every page (header, footer, funding notice), one record per language, translated with
    wagtail-localize like every other snippet."""

    site_name = models.CharField(_("site name"), max_length=100)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    funding_notice = models.TextField(
        _("funding notice"),
        blank=True,
        help_text=_("The notice the funding programme asks every publication to carry."),
    )
    federal_funding_logo_alt = models.CharField(_("alt text of the funding logo"), max_length=200, blank=True)
    state_logo_alt = models.CharField(_("alt text of the state logo"), max_length=200, blank=True)
    town_logo_alt = models.CharField(_("alt text of the town logo"), max_length=200, blank=True)
    social_image_alt = models.CharField(_("description of the preview image"), max_length=200, blank=True)

    panels = [
        FieldPanel("site_name"),
        FieldPanel("tagline"),
        FieldPanel("opening_hours"),
        FieldPanel("funding_notice"),
        FieldPanel("federal_funding_logo_alt"),
        FieldPanel("state_logo_alt"),
        FieldPanel("town_logo_alt"),
        FieldPanel("social_image_alt"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("site texts")
        verbose_name_plural = _("site texts")

    def __str__(self):
        return f"{self.site_name} ({self.locale})"

    @classmethod
    def for_language(cls, language_code):
        """The texts in this language, else the default language's, else None (one query)."""
        codes = [language_code, settings.LANGUAGE_CODE]
        texts = {
            t.locale.language_code: t
            for t in cls.objects.filter(locale__language_code__in=codes).select_related("locale")
        }
        return texts.get(language_code) or texts.get(settings.LANGUAGE_CODE)
