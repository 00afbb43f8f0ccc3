import math
import sqlite3
import sys
from pathlib import Path
from urllib.parse import urlsplit

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import page_not_found as django_page_not_found
from django_ratelimit.exceptions import Ratelimited

from stadtteil.security import same_origin
from stadtteil.site_url import absolute_url

# The error pages (handler400/403/404/500 in stadtteil/urls.py, CSRF_FAILURE_VIEW). 400 and 500 are rendered
# without a request context and without the database: a 400 may come from a refused Host header (nothing that
# builds URLs from the request may run), a 500 from a database that is gone. The others inherit base.html.


def bad_request(request, exception=None):
    return HttpResponseBadRequest(loader.get_template("400.html").render())


def permission_denied(request, exception=None):
    if isinstance(exception, Ratelimited):  # django-ratelimit's refusal: "too many requests", not "forbidden"
        return render(request, "429.html", status=429)
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    """A form refused by Django's CSRF check (or by same_origin_post): say what happened and what to do."""
    from django.middleware.csrf import REASON_NO_CSRF_COOKIE

    # Back to the page that showed the form, when the browser named one of this site's pages.
    referer = request.META.get("HTTP_REFERER", "")
    back = urlsplit(referer)._replace(scheme="", netloc="").geturl() if referer and same_origin(request) else ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts=None) or not back.startswith("/"):
        back = ""  # only a path on this site ("//other.example" is another site)
    context = {"back_url": back, "no_cookie": reason == REASON_NO_CSRF_COOKIE}
    return render(request, "403_csrf.html", context, status=403)


def page_not_found(request, exception=None):
    return django_page_not_found(request, exception, template_name="404.html")


# Errors that mean "the database is away" (stopped, restarting, connection cut, SQLite file gone), not a bug.
DATABASE_OUTAGE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def server_error(request):
    """500, or 503 "temporarily unavailable" with Retry-After when the database is down. Rendered without a request
    context: no database, no settings lookups, only translations (language from the URL) and static files."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        if isinstance(sys.exc_info()[1], DATABASE_OUTAGE_ERRORS):
            response = HttpResponse(loader.get_template("503.html").render(), status=503)
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
        return HttpResponseServerError(loader.get_template("500.html").render())


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        f"Sitemap: {absolute_url('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400, public=True)
def web_manifest(request):
    """A small web app manifest: name, colours and icons when the site is added to a phone's home screen."""
    from django.templatetags.static import static

    from stadtteil.models import SiteTexts

    texts = SiteTexts.for_language(settings.LANGUAGE_CODE)
    name = texts.site_name if texts else settings.WAGTAIL_SITE_NAME
    manifest = {
        "name": name,
        "short_name": "Heeren-Werve",
        "lang": settings.LANGUAGE_CODE,
        "start_url": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#1f5f3a",
        "icons": [
            {"src": static("img/icon-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("img/icon-512.png"), "sizes": "512x512", "type": "image/png"},
            {"src": static("img/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
        ],
    }
    return JsonResponse(manifest, content_type="application/manifest+json", json_dumps_params={"ensure_ascii": False})


@require_GET
@never_cache
def healthz(request):
    """Liveness and readiness for load balancers: 200 when the database and the cache answer, else 503."""
    checks = {}
    try:
        if connection.vendor == "sqlite" and not connection.is_in_memory_db():
            # SQLite would create a missing database file as an empty one and answer SELECT 1 happily.
            sqlite_database_exists(connection.settings_dict["NAME"])
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception:  # noqa: BLE001 - any failure means "not ready"
        checks["database"] = "error"
    try:
        cache.set("healthz", "ok", 5)
        checks["cache"] = "ok" if cache.get("healthz") == "ok" else "error"
    except Exception:  # noqa: BLE001
        checks["cache"] = "error"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def sqlite_database_exists(name):
    """Raise unless the SQLite file exists and is migrated; opens it read-write without creating it."""
    uri = f"{Path(name).resolve().as_uri()}?mode=rw"
    probe = sqlite3.connect(uri, uri=True, timeout=5)
    try:
        probe.execute("SELECT 1 FROM django_migrations LIMIT 1").fetchall()
    finally:
        probe.close()


def login_locked_out(request, response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in: a page that says what happened and how long to wait."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "stadtteil/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
