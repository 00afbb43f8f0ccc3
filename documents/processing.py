"""Upload checks (content must match the extension) and metadata extraction (type, pages, text, cover).

Kept free of models so that the form, the model and the background task share one implementation.
"""

import contextlib
import io
import logging
import os
import re
import signal
import threading
import time
import zipfile

from django.conf import settings
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

# Never accepted, whatever the settings say: browsers execute script in these when served from our domain.
FORBIDDEN_EXTENSIONS = {"html", "htm", "xhtml", "xht", "shtml", "svg", "svgz", "xml", "xsl", "js", "mjs", "php"}
# Markup that makes a browser (or a sniffing proxy) treat a file as a web page or an SVG.
MARKUP_PATTERN = re.compile(rb"<\s*(!doctype\s+html|html|head|body|script|svg|iframe|\?xml[^>]*>\s*<svg)", re.I)

OOXML_PREFIX = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
ODF_MIMETYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
    "odp": b"application/vnd.oasis.opendocument.presentation",
}
TEXT_LIMIT = 1_000_000  # characters of extracted text kept for search; a report has far fewer
COVER_WIDTH = 480
# XML read from one member of an office file for its text: far more than 1,000,000 characters of text need.
XML_READ_LIMIT = 20 * 1024 * 1024
ZIP_TYPES = {*OOXML_PREFIX, *ODF_MIMETYPES, "zip"}


class LimitExceeded(BaseException):
    """Processing stopped at a limit; `note` says which (a key of NOTES). A BaseException, so that the broad
    `except Exception` inside PDF and image libraries cannot swallow the time limit."""

    def __init__(self, note):
        super().__init__(note)
        self.note = note


# Notes shown to editors when a file was processed only partly or not at all (stored as the key).
NOTES = {
    "pdf_pages": _("Text taken from the first %(pages)s pages only (processing limit)."),
    "time_limit": _("Processing took too long; the text was taken only partly or not at all."),
    "xml_size": _("The text of this file is too large to be extracted; it is not searchable."),
    "zip_limits": _("This archive unpacks to too much data; its text was not extracted."),
    "unreadable": _("The file could not be read; it has no cover and no searchable text."),
}


def allowed_extensions():
    return [ext.lower() for ext in settings.WAGTAILDOCS_EXTENSIONS if ext.lower()]


def extension_of(name):
    return os.path.splitext(name or "")[1][1:].lower()


def _read_head(file, size=8192):
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


def _zip_names(file):
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        file.seek(0)


def _zip_member(file, name):
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            return archive.read(name)[:200]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return b""
    finally:
        file.seek(0)


