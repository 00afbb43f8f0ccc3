from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StadtteilConfig(AppConfig):
    # Shared layer: site settings, blocks, template tags, base templates, static files.
    name = "stadtteil"
    verbose_name = _("Website")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from stadtteil import checks, signals  # noqa: F401 - checks registers itself

        signals.connect()
