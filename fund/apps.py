from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundConfig(AppConfig):
    name = "fund"
    verbose_name = _("Neighbourhood fund")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks

        from fund.storage import check_private_root

        checks.register(check_private_root)