def content_matches(file, extension):
    """True when the file's first bytes are what the extension promises (magic numbers, container layout)."""
    head = _read_head(file)
    if extension == "pdf":
        return head.lstrip(b"\xef\xbb\xbf\r\n\t ").startswith(b"%PDF-")
    if extension in ("jpg", "jpeg"):
        return head.startswith(b"\xff\xd8\xff")
    if extension == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if extension == "webm":
        return head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head[:64]
    if extension == "mp4":
        return head[4:8] == b"ftyp"
    if extension == "vtt":
        return head.decode("utf-8", errors="ignore").lstrip("\ufeff").startswith("WEBVTT")
    if extension in OOXML_PREFIX or extension in ODF_MIMETYPES or extension == "zip":
        if not (head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06")):
            return False
        names = _zip_names(file)
        if names is None:
            return False
        if extension == "zip":
            return True
        if extension in OOXML_PREFIX:
            return "[Content_Types].xml" in names and any(n.startswith(OOXML_PREFIX[extension]) for n in names)
        return _zip_member(file, "mimetype").strip() == ODF_MIMETYPES[extension]
    # An extension allowed in settings that we have no signature for: accept unless it is markup.
    return True


def looks_like_markup(file):
    return bool(MARKUP_PATTERN.search(_read_head(file, 4096)))


def _zip_entry_count(file):
    """Entries announced by the archive's end record, read without parsing the central directory."""
    file.seek(0)
    try:
        record = zipfile._EndRecData(file)  # stable since Python 2; the public API parses every entry first
    except (OSError, ValueError):
        record = None
    finally:
        file.seek(0)
    return record[zipfile._ECD_ENTRIES_TOTAL] if record else None


def _file_size(size):
    from django.template.defaultfilters import filesizeformat

    return str(filesizeformat(size)).replace("\xa0", " ")


def zip_problem(file):
    """A translated reason when a ZIP-based file (office file, archive) exceeds the unpacking limits, else None.

    Refused: more entries than DOCUMENTS_ZIP_MAX_ENTRIES, more than DOCUMENTS_ZIP_MAX_UNCOMPRESSED_MB in total
    unpacked, or an unpacked size more than DOCUMENTS_ZIP_MAX_RATIO times the file (zip bombs; normal office
    files compress 3–20 times). Only the archive's directory is read, nothing is unpacked.
    """
    max_entries = settings.DOCUMENTS_ZIP_MAX_ENTRIES
    max_total = settings.DOCUMENTS_ZIP_MAX_UNCOMPRESSED_MB * 1024 * 1024
    max_ratio = settings.DOCUMENTS_ZIP_MAX_RATIO
    count = _zip_entry_count(file)
    if count is not None and count > max_entries:
        return _("This archive contains %(count)s files; at most %(limit)s are allowed.") % {
            "count": count,
            "limit": max_entries,
        }
    file.seek(0, os.SEEK_END)
    size = file.tell()
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None  # not a readable ZIP: the content check below says so
    finally:
        file.seek(0)
    if len(entries) > max_entries:
        return _("This archive contains %(count)s files; at most %(limit)s are allowed.") % {
            "count": len(entries),
            "limit": max_entries,
        }
    total = sum(entry.file_size for entry in entries)
    # The ratio matters only from a size on that costs real work (tiny files can compress very well).
    if total > max_total or (total > 10 * 1024 * 1024 and total > max_ratio * max(size, 1)):
        return _(
            "This file unpacks to %(size)s, too much for its size of %(packed)s (a “zip bomb”). "
            "Please save it again or split it."
        ) % {"size": _file_size(total), "packed": _file_size(size)}
    return None


def validate_upload(file):
    """A list of (translated) reasons to refuse the upload; empty when it is fine."""
    extension = extension_of(file.name)
    allowed = allowed_extensions()
    if extension in FORBIDDEN_EXTENSIONS or extension == "":
        return [_("Web pages, SVG graphics and files without an extension cannot be uploaded as documents.")]
    if allowed and extension not in allowed:
        return [
            _("Files of type “%(extension)s” are not allowed. Allowed types: %(allowed)s.")
            % {"extension": extension.upper(), "allowed": ", ".join(e.upper() for e in allowed)}
        ]
    if extension in ("vtt",) and looks_like_markup(file):
        return [_("This file contains web page code (HTML or SVG) and cannot be uploaded.")]
    if extension in ZIP_TYPES and (problem := zip_problem(file)):
        return [problem]
    if not content_matches(file, extension):
        return [
            _(
                "The content of this file does not match its extension: it is not a real %(extension)s file. "
                "Please save the file in the right format and upload it again."
            )
            % {"extension": extension.upper()}
        ]
    if extension not in ("pdf", "zip", "jpg", "jpeg", "png", "webm", "mp4") and looks_like_markup(file):
        return [_("This file contains web page code (HTML or SVG) and cannot be uploaded.")]
    return []


# --- metadata ------------------------------------------------------------------------------------------------


def _clean_text(text):
    text = text.replace("\x00", " ")
    # PDF text often has hyphenation and hard line breaks; searching works on words.
    text = re.sub(r"-\n(?=[a-zäöüß])", "", text)
    return re.sub(r"[ \t\r\f\v]+", " ", text).strip()


def pdf_metadata(data, notes=None, deadline=None):
    """(page_count, text) of PDF bytes; (None, "") when the PDF cannot be read.

    Text comes from the first DOCUMENTS_PDF_MAX_PAGES pages, and only until `deadline` (time.monotonic());
    a limit reached adds its key to `notes`.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    notes = notes if notes is not None else []
    max_pages = settings.DOCUMENTS_PDF_MAX_PAGES
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            return len(reader.pages), ""
        count = len(reader.pages)
        parts, length = [], 0
        for number, page in enumerate(reader.pages):
            if length > TEXT_LIMIT:
                break
            if number >= max_pages:
                notes.append("pdf_pages")
                break
            if deadline is not None and time.monotonic() > deadline:
                notes.append("time_limit")
                break
            chunk = page.extract_text() or ""
            parts.append(chunk)
            length += len(chunk)
        return count, _clean_text("\n".join(parts))[:TEXT_LIMIT]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as error:
        logger.warning("Could not read PDF: %s", error)
        notes.append("unreadable")
        return None, ""


def pdf_cover(data):
    """JPEG bytes of the first page, or None."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
        try:
            page = pdf[0]
            width = page.get_width() or 595
            height = page.get_height() or 842
            # Render a little larger, then scale down exactly: smoother text and a predictable width. A freak
            # page shape (1 × 14,400 points) must not become a bitmap of millions of pixels: height capped too.
            scale = min(1.5 * COVER_WIDTH / width, 1.5 * COVER_WIDTH * 3 / height)
            bitmap = page.render(scale=scale)
            image = bitmap.to_pil().convert("RGB")
            image.thumbnail((COVER_WIDTH, COVER_WIDTH * 3))
        finally:
            pdf.close()
    except (pdfium.PdfiumError, IndexError, ValueError, OSError) as error:
        logger.warning("Could not render PDF cover: %s", error)
        return None
    return _jpeg(image)


def image_cover(data):
    from PIL import Image, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.thumbnail((COVER_WIDTH, COVER_WIDTH * 2))
        return _jpeg(image.convert("RGB"))
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError):
        return None


def _jpeg(image):
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80, optimize=True)
    return buffer.getvalue()


def _xml_text(xml):
    text = re.sub(rb"<(/w:p|/a:p|/text:p|/text:h|w:br|/row)[^>]*>", b"\n", xml)
    text = re.sub(rb"<[^>]+>", b" ", text)
    import html

    return html.unescape(text.decode("utf-8", errors="ignore"))


