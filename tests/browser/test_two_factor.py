"""A member of the Freigabe group signs in with the second factor: sets up the authenticator app at the first
sign-in (QR code, key, recovery codes), enters the app's code at the next."""

import re

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
