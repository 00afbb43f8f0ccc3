"""Who needs a second factor, and the helpers that check and set it up (django-otp devices: the authenticator app,
recovery codes and passkeys, which django-otp-webauthn stores as devices too).

Administrators (superusers) and the members of OTP_REQUIRED_GROUPS (by default the Freigabe group, who publish)
must use one; every other staff member may. Whoever has a confirmed device must use it at every sign-in.
"""

from django.conf import settings
from django.db import transaction
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

RECOVERY_CODES = 10
APP_DEVICE_NAME = "Authenticator-App"
CODES_DEVICE_NAME = "Wiederherstellungscodes"


def second_factor_required(user):
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    groups = settings.OTP_REQUIRED_GROUPS
    return bool(groups) and user.groups.filter(name__in=groups).exists()


def has_second_factor(user):
    return user_has_device(user, confirmed=True)


def has_app(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def pending_app_device(user):
    """The authenticator app being set up: one unconfirmed TOTP device per user, kept until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


@transaction.atomic
def confirm_app_device(device):
    """The new app replaces any earlier one; fresh recovery codes replace the old ones. Returns the codes (shown
    once)."""
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return new_recovery_codes(device.user)


@transaction.atomic
def new_recovery_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    static = StaticDevice.objects.create(user=user, name=CODES_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=static, token=code) for code in codes)
    return codes


def remaining_recovery_codes(user):
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def reset(user):
    """Remove every second factor of a user (lost phone or passkey): the next sign-in sets one up again."""
    removed = 0
    for model in (TOTPDevice, StaticDevice, WebAuthnCredential):
        removed += model.objects.filter(user=user).count()
        model.objects.filter(user=user).delete()
    return removed
