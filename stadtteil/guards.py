"""The guards of the public forms, one of each: the honeypot, the rate limit, the request-size check.

Their answers are marked private with stadtteil.security.private_response (never cached, not indexed, no Referer).
"""

from django import forms
from django.conf import settings
from django.core.exceptions import BadRequest
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage

from stadtteil.forms import LINE_MAX_LENGTH

# --- honeypot --------------------------------------------------------------------------------------------------------


def honeypot_filled(data, name="website"):
    """Whether the trap field came back filled in (white space alone is what a person's browser may leave)."""
    return bool(str(data.get(name, "")).strip())


class HoneypotMixin:
    """Adds a trap field that people never see (the template puts it in a `hidden`, aria-hidden box) and many bots
    fill in. `honeypot` is the name the form posts (the directory's form has a real "website" field, its trap is
    "homepage"). A filled-in trap gets the same answer as a real submission, with nothing stored or sent."""

    honeypot = "website"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.honeypot] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            max_length=LINE_MAX_LENGTH,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    @property
    def is_bot(self):
        return honeypot_filled(self.data, self.add_prefix(self.honeypot))


# --- rate limit ------------------------------------------------------------------------------------------------------


class RateLimit:
    """A limit on POSTs per client address (key="ip": stadtteil.security.client_ip, RATELIMIT_IP_META_KEY) over
    django-ratelimit, at the rate the setting `setting` names (read on each call, so tests can change it).

    Two ways to count, one per kind of form: `hit()` counts every POST and says whether this one is over the
    limit; `reached()` only looks and `count()` counts, for forms that count some outcomes only (a wrong password,
    a stored contribution) and refuse before doing any work."""

    def __init__(self, group, setting, key="ip"):
        self.group, self.setting, self.key = group, setting, key

    def _usage(self, request, increment, key=None):
        return get_usage(
            request,
            group=self.group,
            key=key or self.key,
            rate=getattr(settings, self.setting),
            method="POST",
            increment=increment,
        )

    def hit(self, request, key=None):
        """Count this POST; True if it is over the limit. `key` (a callable of group and request) overrides
        the client address, e.g. the e-mail address a form was sent for."""
        usage = self._usage(request, True, key)
        return usage is not None and usage["should_limit"]

    def reached(self, request):
        """The limit is used up (nothing counted)."""
        usage = self._usage(request, False)
        return usage is not None and usage["count"] >= usage["limit"]

    def count(self, request):
        self._usage(request, True)


# --- request size ----------------------------------------------------------------------------------------------------


def refuse_oversized(request, max_bytes, max_values=None, max_value_length=None):
    """Raise BadRequest (the styled 400 page, stadtteil.views.bad_request) for a request larger than a person
    filling in the form could send: more than `max_bytes` in the body, or (when given) more than `max_values`
    form values or one longer than `max_value_length`. Checked before the form looks at anything."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = max_bytes + 1
    oversized = length > max_bytes
    if not oversized and (max_values is not None or max_value_length is not None):
        values = [value for key in request.POST for value in request.POST.getlist(key)]
        oversized = (max_values is not None and len(values) > max_values) or (
            max_value_length is not None and any(len(value) > max_value_length for value in values)
        )
    if oversized:
        raise BadRequest("request too large")
