from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from twofactor import urls


@hooks.register("register_admin_urls")
def register_admin_urls():
    # Below the admin: Wagtail marks every answer never-cache (the codes and keys on these pages stay private).
    return [path("two-factor/", include(urls))]


@hooks.register("register_account_menu_item")
def two_factor_menu_item(request):
    return {
        "url": reverse("twofactor_overview"),
        "label": _("Two-factor authentication"),
        "help_text": _(
            "Authenticator app, passkeys and recovery codes: set them up, add or remove them, or create new codes."
        ),
    }
