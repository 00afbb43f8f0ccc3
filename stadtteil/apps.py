from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StadtteilConfig(AppConfig):
    # Shared layer: site settings, blocks, template tags, base templates, static files.
    name = "stadtteil"
    verbose_name = _("Website")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from stadtteil import exports, signals

        signals.connect()
        exports.install_admin_export_guard()
