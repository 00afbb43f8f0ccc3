"""Full-page cache for anonymous visitors, on Django's configured cache: files under VAR_DIR/cache, which every
worker shares, or Redis with REDIS_URL.

Why our own middleware and not wagtail-cache: the rules fit on one screen and are easy to test, and the
invalidation is one site-wide version number rather than a purge of the whole cache backend (which also holds
rate limits and other data).

- Only GET/HEAD requests without a session, message or Authorization header are answered from the cache;
  staff always have a session cookie, so they never see (or fill) it.
- Only plain 200 responses are stored: no Set-Cookie, no CSRF token used (forms), no `private`/`no-store`/
  `no-cache`/`max-age=0` from the view, no Vary beyond Cookie/Accept-Language, no CSP nonce, not streamed.
- The key is the full URL (scheme, host, path and query string) plus the language, under the deployed release
  (settings.RELEASE: a deploy never serves pages of the previous code) and the current site-wide version.
  Publishing, unpublishing, moving or deleting a page, saving a snippet, a setting, a document, an image, a
  view restriction, a site or a locale sets a new version: every cached page is stale at once. Coarse on
  purpose: on a site of a few thousand pages edited a few times a day, a page shows menus, teasers, footers
  and settings of many others, so working out which pages depend on which object is where bugs hide;
  re-rendering a page costs tens of milliseconds, and the cache fills again on the next visits.
- `X-Cache: HIT`, `MISS` (rendered and stored) or `BYPASS` (not cacheable) says what happened.
- `shared_data()` keeps what every page's frame shows (menu, footer links, site texts) under the same version,
  so that a page rendered on a miss, for staff or with the page cache off does not rebuild it each time.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers, get_max_age, patch_cache_control
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_from_request
from wagtail import hooks

logger = logging.getLogger(__name__)

VERSION_KEY = "pagecache:version"
# Vary values the key already covers: Cookie (requests with cookies that change the page bypass the cache)
# and Accept-Language (the language is part of the key).
HANDLED_VARY = {"cookie", "accept-language"}
UNCACHEABLE_DIRECTIVES = ("private", "no-store", "no-cache")


def enabled():
    return settings.PAGE_CACHE_ENABLED


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        # A random start value: a version key lost to eviction must never bring back old entries.
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    # None while the cache is unreachable (stadtteil/cache.py): a throwaway version, so nothing is ever read back.
    return version or uuid.uuid4().hex


def bump_version():
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    except Exception:  # noqa: BLE001 - a cache outage must not break publishing
        logger.warning("Could not invalidate the page cache", exc_info=True)


def invalidate():
    """Make every cached page stale: now, and again once the current transaction commits.

    The second bump closes a race: a request that reads the new version before the publishing transaction
    commits would otherwise store the old content under it.
    """
    bump_version()
    transaction.on_commit(bump_version)


_MISSING = object()


def shared_data(request, key, compute):
    """Data that many pages show and that is costly to build (menus, footer links, site texts, home teasers):
    kept in the cache under the release and the site-wide version, so that whatever makes cached pages stale
    renews it too. Used on page cache misses and with the page cache switched off alike. Values are plain data
    only (strings, numbers, dates, lists, dicts, rendered HTML, database rows as tuples): no pages, settings,
    snippets or images, which would be pickled with whatever a view attached to them
    (tests/performance/test_shared_data_plain.py)."""
    try:
        version = request.__dict__.get("_page_cache_version")
        if version is None:
            version = request._page_cache_version = current_version()
        full_key = f"pagedata:{settings.RELEASE}:{version}:{request.scheme}://{request.get_host()}:{key}"
        value = cache.get(full_key, _MISSING)
    except DisallowedHost:
        raise
    except Exception:  # noqa: BLE001 - without a cache the site still serves, only slower
        logger.warning("Page data cache unavailable", exc_info=True)
        return compute()
    if value is _MISSING:
        value = compute()
        if getattr(request, "is_preview", False):
            return value  # built from an editor's draft (Wagtail's preview): never kept for visitors
        try:
            cache.set(full_key, value, settings.PAGE_CACHE_SECONDS)
        except Exception:  # noqa: BLE001
            logger.warning("Could not store page data in the cache", exc_info=True)
    return value


def shared_sections(request, key, hook_name, page):
    """The sections other apps add to `page` through the hook `hook_name`: functions (request, page) returning
    None or {"order": int, "template": "...", ...} (the template reads `section`). Rendered in order and kept
    as HTML with shared_data, so a hook must return the same for every visitor."""

    def render():
        sections = [section for fn in hooks.get_hooks(hook_name) if (section := fn(request, page))]
        sections.sort(key=lambda section: section["order"])
        return "".join(
            render_to_string(section["template"], {"section": section, "page": page}, request) for section in sections
        )

    return mark_safe(shared_data(request, key, render))  # noqa: S308 - our templates' output


def bypass_cookies():
    return {
        settings.SESSION_COOKIE_NAME,
        CookieStorage.cookie_name,
        *settings.PAGE_CACHE_BYPASS_COOKIES,
    }


def has_private_state(request):
    """True for requests whose response may depend on who is asking: logged in, a session, pending messages."""
    return bool(bypass_cookies() & set(request.COOKIES)) or "HTTP_AUTHORIZATION" in request.META


def request_is_cacheable(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if any(request.path.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDED_PATHS):
        return False
    return not has_private_state(request)


def cache_key(request):
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    language = get_language_from_request(request, check_path=True)
    digest = hashlib.sha256(f"{url}|{language}".encode()).hexdigest()
    return f"pagecache:{settings.RELEASE}:{current_version()}:{digest}"


def cache_control_directives(response):
    return {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def response_is_cacheable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or getattr(response, "csrf_cookie_set", False):
        return False
    if cache_control_directives(response) & set(UNCACHEABLE_DIRECTIVES) or get_max_age(response) == 0:
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    if vary - HANDLED_VARY or response.has_header("Content-Encoding"):
        return False
    csp = response.get("Content-Security-Policy", "") + response.get("Content-Security-Policy-Report-Only", "")
    return "nonce-" not in csp  # a nonce shared by every visitor would defeat it


def store(key, response, timeout):
    headers = [(name, value) for name, value in response.items() if name.lower() != "x-cache"]
    cache.set(key, (response.status_code, headers, response.content), timeout)


def rebuild(cached):
    status, headers, content = cached
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


class PageCacheMiddleware:
    """Place right after WhiteNoise, before the session middleware: a hit skips everything below it, and a miss
    sees the response as the visitor gets it, with every cookie the inner middleware set."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not enabled():
            return self.get_response(request)
        if not request_is_cacheable(request):
            response = self.get_response(request)
            if has_private_state(request):
                add_never_cache_headers(response)  # staff pages must not end up in a shared cache
            response["X-Cache"] = "BYPASS"
            return response

        try:
            key = cache_key(request)
            cached = cache.get(key)
        except DisallowedHost:
            raise
        except Exception:  # noqa: BLE001 - without a cache the site still serves, only slower
            logger.warning("Page cache unavailable", exc_info=True)
            key = cached = None
        if cached is not None:
            response = rebuild(cached)
            response["X-Cache"] = "HIT"
            return response

        response = self.get_response(request)
        if key is not None and request.method == "GET" and response_is_cacheable(request, response):
            view_max_age = get_max_age(response)
            patch_cache_control(response, public=True)
            if view_max_age is None:
                patch_cache_control(response, max_age=settings.PAGE_CACHE_MAX_AGE)
            timeout = min(settings.PAGE_CACHE_SECONDS, view_max_age or settings.PAGE_CACHE_SECONDS)
            try:
                store(key, response, timeout)
                response["X-Cache"] = "MISS"
            except Exception:  # noqa: BLE001
                logger.warning("Could not store a page in the cache", exc_info=True)
                response["X-Cache"] = "BYPASS"
            return response
        if response.cookies:
            add_never_cache_headers(response)  # forms (CSRF cookie) and anything else that sets a cookie stay private
        response["X-Cache"] = "BYPASS"
        return response
