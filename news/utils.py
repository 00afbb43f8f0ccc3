"""Helpers shared by the news and event pages: localizing snippets in bulk, pagination."""

from django.conf import settings
from django.utils import translation

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


def site_name(request):
    """The site name in the active language, shared with base.html's memo of the site texts."""
    from stadtteil.models import SiteTexts
    from stadtteil.templatetags.stadtteil_tags import _memo

    language = active_language()
    texts = _memo(request, f"site_texts:{language}", lambda: SiteTexts.for_language(language))
    return texts.site_name if texts else settings.WAGTAIL_SITE_NAME
