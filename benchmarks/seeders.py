"""Seeders for the benchmark site: the demo content plus many pages of every type, in German and English.

Each seeder is a function `(context) -> str` that returns what it did; `SEEDERS` runs in order. A seeder for a
model of another app runs only when that app and model exist (`model_or_none`), so that after the merge the
same list seeds news, measures and documents; until then it says it skipped. Fields are set generically: the
title, the slug, the locale and any required plain field (text, number, date, boolean, choice) the model has
without a default; a few common optional ones (intro, teaser, summary, date, first_published_at) get values
too. Adjust `SEED_FIELDS` when a model needs something else.
"""

import datetime
import io
from decimal import Decimal

from django.apps import apps
from django.db import models, transaction
from django.utils import timezone
from wagtail.models import Locale, Page

SEED_FIELDS = {
    # Optional fields worth filling when a model has them: (field name, value for item number n).
    "intro": lambda n: f"Kurzbeschreibung Nummer {n} für den Lasttest, mit etwas Text wie auf echten Seiten.",
    "teaser": lambda n: f"Anreißer Nummer {n} für den Lasttest.",
    "summary": lambda n: f"Zusammenfassung Nummer {n} für den Lasttest.",
    "date": lambda n: datetime.date(2026, 11, 1) - datetime.timedelta(days=n),
    "first_published_at": lambda n: timezone.now() - datetime.timedelta(days=n),
}
COUNTS = {"standard": 200, "news": 1000, "measures": 100, "documents": 100}


def _measure_fields(n):
    # A measure needs its main field of action (the German snippet), a period and a whole-euro cost.
    field_of_action = model_or_none("projects.FieldOfAction").objects.filter(locale__language_code="de")[n % 8]
    start = 2017 + n % 8
    return {
        "field_of_action": field_of_action,
        "start_year": start,
        "end_year": start + 1 + n % 3,
        "total_cost": 50_000 + 10_000 * n,
        "latitude": Decimal("51.575") + Decimal(n % 10) / 1000,
        "longitude": Decimal("7.690") + Decimal(n // 10) / 1000,
    }


# Model-specific values that the generic rules cannot guess (required relations, validated ranges).
EXTRA_FIELDS = {"projects.ProjectPage": _measure_fields}


def model_or_none(label):
    app_label, model_name = label.split(".")
    if not apps.is_installed(app_label) and app_label not in {config.label for config in apps.get_app_configs()}:
        return None
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def default_for(field, n):
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DateTimeField):
        return timezone.now() - datetime.timedelta(days=n)
    if isinstance(field, models.DateField):
        return datetime.date(2026, 11, 1) - datetime.timedelta(days=n)
    if isinstance(field, models.DecimalField | models.FloatField):
        return 51.59 + n / 10000
    if isinstance(field, models.IntegerField):
        return n
    if isinstance(field, models.SlugField):
        return f"lasttest-{n}"
    if isinstance(field, models.CharField | models.TextField):
        return f"Lasttest {n}"[: field.max_length or None]
    return None


def fields_for(model, n, skip=()):
    """Values for every required plain field without a default, and for the common optional ones."""
    values = {}
    for field in model._meta.concrete_fields:
        if field.name in skip or field.primary_key or field.is_relation or field.auto_created:
            continue
        if field.name in SEED_FIELDS:
            values[field.name] = SEED_FIELDS[field.name](n)
        elif not field.null and not field.blank and not field.has_default() and not getattr(field, "auto_now", False):
            if getattr(field, "auto_now_add", False):
                continue
            value = default_for(field, n)
            if value is not None:
                values[field.name] = value
    return values


PAGE_SKIP = {f.name for f in Page._meta.concrete_fields}


