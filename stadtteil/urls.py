from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve as static_serve
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap

from stadtteil import page_access, views
from stadtteil.sitemaps import AllLanguagesSitemap

handler400 = "stadtteil.views.bad_request"
handler403 = "stadtteil.views.permission_denied"
handler404 = "stadtteil.views.page_not_found"
handler500 = "stadtteil.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include("documents.urls")),  # Wagtail's document URLs, serve view wrapped
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": AllLanguagesSitemap}}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("manifest.webmanifest", views.web_manifest, name="web_manifest"),
    path("healthz", views.healthz, name="healthz"),
    path("", include("projects.urls")),  # the open-data catalogue (DCAT-AP.de), one address for both languages
]

# Images uploaded by staff are served by Django when no object storage does it. Only images: documents and their
# covers live under MEDIA_ROOT too, and documents of private collections must never have a public URL; they are
# served by documents/urls.py, which checks the collection's view restrictions.
urlpatterns += [
    re_path(
        r"^media/(?P<path>(?:original_images|images)/[^/]+)$",
        static_serve,
        {"document_root": settings.MEDIA_ROOT},
        name="media_images",
    )
]

# Every public page lives under a language prefix: /de/… and /en/…; "/" redirects by Accept-Language.
urlpatterns += i18n_patterns(
    # Wagtail's page URLs end in a slash; calendar files of routable pages (…/termine/kalender.ics) do not.
    re_path(r"^(?P<path>(?:[\w\-]+/)+[\w\-]+\.ics)$", wagtail_views.serve, name="wagtail_serve_file"),
    # Links from newsletter e-mails (confirm, preferences, one-click unsubscribe), before the page tree.
    path("newsletter/", include("subscriptions.urls")),
    # The token-less short form on measure pages (cacheable pages), before the page tree.
    path("participation/", include("participation.urls")),
    # Wagtail's page-password form with an attempt limit (same URL and name as Wagtail's own).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_access.authenticate_with_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
