"""The directory in Chromium: propose an entry (German and English); it waits, unpublished, for staff."""

import secrets

import pytest

from .helpers import press

TEXT = {
    "de": {"page": "/de/schaetze-im-dorf/vorschlagen/", "send": "Vorschlag senden", "sent": "Vielen Dank!"},
    "en": {"page": "/en/directory/propose/", "send": "Send proposal", "sent": "Thank you!"},
}


@pytest.mark.parametrize("language", ["de", "en"])
def test_propose_an_entry(journey_site, context_factory, language):
    text = TEXT[language]
    name = f"Nähstube Werve {secrets.token_hex(3)}"
    page = context_factory(locale="de-DE" if language == "de" else "en-GB").new_page()
    # From the directory itself, through its link to the proposal form.
    page.goto(text["page"])
    form = page.locator("main form.fund-form")
    form.locator("[name=name]").fill(name)
    form.locator("[name=category]").select_option("service")
    form.locator("[name=description]").fill("Änderungen und Reparaturen von Kleidung.")
    form.locator("[name=street]").fill("Mittelstraße 9")
    form.locator("[name=proposer_email]").fill("naehstube@example.org")
    press(page, text["send"], within=form)
    assert text["sent"] in page.locator("main .notice--success").inner_text()
    assert journey_site.query("SELECT approved FROM directory_directoryentry WHERE name = ?", name) == [(0,)]
    # Not shown before approval.
    page.goto(text["page"].rsplit("/", 2)[0] + "/")
    assert name not in page.locator("main").inner_text()
