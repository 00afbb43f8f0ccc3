"""Setting up and entering the second factor in the Wagtail admin (German like the rest of the admin)."""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.templatetags.otp_webauthn import get_configuration
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from twofactor.forms import PasskeyNameForm, TokenForm
from twofactor.passkeys import DEFAULT_NAME, user_passkeys
from twofactor.policy import (
    confirm_app_device,
    has_app,
    has_second_factor,
    new_recovery_codes,
    pending_app_device,
    remaining_recovery_codes,
    reset,
    second_factor_required,
)


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _signed_in(view):
    def guarded(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('wagtailadmin_login')}?{urlencode({'next': request.path})}")
        return view(request, *args, **kwargs)

    return guarded


@_signed_in
def verify(request):
    """The second step after the password: a code from the app, or one of the recovery codes."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not has_second_factor(request.user):
        return redirect(f"{reverse('twofactor_setup')}?{urlencode({'next': _next_url(request)})}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                messages.warning(
                    request,
                    _("You signed in with a recovery code. %(count)s codes are left.")
                    % {"count": remaining_recovery_codes(request.user)},
                )
            return redirect(_next_url(request))
        form.add_error("token", _("This code is not valid (or was already used). Please try again."))
    context = {
        "form": form,
        "next": _next_url(request),
        "has_app": has_app(request.user),
        "has_codes": remaining_recovery_codes(request.user) > 0,
        "has_passkey": user_passkeys(request.user).exists(),
        # django-otp-webauthn's script takes "next" from the hidden field of the passkey section.
        "passkey_config": get_configuration(request, {"nextFieldSelector": "#passkey-next"}),
    }
    return TemplateResponse(request, "twofactor/verify.html", context, status=400 if form.errors else 200)


@_signed_in
def setup(request):
    """Set up an authenticator app: scan the QR code (or type the key), confirm with one code, note the recovery
    codes. Open before verification only to users who have no second factor yet."""
    user = request.user
    if has_second_factor(user) and not user.is_verified():
        return redirect(f"{reverse('twofactor_verify')}?{urlencode({'next': _next_url(request)})}")
    device = pending_app_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            codes = confirm_app_device(device)
            otp_login(request, device)
            context = {"codes": codes, "next": _next_url(request)}
            return TemplateResponse(request, "twofactor/codes.html", context)
        form.add_error("token", _("This code is not valid. Check the time on your phone and enter the current code."))
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_code": segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2),
        "secret": " ".join(b32encode(device.bin_key).decode().rstrip("=")[i : i + 4] for i in range(0, 32, 4)),
        "required": second_factor_required(user),
    }
    return TemplateResponse(request, "twofactor/setup.html", context, status=400 if form.errors else 200)


class OverviewView(WagtailAdminTemplateMixin, TemplateView):
    """Account → Two-factor authentication: status, new recovery codes, switching it off where allowed."""

    template_name = "twofactor/overview.html"
    page_title = gettext_lazy("Two-factor authentication")
    header_icon = "key"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            active=has_second_factor(user),
            has_app=has_app(user),
            required=second_factor_required(user),
            remaining=remaining_recovery_codes(user),
            passkeys=user_passkeys(user),
            passkey_form=PasskeyNameForm(),
            passkey_config=get_configuration(self.request),
        )
        return context


overview = require_admin_access(OverviewView.as_view())


@require_admin_access
@require_POST
def regenerate_codes(request):
    if not has_second_factor(request.user):
        return redirect("twofactor_overview")
    codes = new_recovery_codes(request.user)
    context = {"codes": codes, "next": reverse("twofactor_overview")}
    return TemplateResponse(request, "twofactor/codes.html", context)


@require_admin_access
@require_POST
def disable(request):
    if second_factor_required(request.user):
        messages.error(request, _("Your role requires two-factor authentication; it cannot be switched off."))
    else:
        reset(request.user)
        messages.success(request, _("Two-factor authentication is switched off for your account."))
    return redirect("twofactor_overview")


@require_admin_access
@require_POST
def passkey_added(request):
    """After django-otp-webauthn's script registered a passkey: store the name its owner typed. A first second
    factor also gets recovery codes, shown once, as after setting up the app."""
    form = PasskeyNameForm(request.POST)
    if not form.is_valid():
        return redirect("twofactor_overview")
    passkey = get_object_or_404(WebAuthnCredential, pk=form.cleaned_data["passkey"], user=request.user)
    passkey.name = form.cleaned_data["name"].strip() or DEFAULT_NAME
    passkey.save(update_fields=["name"])
    messages.success(request, _("The passkey “%(name)s” has been added.") % {"name": passkey.name})
    if not StaticDevice.objects.filter(user=request.user, confirmed=True).exists():
        codes = new_recovery_codes(request.user)
        context = {"codes": codes, "next": reverse("twofactor_overview")}
        return TemplateResponse(request, "twofactor/codes.html", context)
    return redirect("twofactor_overview")


@require_admin_access
def passkey_delete(request, pk):
    """Remove a passkey after a confirmation. Whose role requires a second factor keeps at least one (app or
    passkey); removing the last factor of anyone else switches two-factor authentication off."""
    passkey = get_object_or_404(WebAuthnCredential, pk=pk, user=request.user)
    last = not (user_passkeys(request.user).exclude(pk=passkey.pk).exists() or has_app(request.user))
    blocked = last and second_factor_required(request.user)
    if request.method == "POST":
        if blocked:
            messages.error(
                request, _("Your role requires a second factor: set up another one before you remove this passkey.")
            )
        elif last:
            reset(request.user)
            messages.success(
                request,
                _("The passkey “%(name)s” has been removed; two-factor authentication is now off for your account.")
                % {"name": passkey.name},
            )
        else:
            current = getattr(request.user, "otp_device", None)
            signed_in_with_it = current is not None and current.persistent_id == passkey.persistent_id
            passkey.delete()
            if signed_in_with_it:
                # This session was verified with the passkey just removed: it stays verified with a remaining
                # factor instead of asking for the second step again.
                otp_login(
                    request,
                    user_passkeys(request.user).first() or TOTPDevice.objects.get(user=request.user, confirmed=True),
                )
            messages.success(request, _("The passkey “%(name)s” has been removed.") % {"name": passkey.name})
        return redirect("twofactor_overview")
    context = {"passkey": passkey, "blocked": blocked, "last": last}
    return TemplateResponse(request, "twofactor/passkey_delete.html", context)
