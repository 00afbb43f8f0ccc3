from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Measures")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from projects import change_notes

        change_notes.connect()
