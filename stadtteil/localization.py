"""Localising translatable objects in bulk: the one place that maps objects to their translations.

Relations from translated pages keep pointing at the German object (wagtail-localize synchronises inline rows and
foreign keys as they are), so lists localize through a dict keyed by translation_key, built in one query, instead
of `.localized` per object, which would cost a query each.
"""

import re

from django.conf import settings
from django.db.models import Q
from django.utils import translation

from stadtteil.visibility import public_pages

SLUG = re.compile(r"[-\w]{1,255}")


def active_language():
    return translation.get_language() or settings.LANGUAGE_CODE


def in_locale(queryset, locale):
    """The objects of `queryset` in `locale`, in its order, and a dict translation_key -> object (one query)."""
    objects = list(queryset.filter(locale=locale))
    return objects, {obj.translation_key: obj for obj in objects}


def localized_map(objects, language=None):
    """{translation_key: object in the language (default: active), else the object itself} (one query)."""
    objects = [obj for obj in objects if obj is not None]
    if not objects:
        return {}
    model = type(objects[0])
    found = {obj.translation_key: obj for obj in objects}
    found.update(
        (obj.translation_key, obj)
        for obj in model.objects.filter(
            translation_key__in=set(found), locale__language_code=language or active_language()
        )
    )
    return found


def localize_relation(items, relation, attr):
    """Give each item `attr`: the object its foreign key `relation` names, in the active language (or None)."""
    mapping = localized_map([getattr(item, relation) for item in items])
    for item in items:
        target = getattr(item, relation)
        setattr(item, attr, mapping.get(target.translation_key) if target is not None else None)
    return items


def localize_links(items, links, relation, attr):
    """Give each item `attr`: the objects its inline rows `links` name through `relation`, in the active language,
    in row order without repeats. Listings prefetch the rows; a single page (or a preview, whose rows live only in
    memory) reads its own."""
    rows = {id(item): [getattr(link, relation) for link in getattr(item, links).all()] for item in items}
    mapping = localized_map([target for targets in rows.values() for target in targets])
    for item in items:
        localized = []
        for target in rows[id(item)]:
            if target is not None and mapping[target.translation_key] not in localized:
                localized.append(mapping[target.translation_key])
        setattr(item, attr, localized)
    return items


def pages_in_locale(queryset, locale, keys, fallback=()):
    """{translation_key: live public page of `queryset` in `locale`} for `keys` (one query). A page of `fallback`
    (e.g. the linked German page) stands in for a missing translation."""
    fallback_pks = [page.pk for page in fallback]
    if not keys and not fallback_pks:
        return {}
    found = {}
    condition = Q(translation_key__in=set(keys), locale=locale) | Q(pk__in=fallback_pks)
    for page in public_pages(queryset.live().filter(condition)):
        # Prefer the locale's page; a fallback only stands in for a missing translation.
        if page.locale_id == locale.pk or page.translation_key not in found:
            found[page.translation_key] = page
    return found


def linked_pages(page, links, relation):
    """The live public pages that `page`'s inline rows `links` name through `relation`, in the page's language
    (falling back to the linked page), in row order without repeats."""
    linked = [getattr(link, relation) for link in links if getattr(link, f"{relation}_id")]
    if not linked:
        return []
    model = type(linked[0])
    found = pages_in_locale(
        model.objects.select_related("locale"), page.locale, {p.translation_key for p in linked}, linked
    )
    result = []
    for target in linked:
        localized = found.get(target.translation_key)
        if localized is not None and localized not in result:
            result.append(localized)
    return result


def choice_in_any_language(items, raw, model, field="pk"):
    """The item of `items` (one language's objects) that `raw` names, also when `raw` names the same object in
    another language: a filtered list keeps its filter when the visitor switches the language (the switcher and
    hreflang keep the query string). None when nothing matches."""
    if not raw:
        return None
    for item in items:
        if str(getattr(item, field)) == raw:
            return item
    if field == "pk" and not (raw.isascii() and raw.isdigit() and len(raw) < 19):
        return None  # not an id: no query (and no database error for "²" or huge numbers)
    if field != "pk" and not SLUG.fullmatch(raw):
        return None  # not a slug: no query (PostgreSQL refuses NUL bytes in text, for one)
    key = model.objects.filter(**{field: raw}).values_list("translation_key", flat=True).first()
    return next((item for item in items if item.translation_key == key), None) if key else None
