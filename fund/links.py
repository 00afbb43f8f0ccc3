"""The private status link: a signed value naming the application, valid for FUND_STATUS_LINK_MAX_AGE."""

from django.conf import settings
from django.core import signing

from stadtteil.site_url import absolute_url

SALT = "fund.status"


def max_age():
    return settings.FUND_STATUS_LINK_MAX_AGE


def status_value(application):
    return signing.dumps({"a": application.pk, "r": application.reference}, salt=SALT)


def read_status_value(value):
    """The application's primary key and reference; raises signing.SignatureExpired or signing.BadSignature."""
    data = signing.loads(value, salt=SALT, max_age=max_age())
    if not isinstance(data, dict) or not isinstance(data.get("a"), int) or not isinstance(data.get("r"), str):
        raise signing.BadSignature("Malformed status value")
    return data["a"], data["r"]


def status_url(application):
    """The status link on the fund page of the applicant's language."""
    from fund.models import FundPage

    pages = FundPage.objects.live().select_related("locale")
    page = pages.filter(locale__language_code=application.language).first() or pages.first()
    if page is None:
        return ""
    return absolute_url(page.url + status_subpath(page, status_value(application)))


def status_kwargs(value):
    """The status route's arguments: the signed value's three parts."""
    payload, stamp, signature = (value.split(":") + ["", "", ""])[:3]
    return {"payload": payload, "stamp": stamp, "signature": signature}


def status_subpath(page, value):
    return page.reverse_subpage("status", kwargs=status_kwargs(value))
