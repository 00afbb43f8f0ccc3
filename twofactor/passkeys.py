"""Passkeys (WebAuthn) through django-otp-webauthn: the relying party is the site's single public address.

SITE_URL is read at every ceremony (not once at start-up), so the relying-party id and the expected origin are
always the address staff use; a passkey is bound to that host name and stops working if the site moves.
"""

from urllib.parse import urlsplit

from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

from stadtteil.site_url import site_url

DEFAULT_NAME = "Passkey"


def relying_party_id(request=None):
    return urlsplit(site_url()).hostname


class PasskeyHelper(WebAuthnHelper):
    def get_relying_party_domain(self):
        return relying_party_id(self.request)

    def get_allowed_origins(self):
        return [site_url()]

    def create_credential(self, *args, **kwargs):
        # A name for the list until its owner gives it one (twofactor.views.passkey_added).
        credential = super().create_credential(*args, **kwargs)
        credential.name = DEFAULT_NAME
        return credential


def user_passkeys(user):
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).order_by("created_at", "pk")
