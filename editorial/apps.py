from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _top_up_roles(sender, using="default", **kwargs):
    """After every migrate: grant the permissions of apps that were added since the groups were created."""
    from editorial.roles import apply_roles, create_all_permissions

    create_all_permissions(using=using)
    apply_roles()


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial workflow")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from editorial import localize, signals  # noqa: F401

        localize.install()

        post_migrate.connect(_top_up_roles, sender=self, dispatch_uid="editorial_top_up_roles")
