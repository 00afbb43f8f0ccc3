"""Tools for the demo content: idempotent page creation, generated images, and English translations made
through wagtail-localize's own records (so editors can later change the German source and sync).

Each app that has demo content provides `<app>/demo.py` with `load(demo: Demo)`; `manage.py load_demo` calls
them, home first, then the other apps from the lowest layer up.
"""

import io
import logging
from dataclasses import dataclass, field

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.strings import extract_strings

logger = logging.getLogger(__name__)

EXAMPLE_NOTE_DE = "Beispielinhalt: Dieser Text wurde für die Demonstration der Website erstellt."
EXAMPLE_NOTE_EN = "Example content: this text was written to demonstrate the website."
# The note as rich text, in German and English (the end of an intro, or a paragraph block of its own).
EXAMPLE_NOTE_HTML = (f"<p><i>{EXAMPLE_NOTE_DE}</i></p>", f"<p><i>{EXAMPLE_NOTE_EN}</i></p>")


@dataclass
class Demo:
    user: object
    out: object = None
    de: Locale = None
    en: Locale = None
    de_home: Page = None
    en_home: Page = None
    # German source string -> English string, collected from every `pairs()` call.
    strings: dict = field(default_factory=dict)
    missing: list = field(default_factory=list)

    def __post_init__(self):
        self.de, _ = Locale.objects.get_or_create(language_code="de")
        self.en, _ = Locale.objects.get_or_create(language_code="en")

    def log(self, message):
        if self.out is not None:
            self.out.write(message)

    # --- strings -------------------------------------------------------------------------------------------
    def t(self, de, en):
        """Register a German/English pair and return the German text (for building the source)."""
        if isinstance(de, str) and "<" in de:
            _, de_strings = extract_strings(de)
            _, en_strings = extract_strings(en)
            if len(de_strings) != len(en_strings):
                raise ValueError(f"Rich text pair has different structure: {de[:60]!r}")
            for (de_value, _), (en_value, _) in zip(de_strings, en_strings, strict=True):
                self.strings[de_value.data] = en_value.data
        else:
            self.strings[str(de)] = str(en)
        return de

    def note(self):
        """The example note as a paragraph block."""
        return ("paragraph", self.t(*EXAMPLE_NOTE_HTML))

    # --- pages ---------------------------------------------------------------------------------------------
    def child(self, parent, slug):
        return parent.get_children().filter(slug=slug).specific().first()

    def page(self, parent, model, slug, **fields):
        """The German page `slug` under `parent`, created and published if it does not exist yet."""
        existing = self.child(parent, slug)
        if existing is not None:
            return existing
        page = model(slug=slug, locale=parent.locale, **fields)
        parent.add_child(instance=page)
        page.save_revision(user=self.user, log_action=True).publish(user=self.user)
        self.log(f"  created {model.__name__} /{slug}/")
        return page

    def translated_page(self, model, slug, title, intro=None, parent=None, note=False, **fields):
        """`page` from German/English pairs (`slug`, `title`, `intro`, the intro ending with the example note when
        `note`) under `parent` (the home page), and its English translation; the other fields are German."""
        if intro is not None:
            if note:
                intro = tuple(text + html for text, html in zip(intro, EXAMPLE_NOTE_HTML, strict=True))
            fields["intro"] = self.t(*intro)
        page = self.page(parent or self.de_home, model, self.t(*slug), title=self.t(*title), **fields)
        self.translate(page)
        return page

    def translated_snippet(self, model, *match, **fields):
        """The German snippet whose `match` fields equal those in `fields` (so an editor's changes stay), else a
        new one from `fields`, and its English translation."""
        instance = model.objects.filter(locale=self.de, **{name: fields[name] for name in match}).first()
        if instance is None:
            created = model.objects.create(locale=self.de, **fields)
            # As stored (block ids, decimal places): the translation source must equal the saved snippet.
            instance = model.objects.get(pk=created.pk)
        self.translate(instance)
        return instance

    def translate(self, instance, locale=None):
        """Create (once) the English translation of a page or snippet from the registered string pairs."""
        locale = locale or self.en
        instance = instance.specific if isinstance(instance, Page) else instance
        if instance.has_translation(locale):
            return instance.get_translation(locale)
        source, _ = TranslationSource.get_or_create_from_instance(instance)
        return self._save_translation(instance, source, locale)

    def sync(self, instance, locale=None):
        """After the German source changed (and was published): update the English translation, as an editor's
        "sync translation" would, from the registered string pairs."""
        locale = locale or self.en
        instance = instance.specific if isinstance(instance, Page) else instance
        source, _ = TranslationSource.update_or_create_from_instance(instance)
        return self._save_translation(instance, source, locale, keep_existing=True)

    def _save_translation(self, instance, source, locale, keep_existing=False):
        translation, _ = Translation.objects.get_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        for segment in source.stringsegment_set.select_related("string", "context"):
            if (
                keep_existing
                and StringTranslation.objects.filter(
                    translation_of=segment.string, locale=locale, context=segment.context
                ).exists()
            ):
                continue  # translated before (a sync adds only what is new)
            english = self.strings.get(segment.string.data)
            if english is None and not any(char.isalpha() for char in segment.string.data):
                english = segment.string.data  # numbers and dates read the same in English
            if english is None:
                self.missing.append(segment.string.data)
                continue
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": english,
                    "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                    "last_translated_by": self.user,
                    "has_error": False,
                    "field_error": "",
                },
            )
        if isinstance(instance, Page):
            # Save a draft, then publish it here: wagtail-localize would publish only on commit.
            translation.save_target(user=self.user, publish=False)
            instance.get_translation(locale).get_latest_revision().publish(user=self.user)
        else:
            translation.save_target(user=self.user, publish=True)
        return instance.get_translation(locale)

    # --- images --------------------------------------------------------------------------------------------
    def image(self, title, text, colour="#1f5f3a", size=(1600, 900), accent="#ffbf47"):
        """A generated picture (Pillow) with a title; the same title is created only once."""
        model = get_image_model()
        existing = model.objects.filter(title=title).first()
        if existing is not None:
            return existing
        picture = PILImage.new("RGB", size, colour)
        draw = ImageDraw.Draw(picture)
        width, height = size
        # Simple skyline of houses and trees, so the picture is not a flat colour.
        ground = int(height * 0.78)
        draw.rectangle([0, ground, width, height], fill=_shade(colour, -40))
        step = width // 9
        for i in range(9):
            x = i * step + step // 6
            house_h = int(height * (0.18 + 0.05 * (i % 3)))
            draw.rectangle([x, ground - house_h, x + step * 0.6, ground], fill=_shade(colour, 45 + 10 * (i % 2)))
            draw.polygon(
                [
                    (x - 8, ground - house_h),
                    (x + step * 0.3, ground - house_h - step * 0.3),
                    (x + step * 0.6 + 8, ground - house_h),
                ],
                fill=accent if i % 4 == 0 else _shade(colour, 70),
            )
        font = _font(int(height * 0.07))
        return self._save_image(picture, draw, title, text, font, (width * 0.06, height * 0.08), "#ffffff")

    def logo(self, title, text, colour):
        """A generated logo: the name in colour on white, with a coloured mark (Pillow)."""
        model = get_image_model()
        existing = model.objects.filter(title=title).first()
        if existing is not None:
            return existing
        font = _font(44)
        # As wide as the name needs: a fixed width cut "Städtebauförderung" to "Städtebauförderu".
        width = max(600, 165 + int(font.getlength(text)) + 40)
        picture = PILImage.new("RGB", (width, 200), "#ffffff")
        draw = ImageDraw.Draw(picture)
        draw.rectangle([20, 40, 140, 160], fill=colour)
        draw.polygon([(40, 140), (80, 70), (120, 140)], fill="#ffffff")
        return self._save_image(picture, draw, title, text, font, (165, 75), colour, png=True)

    def _save_image(self, picture, draw, title, text, font, position, fill, png=False):
        draw.text(position, text, fill=fill, font=font)
        buffer = io.BytesIO()
        png = png or picture.width <= 600
        picture.save(buffer, format="PNG" if png else "JPEG", quality=85)
        extension = "png" if png else "jpg"
        image = get_image_model()(title=title, description=text, collection_id=_root_collection_id())
        image.file = ImageFile(buffer, name=f"{_slug(title)}.{extension}")
        image.save()
        return image


def _shade(hex_colour, amount):
    rgb = [int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]
    return tuple(max(0, min(255, c + amount)) for c in rgb)


def _font(size):
    for name in ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"):
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size=size)


def _slug(text):
    from stadtteil.text import german_slugify

    return german_slugify(text)[:60] or "image"


def _root_collection_id():
    from wagtail.models import Collection

    return Collection.get_first_root_node().pk
