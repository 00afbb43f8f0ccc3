"""How translations go live: never with German text that an English reader had in English before.

wagtail-localize (1.14) builds a translated page from the translation memory and falls back to the German
source text for every segment without a translation. Two places of its code decide what English readers see,
and both are adjusted here, once, for every path that saves a translation (the "Übersetzen" action, the
translation editor's "Veröffentlichen", "Synchronisieren" with or without "Sofort veröffentlichen", our report's
"Synchronisieren" and the demo content):

- `TranslationSource._get_segments_for_translation`: a segment whose German text changed keeps its previous
  English translation (the translation of the old text in the same place) until a translator translates the new
  text. Only German texts that were never translated fall back to German.
- `Translation.save_target(publish=False)`: wagtail-localize saves the ingested content into the page's row
  before it stores the draft revision, and the row is what visitors see. On a live page we put the live
  content back, so that a draft stays a draft.

A new translation starts as a draft (`WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False`). German text left
on a published translation is marked `lang="de"` when the page is served (`mark_untranslated`).
"""

import functools
import html
import re

from django.conf import settings
from django.db.models import Exists, OuterRef, Subquery
from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.strings import StringValue

LINK_ID = re.compile(r'<a id="(a\d+)">')


def _link_ids(data):
    return sorted(LINK_ID.findall(data))


def previous_translations(source, locale):
    """{segment id: earlier translation} for the segments of `source` without a translation into `locale`.

    The earlier translation is the translation of the text that stood in the same place (translation context)
    before the German text changed. Rich text gives each paragraph of a field the same context: the earlier
    text is taken only where that is unambiguous (one new paragraph, one translation of a text that is gone),
    and only with the same links, so that the link targets of the new text fit.
    """
    segments = list(
        StringSegment.objects.filter(source=source).annotate_translation(locale).select_related("context", "string")
    )
    missing = [segment for segment in segments if not segment.translation]
    if not missing:
        return {}
    current_strings = {}
    for segment in segments:
        current_strings.setdefault(segment.context_id, set()).add(segment.string_id)
    missing_per_context = {}
    for segment in missing:
        missing_per_context.setdefault(segment.context_id, []).append(segment)
    earlier = {}
    for translation in StringTranslation.objects.filter(
        context_id__in=missing_per_context, locale=locale, has_error=False
    ).order_by("-updated_at", "-pk"):
        if translation.translation_of_id not in current_strings[translation.context_id]:
            earlier.setdefault(translation.context_id, []).append(translation)
    result = {}
    for context_id, waiting in missing_per_context.items():
        gone = earlier.get(context_id, [])
        if len(waiting) == 1 and len(gone) == 1:
            segment, translation = waiting[0], gone[0]
            if _link_ids(segment.string.data) == _link_ids(translation.data):
                result[segment.pk] = translation.data
    return result


def _patch_segments():
    original = TranslationSource._get_segments_for_translation
    if getattr(original, "_keeps_previous", False):
        return

    @functools.wraps(original)
    def get_segments_for_translation(self, locale, fallback=False):
        segments = original(self, locale, fallback=fallback)
        if not fallback:
            return segments
        earlier = previous_translations(self, locale)
        if not earlier:
            return segments
        by_place = {
            (segment.context.path, segment.order): segment
            for segment in StringSegment.objects.filter(pk__in=earlier).select_related("context")
        }
        result = []
        for value in segments:
            segment = by_place.get((value.path, value.order)) if isinstance(value, StringSegmentValue) else None
            if segment is not None:
                value = StringSegmentValue(value.path, StringValue(earlier[segment.pk]), attrs=value.attrs).with_order(
                    value.order
                )
            result.append(value)
        return result

    get_segments_for_translation._keeps_previous = True
    TranslationSource._get_segments_for_translation = get_segments_for_translation


def _patch_save_target():
    original = Translation.save_target
    if getattr(original, "_keeps_live_content", False):
        return

    @functools.wraps(original)
    def save_target(self, user=None, publish=True):
        original(self, user=user, publish=publish)
        if not publish:
            restore_live_content(self)

    save_target._keeps_live_content = True
    Translation.save_target = save_target


