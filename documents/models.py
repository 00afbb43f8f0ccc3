import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from documents import processing
from documents.blocks import ReportStreamBlock
from stadtteil.localization import active_language

logger = logging.getLogger(__name__)
_UNKNOWN = object()


class Category(models.TextChoices):
    REPORT = "report", _("Report")
    PLAN = "plan", _("Plan")
    MINUTES = "minutes", _("Minutes")
    PRESENTATION = "presentation", _("Presentation")
    BROCHURE = "brochure", _("Brochure")
    FORM = "form", _("Form")
    OTHER = "other", _("Other")


# Languages a document itself may be written in (independent of the site's two languages).
DOCUMENT_LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("de-x-easy", _("German, easy read")),
    ("tr", _("Turkish")),
    ("pl", _("Polish")),
    ("ar", _("Arabic")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
]


class ProcessingStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for processing")
    DONE = "done", _("Processed")
    FAILED = "failed", _("Processing failed")


class CustomDocument(AbstractDocument):
    """The project's document model: editor-given metadata plus what is computed from the file on upload."""

    category = models.CharField(
        _("category"),
        max_length=20,
        choices=Category.choices,
        blank=True,
        help_text=_("Documents with a category are listed on the downloads page."),
    )
    description = models.TextField(_("description"), blank=True, help_text=_("What is in it, in one or two sentences."))
    english_title = models.CharField(
        _("English title"), max_length=255, blank=True, help_text=_("Shown on English pages; optional.")
    )
    english_description = models.TextField(_("English description"), blank=True)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    language = models.CharField(_("language of the document"), max_length=10, choices=DOCUMENT_LANGUAGES, default="de")
    is_final_report = models.BooleanField(
        _("final report"), default=False, help_text=_("Featured on the downloads page and the home page.")
    )
    no_notification = models.BooleanField(
        _("no notification"),
        default=False,
        help_text=_("Do not e-mail the subscribers of new documents when this document first appears for download."),
    )
    # Set once, when the document is first listed for download: saved with a category and its processing finished
    # (so the notification can name type, size and pages). The subscribers' notification is queued at that moment
    # only, so a re-save never notifies again (see subscriptions.signals.on_document_saved).
    first_listed_at = models.DateTimeField(_("first listed"), null=True, blank=True, editable=False)

    # Computed from the file (see documents.processing); not editable.
    file_type = models.CharField(_("file type"), max_length=10, blank=True, editable=False)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True, editable=False)
    extracted_text = models.TextField(_("extracted text"), blank=True, editable=False)
    cover = models.ImageField(
        _("cover"),
        upload_to="documents/covers",
        blank=True,
        editable=False,
        width_field="cover_width",
        height_field="cover_height",
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    processing_status = models.CharField(
        _("processing"),
        max_length=10,
        choices=ProcessingStatus.choices,
        default=ProcessingStatus.PENDING,
        editable=False,
    )
    # Which processing limit was reached (a key of documents.processing.NOTES), shown to editors.
    processing_note = models.CharField(_("processing note"), max_length=20, blank=True, editable=False)
    download_count = models.PositiveBigIntegerField(_("downloads"), default=0, editable=False)
    # What pikepdf found (documents.processing.pdf_accessibility); None for other types or unreadable PDFs.
    pdf_accessibility = models.JSONField(_("accessibility of the PDF"), null=True, blank=True, editable=False)
    accessible_version = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessible version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A web page with the same content, offered next to a PDF that is not accessible."),
    )

    admin_form_fields = (
        "title",
        "file",
        "collection",
        "tags",
        "category",
        "description",
        "english_title",
        "english_description",
        "publication_date",
        "language",
        "is_final_report",
        "no_notification",
        "accessible_version",
    )

    search_fields = AbstractDocument.search_fields + [
        index.SearchField("description", boost=2),
        index.SearchField("english_title", boost=5),
        index.SearchField("english_description"),
        index.SearchField("extracted_text"),
        index.FilterField("category"),
        index.FilterField("language"),
    ]

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            # There is one final report; featuring two would confuse everyone.
            models.UniqueConstraint(
                fields=["is_final_report"], condition=models.Q(is_final_report=True), name="one_final_report"
            )
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The stored file name as loaded, without touching a deferred field (that would cost a query).
        raw = self.__dict__.get("file", _UNKNOWN) if self.pk else None
        self._processed_file_name = getattr(raw, "name", raw)

    def clean(self):
        # Wagtail checks the file's extension. The multiple uploader validates its second step ("Update") before
        # it attaches the upload, which passed every file check in its first step: no file yet, nothing to check
        # (an empty name would be refused as "extension '' not allowed").
        if self.file:
            super().clean()

    def save(self, *args, **kwargs):
        file_changed = (
            self._processed_file_name is not _UNKNOWN
            and bool(self.file)
            and self.file.name != self._processed_file_name
        )
        if not file_changed and kwargs.get("update_fields") is None and not self._state.adding:
            # An editor's save never writes what the worker computes: the worker may have finished while this
            # instance was loaded (then its values are stale "being processed" ones).
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name not in self.WORKER_FIELDS
            ]
        elif file_changed and kwargs.get("update_fields") is None:
            # Size and hash (the download's ETag) for every new file, not only for uploads through the admin form.
            try:
                self._set_document_file_metadata()
            except OSError:
                logger.warning("Document file %s cannot be read", self.file.name)
            self.processing_status = ProcessingStatus.PENDING
            self.file_type = processing.extension_of(self.file.name)
        super().save(*args, **kwargs)
        if file_changed and kwargs.get("update_fields") is None:
            self._processed_file_name = self.file.name
            self.schedule_processing()

    COMPUTED_FIELDS = (
        "file_type",
        "page_count",
        "extracted_text",
        "cover",
        "cover_width",
        "cover_height",
        "file_size",
        "pdf_accessibility",
        "processing_status",
        "processing_note",
    )
    # Written only by the worker (and the notification's conditional update), never by an editor's save.
    WORKER_FIELDS = (*COMPUTED_FIELDS, "first_listed_at")

    def schedule_processing(self):
        """Every file is processed by the worker, never inside the upload's request: the upload answers at once
        and the document is "being processed" until then (even a small file can be a zip bomb or a PDF of
        thousands of pages). The task row is written in the upload's transaction, so the worker sees it only
        with the committed document. With the immediate backend (tests) the task has run when this returns."""
        from documents.tasks import process_document

        result = process_document.enqueue(self.pk)
        if result.is_finished:
            self.refresh_from_db(fields=self.WORKER_FIELDS)

    def processing_note_display(self):
        note = processing.NOTES.get(self.processing_note, "")
        return note % {"pages": settings.DOCUMENTS_PDF_MAX_PAGES} if note else ""

    def process_file(self):
        """Compute type, page count, text and cover from the stored file and save them."""
        try:
            with self.open_file() as handle:
                data = handle.read()
            result = processing.extract(data, processing.extension_of(self.file.name))
        except Exception:
            logger.exception("Processing document %s failed", self.pk)
            self.processing_status = ProcessingStatus.FAILED
            self.processing_note = "unreadable"
            # A save (not a queryset update), so that post_save listeners (new-document notification) see it.
            self.save(update_fields=["processing_status", "processing_note"])
            return
        if self.cover:
            self.cover.delete(save=False)
        cover = result.pop("cover")
        notes = result.pop("notes")
        self.processing_note = notes[0] if notes else ""
        for name, value in result.items():
            setattr(self, name, value)
        if cover:
            # Covers are served by a view that checks privacy (documents.views.serve_cover), never from a public
            # folder; the name is unguessable all the same (object storage), and the same for every re-processing.
            key = salted_hmac("documents.cover", str(self.pk)).hexdigest()[:24]
            self.cover.save(f"document-{self.pk}-{key}.jpg", ContentFile(cover), save=False)
        self.file_size = self.file_size or len(data)
        self.processing_status = ProcessingStatus.DONE
        self.save(update_fields=list(self.COMPUTED_FIELDS))

    @property
    def cover_url(self):
        """The cover through documents.views.serve_cover (which checks the collection's restrictions), with the
        file's hash as a version so that browsers fetch a new cover of a replaced file."""
        if not self.cover:
            return ""
        version = (self.file_hash or "")[:12]
        url = reverse("document_cover", args=[self.pk])
        return f"{url}?v={version}" if version else url

    def count_download(self):
        """Atomic increment in the database: concurrent downloads never overwrite each other's count."""
        type(self).objects.filter(pk=self.pk).update(download_count=F("download_count") + 1)

    def accessibility_problems(self):
        """What a PDF lacks for screen-reader users, as sentences for editors; [] when nothing is missing."""
        report = self.pdf_accessibility
        if self.file_type != "pdf" or report is None:
            return []
        problems = []
        if not report.get("tagged"):
            problems.append(_("It is not tagged: screen readers find no headings, lists or reading order."))
        if not report.get("language"):
            problems.append(_("No document language is set."))
        if not report.get("title") or not report.get("title_shown"):
            problems.append(_("No title is set to be shown instead of the file name."))
        if not report.get("bookmarks") and (self.page_count or 0) > 2:
            problems.append(_("It has no bookmarks to navigate its chapters."))
        return problems

    @property
    def is_inaccessible_pdf(self):
        return bool(self.accessibility_problems())

    # --- display helpers ---------------------------------------------------------------------------------------
    @property
    def display_title(self):
        if translation.get_language() == "en" and self.english_title:
            return self.english_title
        return self.title

    @property
    def display_title_language(self):
        """The language of the displayed title, when it differs from the page's (for a lang attribute)."""
        current = active_language()
        if current == "en" and self.english_title:
            return ""
        return "de" if current != "de" else ""

    @property
    def display_description(self):
        if translation.get_language() == "en" and self.english_description:
            return self.english_description
        return self.description

    @property
    def display_description_language(self):
        current = active_language()
        if current == "en" and not self.english_description and self.description:
            return "de"
        return ""

    @property
    def language_code(self):
        """BCP 47 code for the hreflang attribute of links to this document."""
        return self.language.split("-x-")[0]

    @property
    def type_label(self):
        return (self.file_type or self.file_extension or "").upper()

    def link_meta(self):
        """ "PDF, 4,2 MB, 120 Seiten" in the active language's number format."""
        from documents.formatting import document_meta

        return document_meta(self)


