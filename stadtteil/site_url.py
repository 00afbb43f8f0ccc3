"""The site's public address (settings.SITE_URL), the one source of every absolute link.

Canonical and hreflang links, the sitemap, feeds, calendars, open data, QR codes, robots.txt and every e-mail
build their absolute URLs here, never from the request's host (which depends on the proxy in front) nor from
the Wagtail Site record alone (which `sync_default_site` keeps in step with SITE_URL).
"""

from urllib.parse import urljoin, urlsplit, urlunsplit

from django.conf import settings


def site_url():
    """`https://host[:port]`, without a trailing slash."""
    return settings.SITE_URL.rstrip("/")


def absolute_url(url):
    """A path (or a URL relative to the site's root) on the public address; an absolute URL (e.g. an image on
    object storage) stays as it is; empty stays empty."""
    if not url:
        return ""
    return urljoin(site_url() + "/", str(url))


def on_site(url):
    """A URL of this site (e.g. one that Wagtail built from its Site record) moved onto the public address."""
    if not url:
        return ""
    parts = urlsplit(str(url))
    return site_url() + urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))


def page_url(page, request=None):
    """The absolute public URL of a Wagtail page, or "" when it is not routable."""
    parts = page.get_url_parts(request=request)
    if parts is None or parts[2] is None:
        return ""
    return absolute_url(parts[2])


def sync_default_site():
    """Give the default Wagtail Site the host and port of SITE_URL (Wagtail's own absolute URLs use them)."""
    from wagtail.models import Site

    address = urlsplit(site_url())
    port = address.port or (443 if address.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or (site.hostname, site.port) == (address.hostname, port):
        return False
    site.hostname, site.port = address.hostname, port
    site.save(update_fields=["hostname", "port"])
    return True
