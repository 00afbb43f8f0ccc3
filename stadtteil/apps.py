from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def mail_domain():
    """MAIL_DOMAIN, else the host of the site's public address."""
    from urllib.parse import urlsplit

    from django.conf import settings

    return settings.MAIL_DOMAIN or urlsplit(settings.SITE_URL).hostname or "localhost"


class StadtteilConfig(AppConfig):
    # Shared layer: site settings, blocks, template tags, base templates, static files.
    name = "stadtteil"
    verbose_name = _("Website")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core.mail.utils import DNS_NAME

        from stadtteil import checks, exports, signals  # noqa: F401 - checks registers itself

        signals.connect()
        # Django names this machine in Message-IDs (e.g. "@localhost", which spam filters score); the site's
        # domain instead, for every mail of every backend.
        DNS_NAME._fqdn = mail_domain()
        exports.install_admin_export_guard()
