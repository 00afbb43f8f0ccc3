"""The visitor's address behind the reverse proxy: believed from X-Forwarded-For only when the direct peer is a
trusted proxy (FORWARDED_ALLOW_IPS); django-axes and the rate limits count per visitor, not per proxy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.test import Client, RequestFactory, override_settings

from stadtteil.security import client_ip
from subscriptions.models import NewsletterPage, Subscriber
from tests.conftest import ADMIN_PASSWORD, demo_url

BASE_DIR = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.2"


def _ip(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **meta))


@override_settings(FORWARDED_ALLOW_IPS=[PROXY, "172.16.0.0/12"])
def test_forwarded_address_only_from_a_trusted_proxy():
    assert _ip(PROXY, "203.0.113.5") == "203.0.113.5"
    assert _ip(PROXY) == PROXY  # a proxy that sends nothing is the client itself
    # Anyone else's header is ignored: a visitor cannot choose their address.
    assert _ip("198.51.100.9", "203.0.113.5") == "198.51.100.9"
    # What the client claimed (leftmost) is never believed: the nearest untrusted hop is the visitor.
    assert _ip(PROXY, "1.2.3.4, 203.0.113.5") == "203.0.113.5"
    # Chains of trusted proxies are walked; garbage stops at the last address a trusted hop vouched for.
    assert _ip(PROXY, "203.0.113.5, 172.20.0.3") == "203.0.113.5"
    assert _ip(PROXY, "not-an-address") == PROXY
    assert _ip(PROXY, "2001:db8::1") == "2001:db8::1"


@override_settings(FORWARDED_ALLOW_IPS=["*"])
def test_star_trusts_only_the_direct_peer():
    # compose: nginx is the only way in and sets the header itself; its entry is the visitor's address.
    assert _ip("172.18.0.5", "1.2.3.4, 203.0.113.5") == "203.0.113.5"


def _admin_login(client, password, visitor):
    return client.post(
        "/admin/login/",
        {"username": "admin", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=visitor,
        HTTP_ACCEPT_LANGUAGE="de",
    )


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=5, FORWARDED_ALLOW_IPS=[PROXY])
def test_five_wrong_passwords_lock_out_only_that_visitor(client, admin_user):
    for _ in range(5):
        response = _admin_login(client, "wrong-password", "203.0.113.66")
    assert response.status_code == 429
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in response.content.decode()
    assert AccessAttempt.objects.get(username="admin").ip_address == "203.0.113.66"
    # The real admin, behind the same proxy, signs in.
    admin = Client()
    response = _admin_login(admin, ADMIN_PASSWORD, "198.51.100.20")
    assert response.status_code == 302
    assert admin.session["_auth_user_id"] == str(admin_user.pk)


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3, FORWARDED_ALLOW_IPS=[PROXY])
def test_a_forged_header_from_an_untrusted_peer_is_ignored(client, admin_user):
    for number in range(3):
        response = client.post(
            "/admin/login/",
            {"username": "admin", "password": "wrong-password"},
            REMOTE_ADDR="192.0.2.44",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",  # a new "address" every time
        )
    assert response.status_code == 429
    assert AccessAttempt.objects.get(username="admin").ip_address == "192.0.2.44"


@override_settings(SUBSCRIPTIONS_RATE_PER_IP="2/h", FORWARDED_ALLOW_IPS=[PROXY])
def test_rate_limits_count_per_forwarded_visitor(client, demo):
    def subscribe(email, visitor):
        return client.post(
            demo_url(NewsletterPage),
            {"email": email, "language": "de", "topics": ["news"], "consent": "on"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=visitor,
        )

    assert subscribe("a@example.org", "203.0.113.1").status_code == 302
    assert subscribe("b@example.org", "203.0.113.1").status_code == 302
    assert subscribe("c@example.org", "203.0.113.1").status_code == 429
    assert not Subscriber.objects.filter(email="c@example.org").exists()
    # Another visitor behind the same proxy is not affected: the limit is not a site-wide total.
    assert subscribe("d@example.org", "198.51.100.2").status_code == 302
    assert Subscriber.objects.filter(email="d@example.org").exists()


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("SUBSCRIPTIONS_RATE_PER_IP", "7/m"),
        ("SUBSCRIPTIONS_RATE_PER_ADDRESS", "1/d"),
        ("FORWARDED_ALLOW_IPS", "10.1.0.0/16,10.2.0.1"),
        ("STAFF_SESSION_HOURS", "4"),
    ],
)
def test_documented_variables_are_read(variable, value):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "stadtteil.settings.test", variable: value}
    probe = f"import django; django.setup(); from django.conf import settings; print(repr(settings.{variable}))"
    if variable == "STAFF_SESSION_HOURS":
        probe = probe.replace(f"settings.{variable}", "settings.SESSION_COOKIE_AGE")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", probe], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    expected = {
        "FORWARDED_ALLOW_IPS": "['10.1.0.0/16', '10.2.0.1']",
        "STAFF_SESSION_HOURS": "14400",
    }.get(variable, repr(value))
    assert result.stdout.strip().splitlines()[-1] == expected


def test_readme_documents_every_variable_it_tests():
    readme = (BASE_DIR / "README.md").read_text()
    for variable in ("SUBSCRIPTIONS_RATE_PER_IP", "FORWARDED_ALLOW_IPS", "STAFF_SESSION_HOURS", "OTP_REQUIRED_GROUPS"):
        assert f"`{variable}`" in readme