def _read_member(archive, name, notes):
    """At most XML_READ_LIMIT bytes of one member: the declared size is not trusted, reading stops there."""
    with archive.open(name) as handle:
        xml = handle.read(XML_READ_LIMIT + 1)
    if len(xml) > XML_READ_LIMIT:
        notes.append("xml_size")
        return b""
    return xml


def office_text(data, extension, notes=None):
    """Text of Office Open XML and OpenDocument files (the XML inside the ZIP), for search."""
    notes = notes if notes is not None else []
    if zip_problem(io.BytesIO(data)):
        notes.append("zip_limits")
        return None, ""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if extension == "docx":
                members = [n for n in names if n == "word/document.xml"]
            elif extension == "pptx":
                members = sorted(
                    (n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
                    key=lambda n: int(re.search(r"\d+", n.rsplit("/", 1)[1]).group()),
                )
            elif extension == "xlsx":
                members = [n for n in names if n == "xl/sharedStrings.xml"]
            else:
                members = [n for n in names if n == "content.xml"]
            parts = [_xml_text(_read_member(archive, name, notes)) for name in members]
            slides = len(members) if extension in ("pptx",) else None
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return None, ""
    return slides, _clean_text("\n".join(parts))[:TEXT_LIMIT]


def pdf_accessibility(data):
    """What a screen reader needs of a PDF (PDF/UA basics), read with pikepdf: a structure tree (tagged), the
    document language, a title shown in the window, bookmarks. None when the PDF cannot be read."""
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            root = pdf.Root
            mark_info = root.get("/MarkInfo")
            tagged = "/StructTreeRoot" in root and bool(mark_info is not None and mark_info.get("/Marked", False))
            preferences = root.get("/ViewerPreferences")
            title = str(pdf.docinfo.get("/Title", "")).strip()
            if not title:
                with pdf.open_metadata() as xmp:
                    title = str(xmp.get("dc:title", "") or "").strip()
            with pdf.open_outline() as outline:
                bookmarks = _count_outline(outline.root)
            return {
                "tagged": tagged,
                "language": str(root.get("/Lang", "")).strip(),
                "title": title[:300],
                "title_shown": bool(preferences is not None and preferences.get("/DisplayDocTitle", False)),
                "bookmarks": bookmarks,
            }
    except Exception as error:  # noqa: BLE001 - a PDF pikepdf cannot read is reported as unknown, not a failure
        logger.warning("Could not check the PDF's accessibility: %s", error)
        return None


def _count_outline(items):
    return sum(1 + _count_outline(item.children) for item in items)


def render_tagged_pdf(html, base_url=None):
    """A tagged PDF/UA-1 document (structure tree, language from <html lang>, title from <title>, bookmarks from
    the headings) rendered by WeasyPrint from HTML."""
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf(pdf_variant="pdf/ua-1")


@contextlib.contextmanager
def hard_time_limit(seconds):
    """Interrupt the code inside after `seconds` (SIGALRM raises LimitExceeded): a freak file that keeps a PDF
    or image library busy cannot hold the worker. Only in the main thread (the worker's) and when no other
    alarm is set; elsewhere the time budget checks between pages must do."""
    usable = (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )
    if not usable:
        yield
        return

    def stop(signum, frame):
        raise LimitExceeded("time_limit")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract(data, extension):
    """Everything computed from a file's bytes: a dict of the document's metadata fields (cover as bytes) and
    "notes", the keys of NOTES for limits that were reached (then the fields are partly or wholly empty)."""
    result = {
        "file_type": extension[:10],
        "page_count": None,
        "extracted_text": "",
        "cover": None,
        "pdf_accessibility": None,
    }
    notes = []
    seconds = settings.DOCUMENTS_PROCESSING_SECONDS
    try:
        # The soft budget (checked between PDF pages) ends text extraction in time to still render the cover.
        with hard_time_limit(seconds * 1.5):
            _extract_into(result, notes, data, extension, deadline=time.monotonic() + seconds)
    except LimitExceeded as stop:
        notes.append(stop.note)
    result["notes"] = list(dict.fromkeys(notes))
    return result


def _extract_into(result, notes, data, extension, deadline):
    if extension == "pdf":
        result["page_count"], result["extracted_text"] = pdf_metadata(data, notes, deadline)
        result["cover"] = pdf_cover(data)
        result["pdf_accessibility"] = pdf_accessibility(data)
    elif extension in ("jpg", "jpeg", "png"):
        result["cover"] = image_cover(data)
    elif extension in OOXML_PREFIX or extension in ODF_MIMETYPES:
        result["page_count"], result["extracted_text"] = office_text(data, extension, notes)
    elif extension == "vtt":
        text = data.decode("utf-8", errors="ignore")
        # Keep the spoken words, drop the cue timings.
        text = re.sub(r"^\s*(WEBVTT.*|\d+|[\d:.]+ --> [\d:.]+.*)$", "", text, flags=re.M)
        result["extracted_text"] = _clean_text(text)[:TEXT_LIMIT]
