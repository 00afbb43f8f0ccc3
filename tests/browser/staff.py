"""Signing in to the admin of the served site as a person does: password, then the second factor, with the code
an authenticator app would show (computed with django-otp's own TOTP function)."""

import sqlite3
import time
from base64 import b32decode

from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django_otp.oath import totp


def app_code(key, last_t=-1):
    """The code of the current time step; the next step's code if this step's was used already (django-otp
    accepts each step once and tolerates one step of clock difference)."""
    now = int(time.time()) // 30
    return f"{totp(key, drift=max(0, last_t + 1 - now)):06d}"


def create_staff(live_site, username, password, group):
    """A member of staff in the served site's database (what an administrator does under Einstellungen → Benutzer)."""
    encoded = PBKDF2PasswordHasher().encode(password, "browsersalt" + username, iterations=1000)
    with sqlite3.connect(live_site.db_path, timeout=30) as connection:
        cursor = connection.execute(
            "INSERT INTO auth_user (password, is_superuser, username, first_name, last_name, email, is_staff,"
            " is_active, date_joined) VALUES (?, 0, ?, ?, '', ?, 0, 1, datetime('now'))",
            (encoded, username, username.title(), f"{username}@example.org"),
        )
        connection.execute(
            "INSERT INTO auth_user_groups (user_id, group_id) SELECT ?, id FROM auth_group WHERE name = ?",
            (cursor.lastrowid, group),
        )


def sign_in(tab, live_site, username, password, next_path="/admin/"):
    """Password, then set up the app (first time: returns the recovery codes) or enter its code."""
    page = tab.page
    tab.open(f"/admin/login/?next={next_path}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    return complete_second_factor(page, live_site, username)


def complete_second_factor(page, live_site, username):
    """After the password: set up the app (first time: returns the recovery codes) or enter its code."""
    codes = None
    if "/admin/two-factor/setup/" in page.url:
        secret = page.inner_text("[data-secret]").replace(" ", "")
        page.fill("#id_token", app_code(b32decode(secret + "=" * (-len(secret) % 8))))
        with page.expect_navigation():
            page.click("button[type=submit]")
        codes = page.locator("[data-recovery-codes] code").all_inner_texts()
        with page.expect_navigation():
            page.click("main a.button")
    elif "/admin/two-factor/verify/" in page.url:
        rows = live_site.query(
            "SELECT d.key, d.last_t FROM otp_totp_totpdevice d JOIN auth_user u ON u.id = d.user_id"
            " WHERE u.username = ? AND d.confirmed",
            username,
        )
        key, last_t = rows[0]
        page.fill("#id_token", app_code(bytes.fromhex(key), last_t))
        with page.expect_navigation():
            page.click("button[type=submit]")
        if "/admin/two-factor/verify/" in page.url:
            # The app's code was refused (each code counts once, and django-otp follows the app's clock drift):
            # sign in with one of the recovery codes instead, as a person without the right code would.
            time.sleep(2)  # django-otp slows down the next try after a wrong code
            [(token,)] = live_site.query(
                "SELECT t.token FROM otp_static_statictoken t JOIN otp_static_staticdevice d ON d.id = t.device_id"
                " JOIN auth_user u ON u.id = d.user_id WHERE u.username = ? LIMIT 1",
                username,
            )
            page.fill("#id_token", token)
            with page.expect_navigation():
                page.click("button[type=submit]")
    assert "/admin/login/" not in page.url and "/admin/two-factor/" not in page.url, page.url
    return codes
