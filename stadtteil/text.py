"""Text helpers shared by the apps."""

from django.utils.text import slugify

# German transliteration, as Germans write umlauts where they cannot use them (URLs, file names): "ü" -> "ue".
GERMAN_TRANSLITERATION = {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "ẞ": "SS"}
_GERMAN = str.maketrans(GERMAN_TRANSLITERATION)


def german_slugify(text):
    """ "Maßnahmen für Spielplätze" -> "massnahmen-fuer-spielplaetze" (readable in a URL, as Germans spell it)."""
    return slugify(str(text).translate(_GERMAN))