def add_pages(context, model, parent, count, title):
    """`count` live pages of `model` under `parent` (German) and their English copies under its translation."""
    en = Locale.objects.get(language_code="en")
    english_parent = parent.get_translation_or_none(en)
    created = 0
    for n in range(count):
        values = fields_for(model, n, PAGE_SKIP)
        values.update(EXTRA_FIELDS.get(model._meta.label, lambda n: {})(n))
        page = model(title=f"{title} {n + 1}", slug=f"lasttest-{n + 1}", live=True, **values)
        parent.add_child(instance=page)
        created += 1
        if english_parent is not None:
            # Wagtail's own translation copy keeps the translation key, so hreflang and the switcher work.
            english = page.copy_for_translation(en, copy_parents=False)
            english.title = f"Load test {title.lower()} {n + 1}"
            english.live = True
            english.save()
            created += 1
    return created


def find_parent(model):
    """The first live German page that may hold pages of `model`."""
    de = Locale.objects.get(language_code="de")
    parent_models = model.allowed_parent_page_models()
    for candidate in Page.objects.live().filter(locale=de).order_by("depth", "path").specific():
        if isinstance(candidate, tuple(parent_models)):
            return candidate
    return None


def seed_standard_pages(context):
    from home.models import StandardPage

    home = Page.objects.get(depth=2, locale__language_code="de").specific
    section = home.get_children().filter(slug="lasttest").first()
    if section is None:
        section = StandardPage(title="Lasttest", slug="lasttest", live=True, show_in_menus=False)
        home.add_child(instance=section)
        en = Locale.objects.get(language_code="en")
        english = section.copy_for_translation(en, copy_parents=False)
        english.live = True
        english.save()
    created = add_pages(context, StandardPage, section.specific, COUNTS["standard"], "Seite")
    return f"{created} standard pages under /de/lasttest/ and /en/lasttest/"


def seed_page_type(label, count_key, title):
    def seeder(context):
        model = model_or_none(label)
        if model is None:
            return f"skipped: {label} does not exist on this branch"
        parent = find_parent(model)
        if parent is None:
            return f"skipped: no live page may hold {label}"
        created = add_pages(context, model, parent, COUNTS[count_key], title)
        return f"{created} {label} pages under {parent.url_path}"

    seeder.__name__ = f"seed_{label.replace('.', '_')}"
    return seeder


def tiny_pdf(n):
    """A one-page PDF, small and valid, so document views and PDF text extraction have something to read."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text=f"Lasttest-Dokument {n}")
    return bytes(pdf.output())


def seed_documents(context):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model, get_document_model_string

    if get_document_model_string() != "documents.CustomDocument" or model_or_none("documents.CustomDocument") is None:
        return "skipped: documents.CustomDocument does not exist"
    model = get_document_model()
    translatable = any(field.name == "locale" for field in model._meta.concrete_fields)
    locales = list(Locale.objects.filter(language_code__in=["de", "en"])) if translatable else [None]
    created = 0
    skip = {"title", "file", "created_at", "file_size", "file_hash", "locale", "translation_key"}
    for locale in locales:
        for n in range(COUNTS["documents"]):
            document = model(title=f"Lasttest-Dokument {n + 1}", **fields_for(model, n, skip))
            if locale is not None:
                document.locale = locale
            document.file.save(f"lasttest-{n + 1}.pdf", ContentFile(tiny_pdf(n + 1)), save=False)
            document.save()
            created += 1
    return f"{created} documents"


SEEDERS = [
    seed_standard_pages,
    seed_page_type("news.NewsPage", "news", "Meldung"),
    seed_page_type("projects.ProjectPage", "measures", "Maßnahme"),
    seed_documents,
]


def run(out=None):
    out = out or io.StringIO()
    for seeder in SEEDERS:
        try:
            with transaction.atomic():  # one commit per seeder: minutes faster on SQLite
                result = seeder({})
        except Exception as error:  # noqa: BLE001 - one app's unexpected fields must not stop the others
            result = f"FAILED: {type(error).__name__}: {error}"
        out.write(f"{seeder.__name__}: {result}\n")
    return out
