"""A member of the Freigabe group signs in with the second factor: sets up the authenticator app at the first
sign-in (QR code, key, recovery codes), enters the app's code at the next; adds a passkey and signs in with it."""

import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import BASE_DIR, LiveSite, PageRecorder, _free_port, site_env
from .staff import create_staff, sign_in

PASSWORD = "freigabe-" + "x7Kq2mPz"


def test_freigabe_member_sets_up_and_uses_totp(tab, live_site, artifacts):
    create_staff(live_site, "frieda", PASSWORD, "Freigabe")
    page = tab.page
    tab.open("/admin/login/")
    page.fill("#id_username", "frieda")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    # Straight to the set-up page: no admin page without the second factor.
    assert "/admin/two-factor/setup/" in page.url
    assert page.locator("h1").inner_text() == "Zwei-Faktor-Authentifizierung einrichten"
    qr = page.locator("img[alt='QR-Code für die Authenticator-App']")
    assert qr.is_visible()
    assert qr.evaluate("img => img.naturalWidth") > 100
    page.screenshot(path=str(artifacts / "two-factor-setup.png"), full_page=True)
    assert tab.open("/admin/pages/").url.count("/admin/two-factor/setup/") == 1

    # A wrong code: a clear German error, still on the set-up page.
    page.fill("#id_token", "000000")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "Dieser Code ist ungültig" in page.inner_text("main")
    page.wait_for_timeout(1100)  # django-otp refuses the next try for a second after a wrong code

    # The first sign-in (set-up from the page's key, as a person typing it into the app) ...
    page.context.clear_cookies()
    codes = sign_in(tab, live_site, "frieda", PASSWORD, next_path="/admin/pages/")
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{8,}", code) for code in codes)
    assert page.url.endswith("/admin/pages/")
    assert "Seiten" in page.inner_text("main")

    # ... and the next sign-in in a fresh browser asks for the app's code.
    page.context.clear_cookies()
    tab.open("/admin/login/")
    page.fill("#id_username", "frieda")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "/admin/two-factor/verify/" in page.url
    assert page.locator("h1").inner_text() == "Zweiter Schritt der Anmeldung"
    page.screenshot(path=str(artifacts / "two-factor-verify.png"), full_page=True)
    page.context.clear_cookies()
    sign_in(tab, live_site, "frieda", PASSWORD)
    assert page.url.endswith("/admin/")
    # A recovery code works once, in a fresh browser.
    page.context.clear_cookies()
    tab.open("/admin/login/")
    page.fill("#id_username", "frieda")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    page.fill("#id_token", codes[0])
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert page.url.endswith("/admin/")
    assert "Wiederherstellungscode" in page.inner_text("body")


@pytest.fixture(scope="module")
def localhost_site(live_site):
    """The same site and database served once more with SITE_URL on http://localhost: browsers refuse passkeys on
    an IP address such as 127.0.0.1, and the relying party is SITE_URL's host."""
    port = _free_port()
    var = live_site.db_path.parent
    env = site_env(var, live_site.db_path, port, f"http://localhost:{port}", "localhost")
    env.update(WEB_CONCURRENCY="1")
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    with open(var / "gunicorn-localhost.log", "w") as log:
        server = subprocess.Popen(  # noqa: S603
            [gunicorn, "--config", "gunicorn.conf.py", "stadtteil.wsgi:application"],
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        site = LiveSite(f"http://localhost:{port}", live_site.db_path)
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)  # noqa: S310
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise RuntimeError((var / "gunicorn-localhost.log").read_text()) from None
                    time.sleep(0.3)
            yield site
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()


def test_staff_member_adds_a_passkey_and_signs_in_with_it(browser, localhost_site, artifacts):
    """Password + passkey: a Freigabe member adds a passkey on the two-factor page with the browser's (virtual)
    authenticator, signs out, and signs in again with password and passkey."""
    site = localhost_site
    create_staff(site, "paula", PASSWORD, "Freigabe")
    context = browser.new_context(base_url=site, locale="de-DE", viewport={"width": 1280, "height": 900})
    try:
        tab = PageRecorder(context, site)
        page = tab.page
        cdp = context.new_cdp_session(page)
        cdp.send("WebAuthn.enable")
        cdp.send(
            "WebAuthn.addVirtualAuthenticator",
            {
                "options": {
                    "protocol": "ctap2",
                    "transport": "internal",
                    "hasResidentKey": True,
                    "hasUserVerification": True,
                    "isUserVerified": True,
                }
            },
        )
        sign_in(tab, site, "paula", PASSWORD)  # the first time with the authenticator app, as required

        tab.open("/admin/two-factor/")
        assert "Sie haben noch keinen Passkey." in page.inner_text("main")
        page.fill("#id_name", "Laptop im Büro")
        with page.expect_navigation():
            page.click("#passkey-register-button")
        assert page.url.endswith("/admin/two-factor/")
        assert "Der Passkey „Laptop im Büro“ wurde hinzugefügt." in page.inner_text("body")
        assert page.locator("[data-passkey] td").first.inner_text() == "Laptop im Büro"
        page.screenshot(path=str(artifacts / "two-factor-passkeys.png"), full_page=True)
        [(rp_credentials,)] = site.query(
            "SELECT count(*) FROM django_otp_webauthn_webauthncredential c JOIN auth_user u ON u.id = c.user_id"
            " WHERE u.username = 'paula' AND c.confirmed"
        )
        assert rp_credentials == 1

        # Signs out (Wagtail's sign-out is a POST with the page's CSRF token) ...
        with page.expect_navigation():
            page.evaluate(
                """() => {
                    const form = document.createElement("form");
                    form.method = "post";
                    form.action = "/admin/logout/";
                    form.append(document.querySelector("[name=csrfmiddlewaretoken]").cloneNode());
                    document.body.append(form);
                    form.submit();
                }"""
            )
        assert "/admin/login/" in page.url
        # ... and in again: password, then the passkey instead of a code.
        tab.open("/admin/login/?next=/admin/")
        page.fill("#id_username", "paula")
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation():
            page.click("button[type=submit]")
        assert "/admin/two-factor/verify/" in page.url
        assert page.locator("#passkey-heading").inner_text() == "Mit Ihrem Passkey"
        page.screenshot(path=str(artifacts / "two-factor-verify-passkey.png"), full_page=True)
        with page.expect_navigation():
            page.click("#passkey-verification-button")
        assert page.url.endswith("/admin/"), page.url
        assert page.locator("#main").count() == 1 and "/two-factor/" not in page.url
        assert not [text for kind, text in tab.console if "Content Security Policy" in text or kind == "pageerror"]
    finally:
        context.close()