class DocumentIndexPage(Page):
    """The downloads page: every categorised document, grouped by category, the final report first."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["documents.ReportPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("downloads page")
        verbose_name_plural = _("downloads pages")

    def get_context(self, request, *args, **kwargs):
        from documents.views import document_groups

        context = super().get_context(request, *args, **kwargs)
        context.update(document_groups())
        context["report_page"] = (
            ReportPage.objects.live().child_of(self).filter(locale_id=self.locale_id).only("title", "url_path").first()
        )
        return context


class ReportPage(Page):
    """The final report as an accessible web page, with a generated table of contents and a link to the PDF."""

    intro = models.TextField(_("summary"), blank=True)
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("PDF of the report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ReportStreamBlock(), verbose_name=_("chapters"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("document"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["documents.DocumentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("report page")
        verbose_name_plural = _("report pages")

    def table_of_contents(self):
        """Chapters in order: (level, title, anchor) with unique anchors; templates use the same list."""
        from documents.blocks import chapter_anchors

        return chapter_anchors(self.body)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        toc = self.table_of_contents()
        context["toc"] = toc
        context["anchors"] = {entry["block_id"]: entry["anchor"] for entry in toc}
        return context


class SearchPage(Page):
    """Full-text search over this language's pages and all documents (including the text inside PDFs)."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("search page")
        verbose_name_plural = _("search pages")

    def get_sitemap_urls(self, request=None):
        return []  # result pages are not content

    def get_context(self, request, *args, **kwargs):
        from documents.search import run_search

        context = super().get_context(request, *args, **kwargs)
        context.update(run_search(request, self))
        return context
