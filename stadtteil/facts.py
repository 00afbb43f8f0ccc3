"""Language-independent facts (amounts, financing, dates, status, coordinates, related items): the machinery every
content app uses to declare them, copy them into translations and show them read-only on a translation.

Why copied on publish rather than read from the German page at render time: every view, export, cache and search
index of the site reads a page's own fields (plan totals, map, open data, CSV/XLSX, feeds, iCalendar); copying the
facts into each translation the moment the German page is published keeps all of them right without touching any
of them, and wagtail-localize's own sync copies the same fields too.

A page model lists its facts in `language_independent_fields`; the translation editor does not offer them for
overriding (`SynchronizedField(..., overridable=False)`, see `synchronized()`), and the English page editor shows
them read-only with a note (`FactsFromSourcePageForm`). `push_facts` copies them into a translation: into the row
visitors see and into the latest revision (so that a later publication of an English draft keeps them). Related
snippets are localized: the English page links the English field of action, category and venue, where one exists.

Here, below every app (stadtteil imports no app), so that projects and news can declare their facts; when they are
pushed (on every publication) is decided by editorial/facts.py, which reacts to Wagtail's page_published signal.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from stadtteil.admin_forms import LocaleRestrictedFormMixin

FROM_SOURCE_NOTE = _("Taken over from the German version.")


def synchronized(*names):
    """wagtail-localize field declarations for facts: copied on sync, never overridden by a translator."""
    return [SynchronizedField(name, overridable=False) for name in names]


def fact_names(model):
    return tuple(getattr(model, "language_independent_fields", ()))


def is_translation(page):
    locale = getattr(page, "locale", None)
    return locale is not None and locale.language_code != settings.LANGUAGE_CODE


def _localized(obj, locale):
    """The snippet in the translation's language, where one exists. Linked pages stay as they are: templates
    localize them when rendering and fall back to the German page while its translation is not live."""
    if isinstance(obj, TranslatableMixin) and not isinstance(obj, Page):
        translated = obj.get_translation_or_none(locale)
        if translated is not None:
            return translated
    return obj


def _is_text(field):
    return isinstance(field, models.CharField | models.TextField) and not field.choices


def _copy_row(row, old_row, locale):
    """A copy of one inline row for the translation: numbers and links from the German row (links localized),
    texts kept from the translation's row at the same place, if it has one."""
    model = type(row)
    values = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or isinstance(field, ParentalKey):
            continue
        if isinstance(row, TranslatableMixin) and field.name == "locale":
            values["locale_id"] = locale.pk  # a translatable row (same translation_key) in the translation's locale
        elif isinstance(field, models.ForeignKey):
            related = getattr(row, field.name)
            values[field.name] = _localized(related, locale) if related is not None else None
        elif _is_text(field) and old_row is not None and getattr(old_row, field.attname):
            values[field.attname] = getattr(old_row, field.attname)
        else:
            values[field.attname] = getattr(row, field.attname)
    return model(**values)


def apply_facts(source, target):
    """Copy the facts of `source` (German, live) onto the `target` instance (not saved). Returns True if any."""
    names = fact_names(type(source))
    if not names or type(source) is not type(target):
        return False
    locale = target.locale
    for name in names:
        field = type(source)._meta.get_field(name)
        if isinstance(field, models.ManyToOneRel) and isinstance(field.remote_field, ParentalKey):
            old_rows = list(getattr(target, name).all())
            if issubclass(field.related_model, TranslatableMixin):
                # Translatable rows (milestones) keep the translation of the same row, wherever it moved to.
                by_key = {old.translation_key: old for old in old_rows}
                rows = [_copy_row(row, by_key.get(row.translation_key), locale) for row in getattr(source, name).all()]
            else:
                rows = [
                    _copy_row(row, old_rows[index] if index < len(old_rows) else None, locale)
                    for index, row in enumerate(getattr(source, name).all())
                ]
            setattr(target, name, rows)
        elif isinstance(field, ParentalManyToManyField):
            setattr(target, name, [_localized(obj, locale) for obj in getattr(source, name).all()])
        elif isinstance(field, models.ForeignKey):
            related = getattr(source, name)
            setattr(target, name, _localized(related, locale) if related is not None else None)
        else:
            setattr(target, field.attname, getattr(source, field.attname))
    return True


def push_facts(source, target):
    """Apply the facts of the live German `source` to the translated page `target`: the visible row and its
    latest revision (a draft a translator works on, or the live revision)."""
    target = Page.objects.get(pk=target.pk).specific  # the row as visitors see it, without a caller's changes
    if not apply_facts(source, target):
        return
    target.save(clean=False)
    revision = target.latest_revision
    if revision is not None:
        draft = revision.as_object()
        apply_facts(source, draft)
        revision.content = draft.serializable_data()
        revision.save(update_fields=["content"])


class FactsFromSourcePageForm(LocaleRestrictedFormMixin, WagtailAdminPageForm):
    """On a translation, the facts are shown but cannot be changed: they come from the German page. Choices of
    snippets are those of the page's own language (stadtteil.admin_forms)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not is_translation(self.instance):
            return
        for name in fact_names(self._meta.model):
            if name in self.fields:
                self.fields[name].disabled = True
                self.fields[name].help_text = FROM_SOURCE_NOTE
            formset = self.formsets.get(name)
            if formset is not None:
                formset.can_delete = False
                for form in formset.forms:
                    for field in form.fields.values():
                        field.disabled = True
