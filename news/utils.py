"""Helpers shared by the news and event pages: localizing snippets in bulk, pagination, absolute URLs."""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from stadtteil.site_url import absolute_url

PER_PAGE = 10


def active_language():
    return translation.get_language() or settings.LANGUAGE_CODE


def localized_map(objects):
    """{translation_key: object in the active language} for translatable snippets, in one query.

    Relations from translated pages keep pointing at the German snippet (wagtail-localize synchronises
    inline rows as they are), so every template localizes through this map instead of `.localized`
    per object, which would cost a query each.
    """
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return {}
    model = type(objects[0])
    keys = {obj.translation_key for obj in objects}
    found = {obj.translation_key: obj for obj in objects}
    found.update(
        (obj.translation_key, obj)
        for obj in model.objects.filter(translation_key__in=keys, locale__language_code=active_language())
    )
    return found


def absolute(request, url):
    """`url` on the site's public address (SITE_URL), whatever host the request came in on."""
    return absolute_url(url)


_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld_script(data):
    """A `<script type="application/ld+json">` data block, escaped like Django's json_script (no JavaScript)."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))  # noqa: S308


def site_name(request):
    """The site name in the active language, shared with base.html's memo of the site texts."""
    from stadtteil.models import SiteTexts
    from stadtteil.templatetags.stadtteil_tags import _memo

    language = active_language()
    texts = _memo(request, f"site_texts:{language}", lambda: SiteTexts.for_language(language))
    return texts.site_name if texts else settings.WAGTAIL_SITE_NAME
