"""Admin-wide details of a German admin: German transliteration in generated slugs."""

from django.db import models
from wagtail.admin.forms.models import register_form_field_override
from wagtail.admin.widgets import SlugInput

from stadtteil.text import GERMAN_TRANSLITERATION


class GermanSlugInput(SlugInput):
    """Wagtail's slug field (filled from the title as one types) with German transliteration first: "Grünfläche"
    becomes "gruenflaeche", as in the demo content and the rest of the site, not Wagtail's "grunflache"."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        formatters = [*GERMAN_TRANSLITERATION.items(), *(formatters or [])]
        super().__init__(attrs=attrs, formatters=formatters, locale=locale)


# Replaces Wagtail's own override for every slug field of a model form in the admin (pages and snippets).
register_form_field_override(models.SlugField, override={"widget": GermanSlugInput})
