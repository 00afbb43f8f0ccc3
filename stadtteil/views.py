import math

from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import page_not_found as django_page_not_found

from stadtteil.site_url import absolute_url


def page_not_found(request, exception=None):
    return django_page_not_found(request, exception, template_name="404.html")


def server_error(request):
    # Rendered without a request context: no database, no settings lookups, only translations and static files.
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render())


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


def login_locked_out(request, response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in: a page that says what happened and how long to wait."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else None,
    }
    return render(request, "stadtteil/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
