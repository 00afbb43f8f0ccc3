"""Screenshots of the admin for the editor guide (docs/img/), taken with Playwright and Debian's Chromium.

Used by `manage.py editor_screenshots` against a running dev server with the demo content. The browser logs in
with a session created directly in the database the server uses, so no password is needed.
"""

import io
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.utils.module_loading import import_string
from PIL import Image as PILImage
from wagtail.models import Locale, Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 800}


def session_cookie(base_url, user):
    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return {"name": settings.SESSION_COOKIE_NAME, "value": store.session_key, "url": base_url}


def shots():
    """(file name, admin path) for each screenshot; paths are looked up in the demo content."""
    de = Locale.objects.get(language_code="de")
    en = Locale.objects.get(language_code="en")
    home = Page.objects.get(depth=2, locale=de)
    about = Page.objects.filter(locale=de, slug="ueber-das-projekt").first() or home
    en_about = about.get_translation_or_none(en)
    items = [
        ("dashboard.png", "/admin/"),
        ("explorer.png", f"/admin/pages/{home.pk}/"),
        ("page-editor.png", f"/admin/pages/{about.pk}/edit/"),
        ("outdated-translations.png", "/admin/editorial/outdated-translations/"),
        ("groups.png", "/admin/groups/"),
    ]
    if en_about is not None:
        items.insert(3, ("translation-editor.png", f"/admin/pages/{en_about.pk}/edit/"))
    return items


def save_small_png(data, path):
    """Keep the committed pictures small: a 256-colour palette is plenty for admin screens."""
    picture = PILImage.open(io.BytesIO(data)).convert("RGB")
    picture = picture.quantize(colors=256, method=PILImage.Quantize.MEDIANCUT)
    picture.save(path, format="PNG", optimize=True)


def take_screenshots(base_url, out_dir, username=None):
    from playwright.sync_api import sync_playwright

    users = get_user_model().objects.filter(is_active=True)
    user = users.get(username=username) if username else users.filter(is_superuser=True).order_by("pk").first()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    base_url = base_url.rstrip("/")
    written = []
    # Database work first: Playwright's sync API runs an event loop, in which Django refuses ORM calls.
    cookie = session_cookie(base_url, user)
    items = shots()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=VIEWPORT, locale="de-DE")
            context.add_cookies([cookie])
            page = context.new_page()
            for name, path in items:
                response = page.goto(base_url + path, wait_until="networkidle")
                if "/login/" in page.url or response is None or response.status != 200:
                    raise RuntimeError(f"{path} did not open ({page.url}); is the session valid for this server?")
                page.wait_for_timeout(500)
                target = out_dir / name
                save_small_png(page.screenshot(full_page=False), target)
                written.append(target)
        finally:
            browser.close()
    return written
