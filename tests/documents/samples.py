"""Small but real files of every document type the site allows (DOCUMENTS_EXTENSIONS' default), for upload tests
and the browser journeys."""

import io
import zipfile

from documents.processing import ODF_MIMETYPES, OOXML_PREFIX

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def sample(extension):
    """Bytes whose content matches the extension (documents.processing.content_matches)."""
    if extension == "pdf":
        from documents import demo

        return demo._report_pdf()
    if extension in OOXML_PREFIX:
        return _zip({"[Content_Types].xml": "<Types/>", f"{OOXML_PREFIX[extension]}document.xml": "<x/>"})
    if extension in ODF_MIMETYPES:
        return _zip({"mimetype": ODF_MIMETYPES[extension], "content.xml": "<x/>"})
    return {
        "zip": _zip({"plan.txt": "Plan"}),
        "jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 64,
        "png": PNG,
        "webm": b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm" + b"\x00" * 32,
        "mp4": b"\x00\x00\x00\x18ftypisom" + b"\x00" * 32,
        "vtt": b"WEBVTT\n\n00:00.000 --> 00:01.000\nHallo\n",
    }[extension]
