"""Newsletter journeys in Chromium: subscribe (newsletter page, footer) → confirmation mail over SMTP → open the
link, press the button → change preferences → one-click unsubscribe as a mail client does it, and the link's page."""

import secrets
import urllib.request

import pytest

from .helpers import link_of, press

TEXT = {
    "de": {
        "page": "/de/newsletter/",
        "subscribe": "Anmelden",
        "sent": "Bitte schauen Sie in Ihr Postfach",
        "confirm": "Ja, Abonnement bestätigen",
        "confirmed": "Vielen Dank, Ihr Abonnement ist bestätigt.",
        "change": "Themen oder Sprache ändern",
        "save": "Einstellungen speichern",
        "saved": "Ihre Einstellungen wurden gespeichert.",
        "unsubscribe": "Abmelden und meine Daten löschen",
        "footer_page": "/de/ueber-das-projekt/",
    },
    "en": {
        "page": "/en/newsletter/",
        "subscribe": "Subscribe",
        "sent": "Please check your inbox",
        "confirm": "Yes, confirm my subscription",
        "confirmed": "Thank you, your subscription is confirmed.",
        "change": "Change your topics or language",
        "save": "Save settings",
        "saved": "Your settings have been saved.",
        "unsubscribe": "Unsubscribe and delete my data",
        "footer_page": "/en/about-the-project/",
    },
}


def subscriber(site, email):
    rows = site.query("SELECT status, language FROM subscriptions_subscriber WHERE email = ?", email)
    return rows[0] if rows else None


def topics_of(site, email):
    return {
        row[0]
        for row in site.query(
            "SELECT t.key FROM subscriptions_subscriber s JOIN subscriptions_subscribertopic t"
            " ON t.subscriber_id = s.id WHERE s.email = ?",
            email,
        )
    }


@pytest.mark.parametrize("language", ["de", "en"])
def test_subscribe_confirm_change_and_unsubscribe(journey_site, context_factory, mailbox, language):
    text = TEXT[language]
    email = f"journey-{language}-{secrets.token_hex(4)}@example.org"
    page = context_factory(locale="de-DE" if language == "de" else "en-GB").new_page()
    mark = mailbox.mark()

    # The newsletter page's own form (the footer has another one).
    page.goto(text["page"])
    form = page.locator("main form.subscribe-form")
    form.locator("input[type=email]").fill(email)
    form.locator("input[name=topics]").first.check()
    form.locator("input[name=consent]").check()
    press(page, text["subscribe"], within=form)
    assert text["sent"] in page.locator("main").inner_text()
    assert subscriber(journey_site, email)[0] == "pending"

    # The confirmation mail (sent by the background worker over SMTP) → its link → the button.
    message = mailbox.wait_for(to=email, after=mark)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    page.goto(link_of(message, journey_site, "/newsletter/confirm/"))
    press(page, text["confirm"])
    assert text["confirmed"] in page.locator("main").inner_text()
    assert subscriber(journey_site, email)[0] == "confirmed"

    # Preferences: every topic, the other language, "Einstellungen speichern".
    with page.expect_navigation():
        page.get_by_role("link", name=text["change"]).click()
    preferences = page.locator("main form.subscribe-form")
    for checkbox in preferences.locator("input[name=topics]").all():
        checkbox.check()
    other = "en" if language == "de" else "de"
    preferences.locator("select[name=language]").select_option(other)
    press(page, text["save"], within=preferences)
    assert text["saved"] in page.locator("main").inner_text()
    assert subscriber(journey_site, email) == ("confirmed", other)
    assert len(topics_of(journey_site, email)) == preferences.locator("input[name=topics]").count() > 1

    # The unsubscribe link of the mail: a GET only asks (link scanners unsubscribe no one)...
    unsubscribe = link_of(message, journey_site, "/newsletter/unsubscribe/")
    response = page.goto(unsubscribe)
    assert response.status == 200
    assert page.get_by_role("button", name=text["unsubscribe"]).is_visible()
    assert subscriber(journey_site, email) is not None
    # ...the mail client's RFC 8058 one-click POST (no cookie, no token, no Origin) unsubscribes at once.
    request = urllib.request.Request(  # noqa: S310 - our own test server
        unsubscribe,
        data=b"List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as answer:  # noqa: S310
        assert answer.status == 200
    assert subscriber(journey_site, email) is None
    # The page's own button now says it is done, too (a second click, same answer).
    press(page, text["unsubscribe"])
    assert page.locator("main .notice--success").is_visible()


@pytest.mark.parametrize("language", ["de", "en"])
def test_footer_form_sends_the_confirmation(journey_site, context_factory, mailbox, language):
    text = TEXT[language]
    email = f"footer-{language}-{secrets.token_hex(4)}@example.org"
    page = context_factory(locale="de-DE" if language == "de" else "en-GB").new_page()
    mark = mailbox.mark()
    page.goto(text["footer_page"])
    form = page.locator("footer form.subscribe-form")
    form.locator("input[type=email]").fill(email)
    topics = form.locator("input[name=topics]")
    if topics.count() and not topics.first.is_checked():
        topics.first.check()
    form.locator("input[name=consent]").check()
    press(page, text["subscribe"], within=form)
    assert page.url.startswith(journey_site + text["page"])
    assert text["sent"] in page.locator("main").inner_text()
    message = mailbox.wait_for(to=email, after=mark)
    page.goto(link_of(message, journey_site, "/newsletter/confirm/"))
    press(page, text["confirm"])
    assert subscriber(journey_site, email)[0] == "confirmed"
