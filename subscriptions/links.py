"""Absolute links in e-mails: the signed, expiring confirmation link and the per-subscriber links."""

from django.core import signing
from django.urls import reverse
from django.utils import translation

from stadtteil.site_url import absolute_url
from subscriptions.models import CONFIRMATION_MAX_AGE

CONFIRM_SALT = "subscriptions.confirm"


def _reverse(name, language, **kwargs):
    with translation.override(language):
        return absolute_url(reverse(name, kwargs=kwargs))


def confirmation_value(subscriber, add=()):
    """Signed: the subscriber's token, and for a confirmed subscriber the topics (follows) the link adds."""
    data = {"t": subscriber.token}
    if add:
        data["a"] = sorted(add)
    return signing.dumps(data, salt=CONFIRM_SALT, compress=True)


def read_confirmation(value):
    """(token, topic keys to add) of a confirmation link; raises signing.SignatureExpired or signing.BadSignature."""
    data = signing.loads(value, salt=CONFIRM_SALT, max_age=CONFIRMATION_MAX_AGE)
    if not isinstance(data, dict) or not isinstance(data.get("t"), str):
        raise signing.BadSignature("Malformed confirmation value")
    add = data.get("a", [])
    if not isinstance(add, list) or not all(isinstance(key, str) for key in add):
        raise signing.BadSignature("Malformed confirmation value")
    return data["t"], add


def read_confirmation_value(value):
    """The token inside a confirmation link; raises signing.SignatureExpired or signing.BadSignature."""
    return read_confirmation(value)[0]


def confirm_url(subscriber, add=()):
    return _reverse("subscriptions:confirm", subscriber.language, value=confirmation_value(subscriber, add))


def preferences_url(subscriber):
    return _reverse("subscriptions:preferences", subscriber.language, token=subscriber.token)


def unsubscribe_url(subscriber):
    return _reverse("subscriptions:unsubscribe", subscriber.language, token=subscriber.token)
