"""StreamField blocks shared by every app's pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock, ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Heading level 2")), ("h3", _("Heading level 3")), ("h4", _("Heading level 4"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "stadtteil/blocks/heading.html"


class FigureBlock(blocks.StructBlock):
    # Wagtail's ImageBlock asks for alt text unless the editor marks the image as decorative.
    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=500)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "stadtteil/blocks/figure.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "stadtteil/blocks/quote.html"


class LinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("External URL"), required=False)
    label = blocks.CharBlock(label=_("Link text"), max_length=100)

    def clean(self, value):
        result = super().clean(value)
        if bool(result.get("page")) == bool(result.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"page": blocks.BlockValidationError(_("Choose either a page or an external URL."))}
            )
        return result

    class Meta:
        icon = "link"
        label = _("Link")


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link = LinkBlock(label=_("Link"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "stadtteil/blocks/call_to_action.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(label=_("Link text"), required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = _("Document link")
        template = "stadtteil/blocks/document_link.html"


class TableRowBlock(blocks.StructBlock):
    cells = blocks.ListBlock(blocks.CharBlock(required=False, max_length=500), label=_("Cells"))

    class Meta:
        label = _("Row")


class DataTableBlock(blocks.StructBlock):
    """A simple accessible table; built from plain blocks so that wagtail-localize translates every cell."""

    caption = blocks.CharBlock(label=_("Caption"), max_length=200)
    columns = blocks.ListBlock(blocks.CharBlock(max_length=200), label=_("Column headings"))
    rows = blocks.ListBlock(TableRowBlock(), label=_("Rows"))
    first_column_is_header = blocks.BooleanBlock(label=_("First column holds row headings"), required=False)

    class Meta:
        icon = "table"
        label = _("Table")
        template = "stadtteil/blocks/table.html"


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Question or title"), max_length=200)
    content = blocks.RichTextBlock(label=_("Answer or content"), features=["bold", "italic", "link", "ol", "ul"])


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), required=False, max_length=200)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Items"))

    class Meta:
        icon = "list-ul"
        label = _("Accordion (FAQ)")
        template = "stadtteil/blocks/accordion.html"


class VideoBlock(blocks.StructBlock):
    # Self-hosted video with captions: no third-party player, no request without consent.
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    video = DocumentChooserBlock(label=_("Video file (WebM or MP4)"))
    captions = DocumentChooserBlock(label=_("Captions (WebVTT)"), required=False)
    poster = ImageChooserBlock(label=_("Poster image"), required=False)
    transcript = blocks.RichTextBlock(label=_("Transcript"), required=False, features=["bold", "italic", "link"])

    class Meta:
        icon = "media"
        label = _("Video")
        template = "stadtteil/blocks/video.html"


RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = FigureBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    document = DocumentLinkBlock()
    table = DataTableBlock()
    accordion = AccordionBlock()
    video = VideoBlock()
