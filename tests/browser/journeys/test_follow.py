"""Follow a measure in Chromium: the form on the measure page → confirmation mail over SMTP → confirm → an editor
publishes a substantive change with a note in the admin → the follower receives the note's mail; a minor edit
afterwards sends nothing."""

import secrets
import time

from .helpers import link_of, press

MEASURE = "/de/massnahmen/spielplatz-rosenstrasse/"


def _page_id(site, url_path):
    rows = site.query("SELECT id FROM wagtailcore_page WHERE url_path = ?", url_path)
    assert rows, url_path
    return rows[0][0]


def _publish(page):
    page.get_by_role("button", name="Mehr Aktionen").click()
    with page.expect_navigation():
        page.locator("button[name=action-publish]").click()
    assert "veröffentlicht" in page.locator(".messages").inner_text()


def test_follow_a_measure_and_receive_its_next_change_note(journey_site, context_factory, admin_page, mailbox):
    email = f"follow-{secrets.token_hex(4)}@example.org"
    visitor = context_factory(locale="de-DE").new_page()
    mark = mailbox.mark()

    visitor.goto(MEASURE)
    form = visitor.locator("form.follow-form")
    assert form.locator("input[name=topics]").first.is_checked()  # this measure, ticked
    form.locator("input[type=email]").fill(email)
    form.locator("input[name=consent]").check()
    press(visitor, "Folgen", within=form, exact=True)
    assert "Bitte sehen Sie in Ihr Postfach" in visitor.locator("main").inner_text()

    confirmation = mailbox.wait_for(to=email, after=mark)
    visitor.goto(link_of(confirmation, journey_site, "/newsletter/confirm/"))
    press(visitor, "Ja, Abonnement bestätigen")
    rows = journey_site.query("SELECT status FROM subscriptions_subscriber WHERE email = ?", email)
    assert rows == [("confirmed",)]

    # The editor publishes a substantive change with a public note.
    note = f"Die Eröffnung verschiebt sich in den Herbst ({secrets.token_hex(3)})."
    page_id = _page_id(journey_site, "/start/massnahmen/spielplatz-rosenstrasse/")
    editor = admin_page
    editor.goto(f"/admin/pages/{page_id}/edit/")
    editor.locator("#id_substantive_change").check()
    editor.locator("#id_change_note").fill(note)
    mark = mailbox.mark()
    _publish(editor)

    message = mailbox.wait_for(to=email, after=mark)
    assert note in mailbox.text(message)
    assert "Spielplatz" in str(message["Subject"]) or "Spielplatz" in mailbox.text(message)
    visitor.goto(MEASURE)
    assert note in visitor.locator("#change-notes").inner_text()

    # A minor edit: the form starts with the box unticked and the note empty; nothing is sent.
    mark = mailbox.mark()
    editor.goto(f"/admin/pages/{page_id}/edit/")
    assert not editor.locator("#id_substantive_change").is_checked()
    assert editor.locator("#id_change_note").input_value() == ""
    _publish(editor)
    time.sleep(5)  # the worker had time to send anything it would send
    assert [m for m in mailbox.messages[mark:] if email in str(m["To"])] == []
