"""What search engines and social apps read of a page: title, description, preview image, locales.

One place for every page type (base.html includes stadtteil/includes/meta.html, filled by the `page_meta` tag).
A page type can say more by defining `meta_description()` or `meta_image()`; otherwise the first filled field of
the usual names is used, and the site's fallback image (site settings) when the page has none.
"""

import json
import re
from html import unescape

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from stadtteil.site_url import absolute_url

# Social apps crop to 1.91:1; JPEG because not every app reads WebP.
OG_IMAGE_SPEC = "fill-1200x630|format-jpeg"
OG_IMAGE_SIZE = (1200, 630)
# Fields that describe a page, in the order they are tried (search_description is the editor's own choice).
DESCRIPTION_FIELDS = ("search_description", "teaser", "summary", "intro", "hero_text", "description")
IMAGE_FIELDS = ("image", "hero_image", "photo")
DESCRIPTION_LENGTH = 160
OG_LOCALES = {"de": "de_DE", "en": "en_GB"}

# Closing block tags end a sentence or item: without a space "…Städtebauförderung.Beispielinhalt…" runs together.
_BLOCK_END = re.compile(r"</(p|li|h[1-6]|div|blockquote|td|th|dt|dd)>|<br\s*/?>", re.IGNORECASE)
_SPACES = re.compile(r"\s+")


def plain_text(value):
    """Rich text, HTML or plain text as one line of plain text; None and empty values give ''."""
    if value is None:
        return ""
    html = value.source if hasattr(value, "source") else str(value)
    text = unescape(strip_tags(_BLOCK_END.sub(" ", html)))
    return _SPACES.sub(" ", text).strip()


def description(page, fallback=""):
    """The page's description for `<meta name="description">` and previews: never empty, never 'None'."""
    own = getattr(page, "meta_description", None)
    candidates = [own()] if callable(own) else []
    candidates += [getattr(page, name, None) for name in DESCRIPTION_FIELDS]
    for value in [*candidates, fallback]:
        text = plain_text(value)
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return ""


def image(page):
    """The page's own preview image (a Wagtail image), or None."""
    own = getattr(page, "meta_image", None)
    if callable(own):
        return own()
    for name in IMAGE_FIELDS:
        value = getattr(page, name, None)
        if value is not None and hasattr(value, "get_rendition"):
            return value
    return None


def image_url(request, picture):
    """Absolute URL of the preview rendition of a Wagtail image ('' without one)."""
    if picture is None:
        return ""
    try:
        return absolute_url(picture.get_rendition(OG_IMAGE_SPEC).url)
    except OSError:  # Wagtail's SourceImageIOError included
        # The original file is missing (e.g. media not restored yet): no preview rather than no page.
        return ""


def title(page_title, site_name):
    """'Page – Site', or the site name alone where the page is called like the site (the home page)."""
    page_title = (page_title or "").strip()
    if not page_title or page_title.casefold() == (site_name or "").casefold():
        return site_name
    return f"{page_title} – {site_name}" if site_name else page_title


# --- structured data (JSON-LD) ---------------------------------------------------------------------------------------
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """`data` as JSON for a `<script type="application/ld+json">` element, escaped like Django's json_script: no
    "<", ">" or "&" in it, so nothing inside can end the element early."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)


def json_ld_script(data):
    """The whole `<script type="application/ld+json">` data block (no JavaScript)."""
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(json_ld(data)))  # noqa: S308
