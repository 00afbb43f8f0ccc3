"""Change notes, as GOV.UK does them: when an editor publishes a substantive change of a measure, they tick
"Wesentliche Änderung?" and write a short public note; minor edits stay silent.

The two fields live on the page form (`ChangeNoteFields`) and are turned into a `ChangeNote` row when the page is
published. The form always shows them empty, so that a note is never published twice by accident; the page row keeps
the last values, so that wagtail-localize offers the note for translation with the rest of the page. The English
note is made when a completely translated English page is published after a sync that carried the note.

Exactly once: one German note per published revision, one translated note per German note and page (unique
constraints; a second worker or a re-publication finds the row). The subscriptions app reacts to a new row.
"""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page

NOTE_MAX_LENGTH = 1000


class ChangeNoteFields(models.Model):
    """The two fields the editor fills in when publishing a substantive change (see the module docstring)."""

    substantive_change = models.BooleanField(
        _("Substantive change?"),
        default=False,
        help_text=_(
            "Tick when this publication changes something residents should know (costs, period, status, plans). "
            "The note is shown on the page, in the feeds and sent to the followers of the measure. "
            "Minor edits (typos, pictures) stay silent."
        ),
    )
    change_note = models.TextField(
        _("public change note"),
        blank=True,
        max_length=NOTE_MAX_LENGTH,
        help_text=_("One or two sentences: what changed and why, e.g. “Construction starts in May instead of March.”"),
    )

    change_note_panels = [
        MultiFieldPanel(
            [FieldPanel("substantive_change"), FieldPanel("change_note")],
            heading=_("Change note"),
        )
    ]

    class Meta:
        abstract = True


class ChangeNoteFormMixin:
    """The fields start empty on every edit (they describe one publication), and a ticked box needs a note."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["substantive_change"] = False
            self.initial["change_note"] = ""

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("substantive_change") and not (cleaned.get("change_note") or "").strip():
            self.add_error("change_note", _("Write a short note for residents about what changed."))
        elif (cleaned.get("change_note") or "").strip() and not cleaned.get("substantive_change"):
            self.add_error(
                "substantive_change", _("Tick “Substantive change?” to publish the note, or remove the note.")
            )
        return cleaned


class ChangeNote(models.Model):
    """One public note of a substantive change of one measure in one language (the page's)."""

    page = models.ForeignKey(
        "projects.ProjectPage", verbose_name=_("measure"), on_delete=models.CASCADE, related_name="change_notes"
    )
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH)
    published_at = models.DateTimeField(_("published"), default=timezone.now, db_index=True)
    # The German note's publication; the translated note's German original. Both only make the row unique.
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    translation_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="translations", editable=False
    )

    class Meta:
        verbose_name = _("change note")
        verbose_name_plural = _("change notes")
        ordering = ["-published_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["page", "revision"], name="projects_change_note_once_per_revision"),
            models.UniqueConstraint(
                fields=["page", "translation_of"], name="projects_change_note_once_per_translation"
            ),
        ]

    def __str__(self):
        return self.note[:80]


def _create_once(**values):
    """Create the note unless the row exists (unique constraints); returns it or None."""
    defaults = {key: values.pop(key) for key in ("note", "published_at")}
    try:
        with transaction.atomic():
            note, _created = ChangeNote.objects.get_or_create(**values, defaults=defaults)
    except IntegrityError:
        return None  # another worker made it just now
    return note


def _translated_source_note(page):
    """The German note the translated page's note translates: the note of the German content of the last sync."""
    from wagtail_localize.models import Translation

    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source")
        .first()
    )
    if translation is None:
        return None
    synced = translation.source.as_instance()
    text = (getattr(synced, "change_note", "") or "").strip()
    if not getattr(synced, "substantive_change", False) or not text:
        return None
    return ChangeNote.objects.filter(page__translation_key=page.translation_key, translation_of=None, note=text).first()


def on_page_published(sender, instance, revision=None, **kwargs):
    from projects.models import ProjectPage

    page = instance.specific if type(instance) is Page else instance
    if not isinstance(page, ProjectPage) or not page.substantive_change or not page.change_note.strip():
        return
    when = page.last_published_at or timezone.now()
    if page.locale.language_code == settings.LANGUAGE_CODE:
        latest = page.change_notes.filter(translation_of=None).first()
        if latest is not None and latest.note == page.change_note.strip():
            return  # the same note published again (a page published from code keeps its fields): nothing new
        _create_once(page=page, revision=revision, note=page.change_note.strip(), published_at=when)
        return
    from editorial.localize import is_complete

    # A translation with German text left in it does not publish the note yet: the first complete one does.
    if not is_complete(page):
        return
    source = _translated_source_note(page)
    if source is not None:
        # Dated like the German note: it is the same change.
        _create_once(
            page=page,
            translation_of=source,
            revision=revision,
            note=page.change_note.strip(),
            published_at=source.published_at,
        )


def connect():
    from wagtail.signals import page_published

    page_published.connect(on_page_published, dispatch_uid="projects_change_notes")
