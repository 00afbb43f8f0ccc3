"""Admin-wide details of a German admin: German transliteration in generated slugs, the translation editor's
heading through the JavaScript catalogue."""

from django.db import models
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
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


@hooks.register("insert_editor_js")
def translation_editor_heading():
    # Runs in the page and snippet editors and in wagtail-localize's translation editor (which outputs this hook).
    return format_html('<script src="{}"></script>', static("js/admin-translation-editor.js"))
