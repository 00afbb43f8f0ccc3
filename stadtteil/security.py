"""Security headers that Django and django-csp do not set on their own, the guard of token-less forms, and the
client address behind the reverse proxy."""

import ipaddress
from functools import lru_cache, wraps
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt


class PermissionsPolicyMiddleware:
    """Adds a Permissions-Policy header: the site needs no camera, microphone, location and the like."""

    def __init__(self, get_response):
        self.get_response = get_response
        policy = settings.PERMISSIONS_POLICY
        self.header = ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with a separate (more permissive) policy for the Wagtail admin.

    The admin's editors (Draftail, StreamField, wagtail-localize's React editor) rely on inline styles and
    scripts; the public site gets the strict policy from CONTENT_SECURITY_POLICY.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin_policy = settings.CONTENT_SECURITY_POLICY_ADMIN
        if (
            not report_only
            and admin_policy
            and parts.config is None
            and request.path_info.startswith(tuple(admin_policy.get("URL_PREFIXES", ("/admin/",))))
        ):
            parts.config = default_config(admin_policy["DIRECTIVES"])
        return parts


# Pages whose URL carries a secret (newsletter confirm/preferences/unsubscribe links, the fund's status link) and
# the answers to their forms. "same-origin" keeps the URL out of the Referer of every request to another site,
# yet lets the browser send this site's Origin (and Referer) on the page's own form posts: under "no-referrer",
# Chromium posts with "Origin: null", which Django's CSRF check (and same_origin()) rightly refuses.
PRIVATE_REFERRER_POLICY = "same-origin"


def private_response(response):
    """Mark an answer as private: never cached, not indexed, its URL never sent to another site."""
    add_never_cache_headers(response)
    response["Referrer-Policy"] = PRIVATE_REFERRER_POLICY
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def same_origin(request):
    """The request comes from a page of this site (Origin header, else Referer)."""
    own = f"{request.scheme}://{request.get_host()}"
    allowed = {own, *settings.CSRF_TRUSTED_ORIGINS}
    origin = request.META.get("HTTP_ORIGIN")
    if origin:
        return origin in allowed
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    return bool(referer.netloc) and f"{referer.scheme}://{referer.netloc}" in allowed


def same_origin_post(view):
    """For the targets of forms on cacheable pages (the footer newsletter form, the short form on measure
    pages): a CSRF token would make every page carrying the form uncacheable, so these views accept POST only
    from pages of this site, checked by Origin/Referer instead (what browsers send on every form POST)."""

    @csrf_exempt
    @wraps(view)
    def guarded(request, *args, **kwargs):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not same_origin(request):
            from stadtteil.views import csrf_failure  # the page every refused form gets

            response = csrf_failure(request, reason="not same origin")
            add_never_cache_headers(response)
            return response
        return view(request, *args, **kwargs)

    return guarded


# --- the client's address behind the reverse proxy ---------------------------------------------------------------


@lru_cache(maxsize=8)
def _proxies(entries):
    """FORWARDED_ALLOW_IPS as gunicorn reads it: addresses or networks, or "*" (trust the direct peer, whoever
    it is). Returns (trust_any, networks)."""
    networks = []
    for entry in entries:
        if entry == "*":
            return True, ()
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            continue
    return False, tuple(networks)


def _address(value):
    try:
        return ipaddress.ip_address(value.strip())
    except ValueError:
        return None


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, unless the direct peer is a trusted proxy (FORWARDED_ALLOW_IPS);
    then the nearest address in X-Forwarded-For that is not itself a trusted proxy. Entries further left are
    what the client claimed and are never believed. With "*" only the direct peer is trusted, so its own
    entry (the rightmost) is the client. django-axes and every rate limit (RATELIMIT_IP_META_KEY) use this."""
    cached = getattr(request, "_client_ip", None)
    if cached is not None:
        return cached
    peer = request.META.get("REMOTE_ADDR", "")
    trust_any, networks = _proxies(tuple(settings.FORWARDED_ALLOW_IPS))

    def trusted(address):
        return address is not None and any(address in network for network in networks)

    client = peer
    peer_address = _address(peer)
    if trust_any or trusted(peer_address):
        hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        for hop in reversed(hops):
            address = _address(hop)
            if address is None:
                break  # garbage: keep the last address a trusted hop vouched for
            client = str(address)
            if trust_any or not trusted(address):
                break
    request._client_ip = client
    return client
