"""QR codes of the measure pages, for the signs at construction sites."""

import io

import segno
from django.http import HttpResponse
from django.utils.translation import gettext as _

from stadtteil.site_url import absolute_url


def qr_code(page, request):
    """An SVG QR code of the page's address, for the signs at construction sites."""
    qr = segno.make(absolute_url(page.get_url(request)), error="m")
    buffer = io.BytesIO()
    title = _("QR code: %(title)s") % {"title": page.title}
    qr.save(buffer, kind="svg", scale=8, border=4, title=title, xmldecl=True, svgns=True)
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response
