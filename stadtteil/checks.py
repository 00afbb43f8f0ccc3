"""System checks of the deployment settings (`manage.py check --deploy` and every server start)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104 - names compared, nothing bound


@register(Tags.security, deploy=False)
def check_site_url(app_configs, **kwargs):
    """Production (DEBUG off, HTTPS on) needs SITE_URL: every link in every mail and feed is built from it."""
    if settings.DEBUG or not settings.SECURE_SSL_REDIRECT:
        return []
    address = urlsplit(settings.SITE_URL)
    if address.hostname in LOCAL_HOSTS or not address.hostname:
        problem = f"SITE_URL is {settings.SITE_URL!r}, an address of this machine only"
    elif address.scheme != "https":
        problem = f"SITE_URL {settings.SITE_URL!r} is not https although HTTPS is on"
    else:
        return []
    return [
        Warning(
            problem + ": links in mails, feeds, the sitemap and canonical links would point there.",
            hint="Set SITE_URL to the public address, e.g. SITE_URL=https://heeren-werve.example.org",
            id="stadtteil.W001",
        )
    ]
