"""Sessions of staff end after STAFF_SESSION_HOURS; page passwords have an attempt limit per client address;
a page login with an unsafe "next" lands on the visitor's language home."""

import re

import pytest
from django.test import Client, override_settings
from wagtail.models import PageViewRestriction

from home.models import StandardPage
from stadtteil.routing import reverse_alternates
from tests.conftest import ADMIN_PASSWORD, demo_page

PROXY = "10.0.0.2"


@pytest.fixture
def protected(demo):
    page = demo_page(StandardPage, "ueber-das-projekt")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="geheim-2026")
    return page


def _form(client, page, **meta):
    response = client.get(page.url, **meta)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ein Stadtteil mit Geschichte" not in html
    action = re.search(r'action="([^"]+authenticate_with_password[^"]+)"', html).group(1)
    return action


def _try(client, action, password, return_url=None, **meta):
    return_url = return_url or demo_page(StandardPage, "ueber-das-projekt").url
    return client.post(action, {"password": password, "return_url": return_url}, **meta)


@override_settings(PAGE_PASSWORD_RATE_LIMIT="3/15m", FORWARDED_ALLOW_IPS=[PROXY])
def test_page_password_attempts_are_limited_per_visitor(client, protected):
    visitor = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "203.0.113.8", "HTTP_ACCEPT_LANGUAGE": "de"}
    action = _form(client, protected, **visitor)
    for _ in range(3):
        response = _try(client, action, "falsch", **visitor)
        assert response.status_code == 200
    response = _try(client, action, "falsch", **visitor)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Zu viele falsche Passwörter" in html
    assert "no-store" in response["Cache-Control"]
    # Locked: even the right password is not checked now.
    assert _try(client, action, "geheim-2026", **visitor).status_code == 429
    assert "Ein Stadtteil mit Geschichte" not in client.get(protected.url, **visitor).content.decode()
    # Another visitor behind the same proxy gets in.
    other = Client()
    neighbour = {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "198.51.100.4"}
    response = _try(other, action, "geheim-2026", **neighbour)
    assert response.status_code == 302
    assert response["Location"] == protected.url
    assert "Ein Stadtteil mit Geschichte" in other.get(protected.url, **neighbour).content.decode()


@override_settings(PAGE_PASSWORD_RATE_LIMIT="1/15m")
def test_the_limit_message_in_english(client, protected):
    action = _form(client, protected)
    _try(client, action, "wrong")
    with_english = client.post(  # the same view under the English prefix
        action.replace("/de/", "/en/"), {"password": "wrong", "return_url": "/en/"}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert with_english.status_code == 429
    assert "Too many wrong passwords" in with_english.content.decode()


def test_right_page_password_with_unsafe_return_url_lands_on_the_language_home(client, protected):
    action = _form(client, protected)
    response = _try(client, action, "geheim-2026", return_url="https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="de", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith("/de/")


def test_front_end_login_with_unsafe_next_lands_on_the_language_home(client, admin_user, demo):
    response = client.post(
        reverse_alternates("wagtailcore_login")["de"],
        {"username": "admin", "password": ADMIN_PASSWORD, "next": "//evil.example/x"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en", follow=True).status_code == 200


def test_staff_sessions_are_short_even_with_remember_me(client, admin_user, settings):
    assert settings.SESSION_COOKIE_AGE == 10 * 3600
    response = client.post("/admin/login/", {"username": "admin", "password": ADMIN_PASSWORD, "remember": "on"})
    assert response.status_code == 302
    assert client.session.get_expiry_age() <= 10 * 3600
    assert client.cookies["sessionid"]["max-age"] <= 10 * 3600
    other = Client()
    other.post("/admin/login/", {"username": "admin", "password": ADMIN_PASSWORD})
    assert other.session.get_expire_at_browser_close()
    assert other.session.get_expiry_age() <= 10 * 3600
