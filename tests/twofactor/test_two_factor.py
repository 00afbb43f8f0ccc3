"""Two-factor authentication for staff: required for administrators and the Freigabe group, optional for the
others; set up with a QR code, entered after the password, recovery codes that work once, reset by command."""

import io
import re
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import ADMIN_PASSWORD, staff_login

PASSWORD = "ein-langes-passwort-fuer-tests"


def code(device):
    """The code the authenticator app shows now (as the phone computes it)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def wait_out_throttle():
    # django-otp slows down guessing: after a wrong code the next try is refused for a second (doubling).
    time.sleep(1.1)


def _next_step_code(device):
    # A code is accepted once per time step; the next step's code is within the device's tolerance.
    return f"{totp(device.bin_key, step=device.step, t0=device.t0 - device.step, digits=device.digits):06d}"


@pytest.fixture
def make_staff(db):
    def make(username, *groups, superuser=False):
        user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
        user.is_superuser = superuser
        user.save()
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


def password_login(client, username, password=PASSWORD):
    return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/pages/"})


def test_administrator_without_device_is_sent_to_set_up(client, admin_user):
    response = password_login(client, "admin", ADMIN_PASSWORD)
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/two-factor/setup/?next=/admin/pages/")
    # No admin page before the second factor.
    for url in ("/admin/", "/admin/pages/", "/admin/users/"):
        assert client.get(url)["Location"].startswith("/admin/two-factor/setup/")


def test_enrolment_in_german_with_qr_code_and_recovery_codes_shown_once(client, admin_user):
    password_login(client, "admin", ADMIN_PASSWORD)
    response = client.get("/admin/two-factor/setup/?next=/admin/pages/", HTTP_ACCEPT_LANGUAGE="de")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Zwei-Faktor-Authentifizierung einrichten" in html
    assert 'src="data:image/svg+xml' in html
    assert response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    device = TOTPDevice.objects.get(user=admin_user, confirmed=False)
    # A wrong code: a clear error, nothing activated.
    response = client.post("/admin/two-factor/setup/", {"token": "000000" if code(device) != "000000" else "111111"})
    assert response.status_code == 400
    assert "Dieser Code ist ungültig" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=admin_user, confirmed=True).exists()
    wait_out_throttle()
    response = client.post("/admin/two-factor/setup/", {"token": code(device), "next": "/admin/pages/"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ihre Wiederherstellungscodes" in html
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", html)
    assert len(codes) == 10
    assert 'href="/admin/pages/"' in html
    device.refresh_from_db()
    assert device.confirmed
    # Signed in with both factors now.
    assert client.get("/admin/pages/").status_code == 200
    # The codes are not shown again.
    overview = client.get("/admin/two-factor/").content.decode()
    assert "10 Wiederherstellungscodes sind noch übrig" in overview
    assert codes[0] not in overview


def test_second_sign_in_asks_for_the_code_and_accepts_a_recovery_code_once(client, make_staff):
    user = make_staff("freya", "Freigabe")
    device = TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    from twofactor.policy import new_recovery_codes

    recovery = new_recovery_codes(user)
    response = password_login(client, "freya")
    response = client.get(response["Location"])
    assert response["Location"].startswith("/admin/two-factor/verify/")
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="de")
    assert "Zweiter Schritt der Anmeldung" in page.content.decode()
    wrong = client.post("/admin/two-factor/verify/", {"token": "12345"})
    assert wrong.status_code == 400
    assert "Dieser Code ist ungültig" in wrong.content.decode()
    assert client.get("/admin/pages/").status_code == 302
    # A recovery code signs in once.
    wait_out_throttle()
    response = client.post("/admin/two-factor/verify/", {"token": recovery[0].upper(), "next": "/admin/pages/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
    assert StaticToken.objects.filter(device__user=user).count() == 9
    client.post("/admin/logout/")
    password_login(client, "freya")
    assert client.post("/admin/two-factor/verify/", {"token": recovery[0]}).status_code == 400
    # The app's current code works; an unsafe next leads to the dashboard.
    time.sleep(2.1)
    response = client.post("/admin/two-factor/verify/", {"token": code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_optional_for_editors_but_enforced_once_set_up(client, make_staff):
    editor = make_staff("rita", "Redaktion")
    password_login(client, "rita")
    assert client.get("/admin/pages/").status_code == 200  # no second factor needed
    overview = client.get("/admin/two-factor/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "keine Zwei-Faktor-Authentifizierung eingerichtet" in overview
    # She sets it up voluntarily ...
    client.get("/admin/two-factor/setup/")
    device = TOTPDevice.objects.get(user=editor)
    client.post("/admin/two-factor/setup/", {"token": code(device)})
    client.post("/admin/logout/")
    # ... and from then on her sign-in needs it.
    password_login(client, "rita")
    assert client.get("/admin/pages/")["Location"].startswith("/admin/two-factor/verify/")
    # She may switch it off again; a Freigabe member may not.
    client.post("/admin/two-factor/verify/", {"token": _next_step_code(device)})
    assert client.get("/admin/pages/").status_code == 200
    client.post("/admin/two-factor/disable/")
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_freigabe_member_cannot_switch_it_off(client, make_staff):
    user = make_staff("frank", "Freigabe")
    staff_login(client, user)
    response = client.post("/admin/two-factor/disable/", follow=True, HTTP_ACCEPT_LANGUAGE="de")
    assert "kann nicht abgeschaltet werden" in response.content.decode()
    assert TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_account_page_links_to_two_factor(admin_client):
    html = admin_client.get("/admin/account/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "/admin/two-factor/" in html
    assert "Zwei-Faktor-Authentifizierung" in html


def test_new_recovery_codes_replace_the_old(admin_client, admin_user):
    from twofactor.policy import new_recovery_codes

    old = new_recovery_codes(admin_user)
    html = admin_client.post("/admin/two-factor/recovery-codes/").content.decode()
    new = re.findall(r"<li><code>([a-z2-7]+)</code></li>", html)
    assert len(new) == 10
    assert not StaticToken.objects.filter(token__in=old).exists()


def test_reset_command_removes_the_devices(make_staff, client):
    user = make_staff("lost", "Freigabe")
    TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    out = io.StringIO()
    call_command("reset_two_factor", "lost", stdout=out)
    assert "Removed 1" in out.getvalue()
    assert not TOTPDevice.objects.filter(user=user).exists()
    password_login(client, "lost")
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/setup/")
    with pytest.raises(CommandError):
        call_command("reset_two_factor", "nobody")


def test_public_pages_need_no_second_factor(client, admin_user, demo):
    password_login(client, "admin", ADMIN_PASSWORD)
    assert client.get(demo["de_home"].url).status_code == 200


def test_code_helper_matches_the_device(db, admin_user):
    device = TOTPDevice.objects.create(user=admin_user, name="App", confirmed=True)
    assert device.verify_token(code(device))


def test_two_factor_pages_need_the_password_first_and_cannot_replace_a_device(client, make_staff):
    assert client.get("/admin/two-factor/verify/")["Location"].startswith("/admin/login/?next=")
    user = make_staff("fritz", "Freigabe")
    TOTPDevice.objects.create(user=user, name="App", confirmed=True)
    password_login(client, "fritz")
    # Someone with only the password cannot set up a new app in place of the owner's.
    response = client.get("/admin/two-factor/setup/?next=/admin/pages/?q=a%26b")
    assert response["Location"] == "/admin/two-factor/verify/?next=%2Fadmin%2Fpages%2F%3Fq%3Da%26b"
    assert TOTPDevice.objects.filter(user=user).count() == 1
