"""Localising values that name translatable objects."""

import re

SLUG = re.compile(r"[-\w]{1,255}")


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
