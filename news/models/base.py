"""What news and event pages share: notification topics, the social image, the publisher, translated sub-view URLs."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from stadtteil.models import optional_link
from stadtteil.site_url import absolute_url

from ..utils import site_name

OG_IMAGE_SPEC = "fill-1200x630|format-jpeg"


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


def image_fields():
    """A page's optional image and its alternative text: `image, image_alt = image_fields()`, edited in
    IMAGE_PANEL (fields, not an abstract model: the page's own fields keep their order)."""
    return (
        optional_link("wagtailimages.Image", _("image")),
        models.CharField(
            _("alternative text of the image"),
            max_length=250,
            blank=True,
            help_text=_("What the image shows; leave empty if it is only decorative."),
        ),
    )


IMAGE_PANEL = MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Image"))


class SocialImageMixin:
    """The page's image as the absolute URL of its social media preview (og:image and JSON-LD), rendered once."""

    @cached_property
    def og_image_url(self):
        if self.image is None:
            return ""
        return absolute_url(self.image.get_rendition(OG_IMAGE_SPEC).url)


def site_organisation(request):
    """The project as a schema.org Organization: author and publisher of the news, organiser by default."""
    from stadtteil.templatetags.stadtteil_tags import site_home

    home = site_home({"request": request})
    data = {"@type": "Organization", "name": site_name(request)}
    if home is not None:
        data["url"] = absolute_url(home["url"])
    return data


def field_topics(fields):
    """Subscription topic keys of fields of action (the same in every language: keyed by translation_key)."""
    return {f"field:{field.translation_key}" for field in fields if field is not None}
