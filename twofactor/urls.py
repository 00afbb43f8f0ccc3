from django.urls import include, path
from django_otp_webauthn import urls as webauthn_urls

from twofactor import views

urlpatterns = [
    path("", views.overview, name="twofactor_overview"),
    path("verify/", views.verify, name="twofactor_verify"),
    path("setup/", views.setup, name="twofactor_setup"),
    path("recovery-codes/", views.regenerate_codes, name="twofactor_regenerate_codes"),
    path("disable/", views.disable, name="twofactor_disable"),
    path("passkeys/added/", views.passkey_added, name="twofactor_passkey_added"),
    path("passkeys/<int:pk>/delete/", views.passkey_delete, name="twofactor_passkey_delete"),
    # django-otp-webauthn's JSON endpoints (namespace otp_webauthn) for its scripts.
    path("passkeys/webauthn/", include(webauthn_urls)),
]
