"""Blocks of the report page: chapters become headings with stable anchors and entries of the table of contents."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock

from stadtteil.blocks import FigureBlock, QuoteBlock
from stadtteil.text import german_slugify

REPORT_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class ChapterBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Chapter title"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Chapter")), ("h3", _("Section"))],
        default="h2",
        search_index=False,
    )
    anchor = blocks.CharBlock(
        label=_("Anchor"),
        required=False,
        max_length=80,
        help_text=_(
            "Part of the web address for deep links (e.g. “spielplaetze”). Leave empty to derive it from the title; "
            "set it to keep links working when the title changes."
        ),
        search_index=False,
    )

    class Meta:
        icon = "title"
        label = _("Chapter heading")


class ReportStreamBlock(blocks.StreamBlock):
    chapter = ChapterBlock()
    paragraph = blocks.RichTextBlock(label=_("Text"), features=REPORT_TEXT_FEATURES, icon="pilcrow")
    figure = FigureBlock()
    table = TableBlock(label=_("Table"), icon="table")
    quote = QuoteBlock()


def anchor_slug(text):
    """ "Maßnahmen für Spielplätze" -> "massnahmen-fuer-spielplaetze" (readable in a URL, as Germans spell it)."""
    return german_slugify(text)


def chapter_anchors(body):
    """One entry per chapter heading: level, title, a unique anchor and the block id (for the template)."""
    entries, used = [], set()
    for block in body:
        if block.block_type != "chapter":
            continue
        base = anchor_slug(block.value.get("anchor") or block.value["title"]) or "kapitel"
        anchor, n = base, 2
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        used.add(anchor)
        entries.append(
            {"level": block.value["level"], "title": block.value["title"], "anchor": anchor, "block_id": block.id}
        )
    return entries
