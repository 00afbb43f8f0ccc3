"""The editor guide (docs/redaktion.md, English: docs/editor-guide.md) inside the admin.

The help menu's "Editor guide" points here instead of Wagtail's English guide on wagtail.org: the project's
guide describes its roles, its workflow and its translation routine, and opening it sends nothing to another host.
"""

from pathlib import Path

import markdown
from django.conf import settings
from django.http import FileResponse, Http404
from django.urls import path
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

DOCS_DIR = Path(settings.BASE_DIR) / "docs"
GUIDES = {"de": "redaktion.md", "en": "editor-guide.md"}
IMAGE_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".webp": "image/webp"}


class GuideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "editorial/guide.html"
    page_title = _("Editor guide")
    header_icon = "help"

    def get_filename(self):
        filename = self.kwargs.get("filename")
        if filename is None:
            language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
            filename = GUIDES.get(language, GUIDES["de"])
        if filename not in GUIDES.values():
            raise Http404
        return filename

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        text = (DOCS_DIR / self.get_filename()).read_text(encoding="utf-8")
        # Trusted text from the repository; images and links stay relative to this URL (see guide_image).
        context["guide_html"] = mark_safe(markdown.markdown(text, extensions=["tables", "toc"]))  # noqa: S308
        return context


def guide_image(request, name):
    """The screenshots the guide shows (docs/img), only those."""
    candidate = DOCS_DIR / "img" / name
    if "/" in name or name.startswith(".") or candidate.suffix not in IMAGE_TYPES or not candidate.is_file():
        raise Http404
    return FileResponse(candidate.open("rb"), content_type=IMAGE_TYPES[candidate.suffix])


urlpatterns = [
    path("", GuideView.as_view(), name="index"),
    path("img/<str:name>", guide_image, name="image"),
    path("<str:filename>", GuideView.as_view(), name="page"),
]
