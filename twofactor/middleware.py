"""Enforces the second factor in the Wagtail admin (after django_otp.middleware.OTPMiddleware)."""

from django.contrib.auth.views import redirect_to_login
from django.urls import Resolver404, resolve, reverse

from twofactor.policy import has_second_factor, second_factor_required

# Reachable with only the password: signing in and out, the two-factor pages themselves, the admin's assets.
OPEN_URL_NAMES = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "twofactor_verify",
    "twofactor_setup",
    # Signing in with a passkey (django-otp-webauthn's endpoints and its script's translations).
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
}


class RequireSecondFactorMiddleware:
    """In /admin/, a signed-in user who has a second factor must enter it once per session; administrators and
    the groups in OTP_REQUIRED_GROUPS who have none yet are sent to set it up first."""

    prefix = "/admin/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._check(request)
        return response or self.get_response(request)

    def _check(self, request):
        if not request.path_info.startswith(self.prefix):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        try:
            if resolve(request.path_info).view_name in OPEN_URL_NAMES:
                return None
        except Resolver404:
            return None
        if has_second_factor(user):
            return redirect_to_login(request.get_full_path(), reverse("twofactor_verify"))
        if second_factor_required(user):
            return redirect_to_login(request.get_full_path(), reverse("twofactor_setup"))
        return None
