"""Security headers on every page, the production settings (`check --deploy`, HSTS, cookies) and the admin's
brute-force protection."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.test import override_settings

from tests.conftest import ADMIN_PASSWORD
from tests.pages import PAGE_URLS, expected_status

BASE_DIR = Path(__file__).resolve().parents[2]


def _directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("url", PAGE_URLS)
def test_every_page_sends_the_security_headers(client, demo, url):
    response = client.get(url)
    assert response.status_code == expected_status(url)
    csp = _directives(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"]  # no 'unsafe-inline', no other host
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    # Pages whose links may carry secrets (newsletter) send the stricter same-origin; never no-referrer, under
    # which browsers post the page's forms with "Origin: null" and the CSRF check refuses them.
    assert response["Referrer-Policy"] in {"strict-origin-when-cross-origin", "same-origin"}
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "browsing-topics"):
        assert f"{feature}=()" in permissions


def test_the_admin_gets_its_own_policy(client, db):
    response = client.get("/admin/login/")
    csp = _directives(response["Content-Security-Policy"])
    # The admin's editors need inline code, and its preview frames the site's pages; nothing from elsewhere.
    assert csp["script-src"] == ["'self'", "'unsafe-inline'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]


def test_no_gravatar_in_the_admin(admin_client):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert b"gravatar.com" not in response.content


# --- production settings, in a fresh interpreter (they are read once at start-up) ------------------------

PRODUCTION_PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
response = Client().get("/robots.txt", secure=True)
print(json.dumps({
    "status": response.status_code,
    "hsts": response.get("Strict-Transport-Security"),
    "settings": {name: getattr(settings, name) for name in (
        "SESSION_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY", "CSRF_COOKIE_SAMESITE", "SECURE_SSL_REDIRECT", "DEBUG")},
}))
"""


def _production_env(**extra):
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SECURE_", "HTTPS"))}
    env.update(
        DJANGO_SETTINGS_MODULE="stadtteil.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="heeren-werve.example,testserver",
        CSRF_TRUSTED_ORIGINS="https://heeren-werve.example",
        SITE_URL="https://heeren-werve.example",
        **extra,
    )
    return env


def _run(args, env):
    return subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_prints_no_warning():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], _production_env())
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output.upper().replace("0 SILENCED", "")
    assert "System check identified no issues" in output


def test_production_sends_hsts_and_secure_cookies():
    result = _run(["-c", PRODUCTION_PROBE], _production_env())
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["status"] == 200
    assert data["hsts"] == "max-age=31536000; includeSubDomains"
    assert data["settings"] == {
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SAMESITE": "Lax",
        "SECURE_SSL_REDIRECT": True,
        "DEBUG": False,
    }


def test_hsts_is_configurable():
    result = _run(
        ["-c", PRODUCTION_PROBE], _production_env(SECURE_HSTS_SECONDS="600", SECURE_HSTS_INCLUDE_SUBDOMAINS="0")
    )
    assert json.loads(result.stdout.strip().splitlines()[-1])["hsts"] == "max-age=600"
    # `make run` serves plain HTTP on this machine: no HSTS, no Secure cookies there.
    result = _run(["-c", PRODUCTION_PROBE], _production_env(HTTPS="0"))
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["hsts"] is None
    assert data["settings"]["SESSION_COOKIE_SECURE"] is False


# --- brute-force protection of the admin sign-in ---------------------------------------------------------


def _login(client, password):
    return client.post("/admin/login/", {"username": "admin", "password": password}, HTTP_ACCEPT_LANGUAGE="de")


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_admin_sign_in_locks_out_after_repeated_failures(client, admin_user):
    for _ in range(2):
        response = _login(client, "wrong-password")
        assert response.status_code == 200  # the sign-in form again, with its error
        assert b"id_password" in response.content
    response = _login(client, "wrong-password")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Zu viele fehlgeschlagene Anmeldeversuche" in text
    assert "3 Mal" in text
    assert "15 Minuten" in text
    # Locked out: even the right password is refused now, and nobody is signed in.
    response = _login(client, ADMIN_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    attempt = AccessAttempt.objects.get(username="admin")
    assert attempt.failures_since_start >= 3


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_the_lockout_page_in_english(client, admin_user):
    for _ in range(3):
        response = client.post("/admin/login/", {"username": "admin", "password": "nope"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()


@override_settings(AXES_ENABLED=True, AXES_FAILURE_LIMIT=3)
def test_a_successful_sign_in_resets_the_count(client, admin_user):
    for _ in range(2):
        _login(client, "wrong-password")
    response = _login(client, ADMIN_PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(admin_user.pk)
    assert not AccessAttempt.objects.filter(username="admin", failures_since_start__gt=0).exists()
