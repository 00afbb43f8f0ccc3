"""Passkeys (WebAuthn, django-otp-webauthn) as the second factor beside the authenticator app: added and named on
the two-factor page, used after the password, counted by the policy, removed after a confirmation. A software
authenticator (tests/twofactor/authenticator.py) answers the package's endpoints as a browser would."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from wagtail.users.models import UserProfile

from tests.conftest import staff_login
from tests.twofactor.authenticator import SoftPasskey
from twofactor.policy import has_second_factor

PASSWORD = "ein-langes-passwort-fuer-tests"
ORIGIN = "http://testserver"  # SITE_URL of the test settings
BASE = "/admin/two-factor/passkeys/webauthn/"


@pytest.fixture
def make_staff(db):
    def make(username, *groups):
        user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


def post_json(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def register(client, passkey, name="Laptop im Büro"):
    """Click "Passkey hinzufügen": the package's script fetches the options, the browser creates the passkey,
    the script sends it back, and our script sends its name."""
    options = post_json(client, BASE + "registration/begin/")
    assert options.status_code == 200, options.content
    answer = post_json(client, BASE + "registration/complete/", passkey.create(options.json(), ORIGIN))
    assert answer.status_code == 200, answer.content
    return client.post("/admin/two-factor/passkeys/added/", {"passkey": answer.json()["id"], "name": name})


def sign_in_with_passkey(client, passkey, next_path="/admin/pages/"):
    options = post_json(client, BASE + "authentication/begin/")
    assert options.status_code == 200, options.content
    return post_json(
        client, f"{BASE}authentication/complete/?next={next_path}", passkey.get(options.json(), ORIGIN, "testserver")
    )


def test_the_relying_party_is_the_public_address(client, make_staff):
    client.force_login(make_staff("erika", "Redaktion"))
    options = post_json(client, BASE + "registration/begin/").json()
    assert options["rp"] == {"id": "testserver", "name": "Stadtteilprojekt Heeren-Werve"}
    assert options["authenticatorSelection"]["userVerification"] in {"preferred", "required"}
    with override_settings(SITE_URL="https://heeren-werve.example"):
        assert post_json(client, BASE + "registration/begin/").json()["rp"]["id"] == "heeren-werve.example"


def test_editor_adds_a_named_passkey_and_gets_recovery_codes(client, make_staff):
    user = make_staff("erika", "Redaktion")
    client.force_login(user)
    page = client.get("/admin/two-factor/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert '<h2 id="passkeys-heading">Passkeys</h2>' in page
    assert "Sie haben noch keinen Passkey." in page
    assert "Passkey hinzufügen" in page and "Name des Passkeys" in page
    assert 'id="otp_webauthn_config"' in page and "django_otp_webauthn/otp_webauthn_register.js" in page
    assert "twofactor/passkeys.js" in page

    response = register(client, SoftPasskey())
    # The first second factor: recovery codes, shown once, as after setting up the app.
    assert response.status_code == 200
    assert "Ihre Wiederherstellungscodes" in response.content.decode()
    assert StaticToken.objects.filter(device__user=user).count() == 10
    [passkey] = WebAuthnCredential.objects.filter(user=user)
    assert passkey.name == "Laptop im Büro" and passkey.confirmed
    assert has_second_factor(user)
    # The session counts as verified (the package signs it in with the new passkey).
    page = client.get("/admin/two-factor/").content.decode()
    assert "Laptop im Büro" in page and "Passkey „Laptop im Büro“" in page
    assert "Die Zwei-Faktor-Authentifizierung ist für Ihr Konto aktiv." in page
    # A second passkey keeps the codes.
    response = register(client, SoftPasskey(), name="")
    assert response.status_code == 302
    assert StaticToken.objects.filter(device__user=user).count() == 10
    assert sorted(WebAuthnCredential.objects.values_list("name", flat=True)) == ["Laptop im Büro", "Passkey"]


def test_sign_in_with_password_and_passkey(client, make_staff):
    user = make_staff("frieda", "Freigabe")
    staff_login(client, user)  # signed in with the app
    passkey = SoftPasskey()
    assert register(client, passkey).status_code == 200  # with her first recovery codes
    client.logout()

    response = client.post("/admin/login/", {"username": "frieda", "password": PASSWORD, "next": "/admin/pages/"})
    response = client.get(response["Location"])
    assert response["Location"].startswith("/admin/two-factor/verify/")
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Mit Ihrem Passkey" in page and "Mit Passkey anmelden" in page and "Oder mit einem Code" in page
    assert "django_otp_webauthn/otp_webauthn_auth.js" in page and 'id="passkey-next" name="next"' in page
    assert client.get("/admin/pages/").status_code == 302

    answer = sign_in_with_passkey(client, passkey)
    assert answer.status_code == 200, answer.content
    assert answer.json()["redirect_url"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200
    passkey_row = WebAuthnCredential.objects.get(user=user)
    assert passkey_row.sign_count == 1 and passkey_row.last_used_at is not None


def test_a_passkey_of_another_site_or_person_is_refused(client, make_staff):
    user = make_staff("frieda", "Freigabe")
    staff_login(client, user)
    options = post_json(client, BASE + "registration/begin/").json()
    # Created on another origin (phishing): refused, nothing stored.
    answer = post_json(client, BASE + "registration/complete/", SoftPasskey().create(options, "https://evil.example"))
    assert answer.status_code >= 400
    assert not WebAuthnCredential.objects.exists()

    mine = SoftPasskey()
    register(client, mine)
    other = make_staff("otto", "Freigabe")
    client.logout()
    client.force_login(other)
    # Otto's password, Frieda's passkey: no admin.
    answer = sign_in_with_passkey(client, mine)
    assert answer.status_code >= 400
    assert client.get("/admin/pages/").status_code == 302


def test_policy_counts_a_passkey(client, make_staff):
    """A Freigabe member whose only factor is a passkey is asked for it, not sent to set up an app."""
    user = make_staff("frieda", "Freigabe")
    client.force_login(user)
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/setup/")
    WebAuthnCredential.objects.create(user=user, name="Telefon", confirmed=True, credential_id=b"x" * 32)
    assert has_second_factor(user)
    assert client.get("/admin/")["Location"].startswith("/admin/two-factor/verify/")
    page = client.get("/admin/two-factor/verify/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Mit Passkey anmelden" in page
    # Before the passkey: no new passkey (the package refuses, our middleware sends to the second step first).
    assert post_json(client, BASE + "registration/begin/").status_code in {302, 403}
    # The reset command removes passkeys too.
    from twofactor.policy import reset

    assert reset(user) == 1
    assert not has_second_factor(user)


def test_removing_passkeys_after_confirmation(client, make_staff):
    frieda = make_staff("frieda", "Freigabe")
    staff_login(client, frieda)
    phone = SoftPasskey()
    register(client, phone, name="Telefon")
    TOTPDevice.objects.filter(user=frieda).delete()  # she no longer uses the app ...
    assert sign_in_with_passkey(client, phone).status_code == 200  # ... and signs in with the passkey
    only = WebAuthnCredential.objects.get(user=frieda)
    # Her role needs a factor: the only one cannot be removed.
    page = client.get(f"/admin/two-factor/passkeys/{only.pk}/delete/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Passkey entfernen" in page and "Dies ist Ihr einziger Passkey" in page
    client.post(f"/admin/two-factor/passkeys/{only.pk}/delete/")
    assert WebAuthnCredential.objects.filter(pk=only.pk).exists()
    # With a second passkey she may remove one, after confirming.
    register(client, SoftPasskey(), name="Laptop")
    page = client.get(f"/admin/two-factor/passkeys/{only.pk}/delete/").content.decode()
    assert "Den Passkey „Telefon“ entfernen?" in page and "Ja, entfernen" in page
    response = client.post(f"/admin/two-factor/passkeys/{only.pk}/delete/", follow=True)
    assert "Der Passkey „Telefon“ wurde entfernt." in response.content.decode()
    assert list(WebAuthnCredential.objects.values_list("name", flat=True)) == ["Laptop"]
    # Nobody removes someone else's passkey.
    client.force_login(make_staff("otto", "Redaktion"))
    laptop = WebAuthnCredential.objects.get()
    # (a 404, which Django's LocaleMiddleware turns into a redirect to the same path under /de/)
    assert client.post(f"/admin/two-factor/passkeys/{laptop.pk}/delete/").status_code in {302, 404}
    assert client.get(f"/admin/two-factor/passkeys/{laptop.pk}/delete/", follow=True).status_code == 404
    assert WebAuthnCredential.objects.filter(pk=laptop.pk).exists()


def test_an_editor_removing_the_last_passkey_switches_it_off(client, make_staff):
    user = make_staff("erika", "Redaktion")
    client.force_login(user)
    register(client, SoftPasskey())
    passkey = WebAuthnCredential.objects.get()
    page = client.get(f"/admin/two-factor/passkeys/{passkey.pk}/delete/").content.decode()
    assert "Er ist Ihr letzter zweiter Faktor" in page
    client.post(f"/admin/two-factor/passkeys/{passkey.pk}/delete/")
    assert not has_second_factor(user)
    assert not StaticToken.objects.filter(device__user=user).exists()


def test_passkey_pages_in_english(client, make_staff):
    user = make_staff("erika", "Redaktion")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    page = client.get("/admin/two-factor/").content.decode()
    assert "You have no passkey yet." in page and "Add a passkey" in page and "Name of the passkey" in page
    register(client, SoftPasskey(), name="Phone")
    page = client.get(f"/admin/two-factor/passkeys/{WebAuthnCredential.objects.get().pk}/delete/").content.decode()
    assert "Remove the passkey “Phone”?" in page


def test_the_package_script_is_served_by_the_site_and_allowed_by_the_csp(client, make_staff):
    client.force_login(make_staff("erika", "Redaktion"))
    response = client.get("/admin/two-factor/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp
    assert "https://" not in response.content.decode().split('id="passkeys-heading"')[1]
    for path in ("django_otp_webauthn/otp_webauthn_register.js", "django_otp_webauthn/otp_webauthn_auth.js"):
        assert client.get(f"/static/{path}").status_code == 200
    catalog = client.get(BASE + "jsi18n/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "Registrierung abgebrochen." in catalog
