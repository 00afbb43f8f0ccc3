"""A translator's journey through the admin in Chromium: "Übersetzen" makes an English draft (not online), the
texts are translated one by one in wagtail-localize's editor, "Veröffentlichen in Englisch" puts it online."""

import urllib.error
import urllib.request

from .conftest import ADMIN_PASSWORD
from .staff import sign_in

TITLE = "Übersetzungsprobe im Browser"
INTRO = "Ein kurzer Einleitungstext für die Probe."


def _status(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310 (our own test server)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def test_translate_draft_then_publish(tab, live_site):
    page = tab.page
    sign_in(tab, live_site, "admin", ADMIN_PASSWORD)  # password and second factor

    # A new German page, published.
    [(de_locale, de_home)] = live_site.query(
        "SELECT locale_id, id FROM wagtailcore_page WHERE depth = 2 AND url_path = '/start/'"
    )
    [(en_locale,)] = live_site.query("SELECT id FROM wagtailcore_locale WHERE language_code = 'en'")
    tab.open(f"/admin/pages/add/home/standardpage/{de_home}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_intro", INTRO)
    page.locator("footer .w-dropdown__toggle").last.click()
    with page.expect_navigation():
        page.get_by_role("button", name="Veröffentlichen", exact=True).click()
    [(de_id, key)] = live_site.query(
        "SELECT id, translation_key FROM wagtailcore_page WHERE title = ? AND locale_id = ?", TITLE, de_locale
    )

    # "Diese Seite übersetzen" → Englisch → the English page is a draft, not online.
    tab.open(f"/admin/localize/submit/page/{de_id}/")
    page.get_by_label("Englisch").check()
    with page.expect_navigation():
        page.locator("form button[type=submit], form input[type=submit]").last.click()
    [(en_id, live, url_path)] = live_site.query(
        "SELECT id, live, url_path FROM wagtailcore_page WHERE translation_key = ? AND locale_id = ?", key, en_locale
    )
    assert live == 0
    en_path = "/en/" + url_path.split("/", 2)[2]
    assert _status(live_site + en_path)[0] == 404

    # Translate every text in the translation editor, then publish.
    tab.open(f"/admin/pages/{en_id}/edit/")
    translate = page.get_by_role("button", name="Übersetzen", exact=True)
    translate.first.wait_for(timeout=15_000)
    for number in range(1, 20):
        if translate.count() == 0:
            break
        translate.first.click()
        page.locator("textarea").first.fill(f"Sample text {number}")
        # The editor shows the text as saved at once and posts in the background: wait for the server's answer, or
        # "Veröffentlichen" can overtake a save (seen on a loaded CI machine: the German intro went live in English).
        with page.expect_response(
            lambda response: "/strings/" in response.url and response.request.method != "GET", timeout=20_000
        ) as saved:
            page.get_by_role("button", name="Speichern", exact=True).first.click()
        assert saved.value.ok, saved.value.status
        page.wait_for_function("count => document.querySelectorAll('textarea').length === 0", arg=None, timeout=10_000)
    assert translate.count() == 0
    with page.expect_navigation():
        page.get_by_role("button", name="Veröffentlichen in Englisch").click()

    [(live, url_path)] = live_site.query("SELECT live, url_path FROM wagtailcore_page WHERE id = ?", en_id)
    assert live == 1
    status, html = _status(live_site + "/en/" + url_path.split("/", 2)[2])
    assert status == 200
    assert "Sample text" in html
    assert INTRO not in html and '<span lang="de">' not in html