def restore_live_content(translation):
    """A draft of a live translated page must not change what visitors see: put the live revision back."""
    try:
        page = translation.get_target_instance()
    except Page.DoesNotExist:
        return
    if not isinstance(page, Page) or not page.live or page.live_revision_id is None:
        return
    page = Page.objects.get(pk=page.pk).specific
    if page.live_revision_id == page.latest_revision_id:
        return
    live = page.with_content_json(page.live_revision.content)
    live.live_revision_id = page.live_revision_id
    live.last_published_at = page.last_published_at
    live.draft_title = page.draft_title
    live.has_unpublished_changes = True
    live.save(clean=False)


def install():
    _patch_segments()
    _patch_save_target()


# --- state of a translation -------------------------------------------------------------------------------------


def translation_for(page):
    """The enabled wagtail-localize translation that made this (non-German) page, or None."""
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return None
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def untranslated_strings(translation):
    """The German texts of this translation that have no translation and no earlier one: shown in German.

    The slug is left out: it is part of the address, not text a reader sees, and a translator who leaves it on the
    editor's "Veröffentlichung" tab must not hold back the English notification (the report still lists it)."""
    segments = (StringSegment.objects.filter(source_id=translation.source_id).exclude(context__path="slug")).annotate(
        translated=Subquery(
            StringTranslation.objects.filter(
                translation_of_id=OuterRef("string_id"),
                context_id=OuterRef("context_id"),
                locale_id=translation.target_locale_id,
                has_error=False,
            ).values("pk")[:1]
        )
    )
    missing = segments.filter(translated__isnull=True).select_related("string")
    earlier = previous_translations(translation.source, translation.target_locale) if missing else {}
    return [segment.string.data for segment in missing if segment.pk not in earlier]


def source_strings(translation):
    """Every German text of the translation's source, except those whose translation reads the same (names,
    numbers). Whichever of them shows on the live English page is German text, whatever the translation memory
    holds now: a translator may have translated it since, without publishing yet."""
    same = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=translation.target_locale_id,
        data=OuterRef("string__data"),
    )
    segments = StringSegment.objects.filter(source_id=translation.source_id).exclude(Exists(same))
    return sorted(set(segments.values_list("string__data", flat=True)))


def is_complete(page):
    """True when the page shows no German fallback text (pages not made with wagtail-localize count as done)."""
    translation = translation_for(page)
    return translation is None or not untranslated_strings(translation)


# --- lang="de" on German text left on an English page ------------------------------------------------------------


def _pattern(data):
    """A regular expression that finds the rendered form of a stored segment text between two tags."""
    parts = LINK_ID.split(data)
    pieces = []
    for index, part in enumerate(parts):
        if index % 2:
            pieces.append(r"<a\b[^>]*>")  # the link's href is filled in when the text is rendered
        else:
            pieces.append(re.escape(part))
    return re.compile(r"(>\s*)(" + "".join(pieces) + r")(\s*<)")


def mark_untranslated(content, strings):
    """Wrap every German text in the body of an English page in `<span lang="de">` (WCAG 3.1.2)."""
    start = content.find("<body")
    if start < 0 or not strings:
        return content
    head, body = content[:start], content[start:]
    for data in sorted(set(strings), key=len, reverse=True):
        if not data.strip():
            continue
        candidates = {data, html.escape(html.unescape(data), quote=False)}
        for candidate in candidates:
            text = LINK_ID.split(candidate)[0]
            if text in body:  # cheap test first: most texts are translated and absent
                body = _pattern(candidate).sub(r'\1<span lang="de">\2</span>\3', body)
    return head + body


def mark_response(page, request, response):
    """Mark German text left on a published translation (see mark_untranslated)."""
    from stadtteil.page_cache import shared_data

    if page.locale.language_code == settings.LANGUAGE_CODE or response.status_code != 200:
        return response
    if not response.get("Content-Type", "").startswith("text/html") or response.streaming:
        return response

    def compute():
        translation = translation_for(page)
        return source_strings(translation) if translation is not None else []

    strings = shared_data(request, f"untranslated:{page.pk}", compute)
    if not strings:
        return response
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    response.content = mark_untranslated(response.content.decode(response.charset), strings).encode(response.charset)
    return response
