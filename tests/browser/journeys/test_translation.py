"""Translation staff in the German admin, in Chromium, against the site served like `make run` (issue 17).

- "Diese Seite übersetzen" → Englisch makes an English draft: not online, not listed, nobody mailed. Every text
  translated in the translation editor and "Veröffentlichen in Englisch": exactly one mail to English readers, in
  English; German readers got theirs at the German publication and no second one.
- A German cost published in the page editor shows at once on the English plan, page, open data and XLSX export.
- A changed German paragraph and "Synchronisieren": the live English page keeps its English text; the report and
  the dashboard list the page until the changed text is translated and published.
- The German page editor fills the slug with "ae/oe/ue/ss"; the translation editor speaks German.

The roles that do the work: a Freigabe member writes and publishes German pages and starts translations (the
Redaktion group can neither publish nor translate), an Übersetzung member translates, syncs and publishes English;
a Redaktion member creates a page (slug). Each signs in once per module (second factor where the role needs it).
"""

import io
import json
import re
import secrets
import time
import urllib.error
import urllib.request

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from editorial.roles import FREIGABE, REDAKTION, UEBERSETZUNG

from .conftest import sign_in
from .helpers import STAFF_PASSWORD, link_of, press, staff_user

REPORT = "/admin/editorial/outdated-translations/"
USERS = {FREIGABE: "freigabe-uebersetzung", UEBERSETZUNG: "uebersetzerin", REDAKTION: "redaktion-slug"}


def _get(site, path):
    try:
        with urllib.request.urlopen(site + path, timeout=30) as response:  # noqa: S310 - our own test server
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def _text(site, path):
    status, body = _get(site, path)
    assert status == 200, (path, status)
    return body.decode()


@pytest.fixture(scope="module")
def staff(browser, journey_site):
    """staff(role) → a tab signed in to the German admin as a member of that group (once per module)."""
    contexts, pages = [], {}

    def page_of(role):
        if role not in pages:
            context = browser.new_context(
                base_url=journey_site, locale="de-DE", viewport={"width": 1280, "height": 900}
            )
            contexts.append(context)
            page = context.new_page()
            sign_in(page, journey_site, staff_user(journey_site, USERS[role], role), STAFF_PASSWORD)
            pages[role] = page
        return pages[role]

    yield page_of
    for context in contexts:
        context.close()


def _page(site, url_path, language):
    rows = site.query(
        "SELECT p.id, p.translation_key, p.live FROM wagtailcore_page p JOIN wagtailcore_locale l ON l.id = p.locale_id"
        " WHERE p.url_path = ? AND l.language_code = ?",
        url_path,
        language,
    )
    assert rows, url_path
    return rows[0]


def _translation(site, key, language="en"):
    rows = site.query(
        "SELECT p.id, p.live, p.url_path FROM wagtailcore_page p JOIN wagtailcore_locale l ON l.id = p.locale_id"
        " WHERE p.translation_key = ? AND l.language_code = ?",
        key,
        language,
    )
    return rows[0] if rows else None


def _public_path(url_path, language):
    return f"/{language}/" + url_path.split("/", 2)[2]


def _subscribe(site, context_factory, mailbox, language):
    """A reader of "Alle Neuigkeiten" in `language`, through the real double opt-in."""
    email = f"leser-{language}-{secrets.token_hex(4)}@example.org"
    page = context_factory(locale="de-DE" if language == "de" else "en-GB").new_page()
    mark = mailbox.mark()
    page.goto("/de/newsletter/" if language == "de" else "/en/newsletter/")
    form = page.locator("main form.subscribe-form")
    form.locator("input[type=email]").fill(email)
    form.locator("input[name=topics][value=news]").check()
    form.locator("input[name=consent]").check()
    press(page, "Anmelden" if language == "de" else "Subscribe", within=form)
    # The first mails of a fresh site wait behind the background worker's start-up work (the reference index of
    # the whole demo), when this module runs alone.
    message = mailbox.wait_for(to=email, after=mark, timeout=240)
    page.goto(link_of(message, site, "/newsletter/confirm/"))
    press(page, "Ja, Abonnement bestätigen" if language == "de" else "Yes, confirm my subscription")
    page.close()
    return email


def _mails_to(mailbox, email, after):
    return [m for m in mailbox.messages[after:] if email.lower() in [a.lower() for a in m.envelope_to]]


def _deliveries_done(site, page_id, timeout=60):
    """Wait until the worker has sent every notification of the page (none pending or being sent)."""
    deadline = time.monotonic() + timeout
    while site.query(
        "SELECT 1 FROM subscriptions_delivery WHERE page_id = ? AND status IN ('pending', 'sending')", page_id
    ):
        assert time.monotonic() < deadline, f"notifications of page {page_id} not sent within {timeout}s"
        time.sleep(0.5)


def _publish(page):
    """ "Veröffentlichen" of the page editor (behind "Mehr Aktionen" while the review workflow is the main action)."""
    button = page.locator("footer button[name=action-publish]")
    if not button.is_visible():
        page.get_by_role("button", name="Mehr Aktionen").click()
    with page.expect_navigation():
        button.click()
    expect(page.locator(".messages")).to_contain_text("veröffentlicht")


def _translate_everything(page, english):
    """In wagtail-localize's translation editor: translate every text that is not translated yet, on every tab
    ("Inhalt", and "Veröffentlichung" with the slug), waiting for each save's answer (the editor shows a text as
    saved at once and posts in the background: a publication must not overtake it)."""
    editor = page.locator(".js-translation-editor")
    editor.get_by_role("button", name="Veröffentlichen in Englisch").wait_for(timeout=20_000)
    translate = editor.get_by_role("button", name="Übersetzen", exact=True)
    tabs = editor.get_by_role("tab")
    done = []
    for number in range(max(tabs.count(), 1)):
        if tabs.count():
            tabs.nth(number).click()
        while translate.count():
            # The segment's German text is the first paragraph of its list item.
            german = translate.first.evaluate(
                "button => button.closest('li.incomplete').querySelector('p').textContent"
            )
            translate.first.click()
            text = english(german)
            page.locator("textarea").first.fill(text)
            with page.expect_response(
                lambda response: "/strings/" in response.url and response.request.method != "GET", timeout=30_000
            ) as saved:
                page.get_by_role("button", name="Speichern", exact=True).first.click()
            assert saved.value.ok, saved.value.status
            page.wait_for_function("() => document.querySelectorAll('textarea').length === 0", timeout=10_000)
            done.append((german, text))
            assert len(done) < 30, "the translation editor keeps offering texts"
    return done


def _english_news(german):
    if re.fullmatch(r"[a-z0-9-]+", german):  # the slug
        return f"en-{german}"
    return ENGLISH.get(german, f"English: {german}")


NEWS_TITLE = "Offener Bücherschrank am Marktplatz eingeweiht"
NEWS_TEASER = "Der Bücherschrank vor dem Stadtteilbüro ist ab heute für alle geöffnet."
ENGLISH = {
    NEWS_TITLE: "Public bookcase opened at the market square",
    NEWS_TEASER: "From today, the bookcase in front of the district office is open to everyone.",
}


def test_translate_news_draft_then_publish_mails_english_readers_once(journey_site, staff, context_factory, mailbox):
    reader_de = _subscribe(journey_site, context_factory, mailbox, "de")
    reader_en = _subscribe(journey_site, context_factory, mailbox, "en")
    mark = mailbox.mark()

    # The editor writes and publishes the German news item: German readers get it in German.
    editor = staff(FREIGABE)
    index_id = _page(journey_site, "/start/aktuelles/", "de")[0]
    editor.goto(f"/admin/pages/{index_id}/add_subpage/")
    editor.fill("#id_title", NEWS_TITLE)
    editor.fill("#id_teaser", NEWS_TEASER)
    _publish(editor)
    [(de_id, key)] = journey_site.query(
        "SELECT id, translation_key FROM wagtailcore_page WHERE title = ? AND live = 1", NEWS_TITLE
    )
    german_mail = mailbox.wait_for(to=reader_de, subject=NEWS_TITLE, after=mark, timeout=120)
    assert NEWS_TEASER in mailbox.text(german_mail)

    # "Diese Seite übersetzen" → Englisch → the English page is a draft: not online, not listed, nobody mailed.
    editor.goto(f"/admin/pages/{de_id}/edit/")
    editor.locator("header").get_by_role("button", name="Aktionen").click()
    with editor.expect_navigation():
        editor.get_by_role("link", name="Diese Seite übersetzen").click()
    editor.get_by_label("Englisch").check()
    press(editor, "Absenden")
    en_id, live, url_path = _translation(journey_site, key)
    assert not live
    en_path = _public_path(url_path, "en")
    assert _get(journey_site, en_path)[0] == 404
    listing = _text(journey_site, "/en/news/")
    assert NEWS_TITLE not in listing and ENGLISH[NEWS_TITLE] not in listing

    # The translator finds it in the report (untranslated texts), opens the translation editor (German), translates
    # every text and publishes it in English.
    translator = staff(UEBERSETZUNG)
    translator.goto(REPORT)
    row = translator.locator("main table.listing tbody tr", has_text=NEWS_TITLE)
    expect(row).to_be_visible()
    with translator.expect_navigation():
        row.get_by_role("link", name="Englisch").click()
    assert f"/admin/pages/{en_id}/edit/" in translator.url
    # The translation editor speaks German: its heading, and every button (also the action menu's toggle, which
    # wagtail-localize labels in English: stadtteil/static/js/admin-translation-editor.js).
    editor_ui = translator.locator(".js-translation-editor")
    expect(editor_ui.locator("section h3").first).to_have_text("Übersetzung Deutsch → Englisch")
    expect(editor_ui.get_by_role("button", name="Mehr Aktionen")).to_have_count(1)
    labels = [label.strip() for label in editor_ui.get_by_role("button").all_inner_texts()]
    labels += editor_ui.locator(".w-sr-only").all_inner_texts()
    english = [
        label for label in labels if re.search(r"\b(Translate|Save|Cancel|Publish|More|actions|Preview)\b", label)
    ]
    assert not english, english
    translated = _translate_everything(translator, _english_news)
    assert {german for german, _english in translated} >= {NEWS_TITLE, NEWS_TEASER}
    with translator.expect_navigation():
        translator.get_by_role("button", name="Veröffentlichen in Englisch").click()
    assert _translation(journey_site, key)[1] == 1

    # Exactly one mail to the English reader, in English; the German reader got no second mail.
    english_mail = mailbox.wait_for(to=reader_en, subject=ENGLISH[NEWS_TITLE], after=mark, timeout=120)
    body = mailbox.text(english_mail)
    assert ENGLISH[NEWS_TEASER] in body and NEWS_TEASER not in body and NEWS_TITLE not in body
    _deliveries_done(journey_site, en_id)
    time.sleep(1)  # a mail the worker handed over reaches the mailbox a moment later
    assert len(_mails_to(mailbox, reader_en, mark)) == 1
    assert [str(m["Subject"]) for m in _mails_to(mailbox, reader_de, mark)] == [str(german_mail["Subject"])]
    page = context_factory(locale="en-GB").new_page()
    page.goto("/en/news/")
    expect(page.get_by_role("link", name=ENGLISH[NEWS_TITLE]).first).to_be_visible()
    assert not journey_site.server_errors()


MEASURE_DE = "/start/massnahmen/spielplatz-rosenstrasse/"
MEASURE_EN = "/en/measures/playground-rosenstrasse/"


def _amount(text):
    return int(re.sub(r"\D", "", text))


def _plan_total(page):
    page.goto("/en/measures/plan/")
    return _amount(page.locator("tr.plan-total td").first.inner_text())


def test_german_cost_is_the_english_cost_at_once(journey_site, staff, context_factory):
    de_id, _key, _live = _page(journey_site, MEASURE_DE, "de")
    [(old_cost,)] = journey_site.query("SELECT total_cost FROM projects_projectpage WHERE page_ptr_id = ?", de_id)
    old_cost = int(old_cost)
    new_cost = old_cost + 30_000
    visitor = context_factory(locale="en-GB").new_page()
    old_total = _plan_total(visitor)

    editor = staff(FREIGABE)
    editor.goto(f"/admin/pages/{de_id}/edit/")
    editor.fill("#id_total_cost", str(new_cost))
    _publish(editor)

    # No sync: every English view shows the new amount right after the German publication (to a new visitor: the
    # first one's browser may keep its copy of the plan for max-age=60 s).
    visitor = context_factory(locale="en-GB").new_page()
    assert _plan_total(visitor) == old_total + 30_000
    visitor.goto(MEASURE_EN)
    expect(visitor.locator("main")).to_contain_text(f"€{new_cost:,}")
    assert f"€{old_cost:,}" not in visitor.locator("main").inner_text()
    data = json.loads(_text(journey_site, "/en/measures/open-data/json/"))
    [measure] = [m for m in data["measures"] if m["url"].endswith("/playground-rosenstrasse/")]
    assert measure["total_cost_eur"] == new_cost
    status, xlsx = _get(journey_site, "/en/measures/plan/xlsx/")
    assert status == 200
    sheet = load_workbook(io.BytesIO(xlsx), read_only=True).active
    rows = [row for row in sheet.iter_rows(values_only=True) if "Playground Rosenstraße" in row]
    assert rows and new_cost in rows[0] and old_cost not in rows[0], rows
    assert not journey_site.server_errors()


NEWS_DE = "/start/aktuelles/stadtteilbuero-eroeffnet/"
NEWS_EN = "/en/news/district-office-opens/"
PARAGRAPH_EN = (
    "At the district office you can find out about all measures, the neighbourhood fund and the events in the "
    "district. Just drop in."
)
ADDED_DE = " Ab Dezember ist das Büro auch donnerstags geöffnet."
CHANGED_EN = "From December, the office is also open on Thursdays."


def _visit(context_factory, path):
    """The page as a new English visitor sees it (a browser that has it already may keep it for max-age=60 s)."""
    page = context_factory(locale="en-GB").new_page()
    page.goto(path)
    return page


def _report_row(page, title):
    page.goto(REPORT)
    return page.locator("main table.listing tbody tr", has_text=title)


def test_changed_paragraph_sync_keeps_english_until_translated(journey_site, staff, context_factory):
    de_id, key, _live = _page(journey_site, NEWS_DE, "de")
    [(title,)] = journey_site.query("SELECT title FROM wagtailcore_page WHERE id = ?", de_id)
    expect(_visit(context_factory, NEWS_EN).locator("main")).to_contain_text(PARAGRAPH_EN)

    # The editor adds a sentence to one paragraph of the German text and publishes.
    editor = staff(FREIGABE)
    editor.goto(f"/admin/pages/{de_id}/edit/")
    paragraph = editor.locator("[data-contentpath=body] [contenteditable=true]").first
    paragraph.get_by_text("Kommen Sie einfach vorbei.").click()
    for _line in range(8):  # down to the paragraph's last line, then to its end, as a keyboard user does
        editor.keyboard.press("ArrowDown")
    editor.keyboard.press("End")
    editor.keyboard.type(ADDED_DE)
    expect(paragraph).to_contain_text(ADDED_DE.strip())
    # Draftail writes its content into the form's hidden field 250 ms after the last key (stateSaveInterval): a
    # publication pressed sooner sends the old text. Wait for the field, as a person's move to the button does.
    editor.wait_for_function(
        "text => [...document.querySelectorAll('form input')].some(input => input.value.includes(text))",
        arg="donnerstags",
        timeout=10_000,
    )
    _publish(editor)
    [(body,)] = journey_site.query("SELECT body FROM news_newspage WHERE page_ptr_id = ?", de_id)
    assert "donnerstags" in body

    # The translator syncs in the report: the live English page keeps its English text.
    translator = staff(UEBERSETZUNG)
    row = _report_row(translator, title)
    expect(row).to_be_visible()
    press(translator, re.compile("^Synchronisieren"), within=row)
    visitor = _visit(context_factory, NEWS_EN)
    main = visitor.locator("main").inner_text()
    assert PARAGRAPH_EN in main and "Kommen Sie einfach vorbei" not in main and "donnerstags" not in main
    assert '<span lang="de">' not in visitor.content()

    # Report and dashboard list it (one text open) until the changed text is translated and published.
    row = _report_row(translator, title)
    expect(row).to_be_visible()
    assert row.locator("td").nth(5).inner_text().strip() == "1"
    translator.goto("/admin/")
    expect(translator.locator("#editorial-outdated-translations-content")).to_contain_text(title)
    with translator.expect_navigation():
        _report_row(translator, title).get_by_role("link", name="Englisch").click()
    # Only the changed text waits for a translation; every other text kept its English translation.
    [(german, _english)] = _translate_everything(translator, lambda german: f"{PARAGRAPH_EN} {CHANGED_EN}")
    assert german.endswith(ADDED_DE.strip()), german
    with translator.expect_navigation():
        translator.get_by_role("button", name="Veröffentlichen in Englisch").click()

    expect(_visit(context_factory, NEWS_EN).locator("main")).to_contain_text(CHANGED_EN)
    expect(_report_row(translator, title)).to_have_count(0)
    assert not journey_site.server_errors()


def test_new_title_gives_a_german_slug(journey_site, staff):
    author = staff(REDAKTION)
    index_id = _page(journey_site, "/start/aktuelles/", "de")[0]
    author.goto(f"/admin/pages/{index_id}/add_subpage/")
    author.fill("#id_title", "Grünfläche Süd: Straßenfest")
    author.locator("#id_title").blur()
    expect(author.locator("#id_slug")).to_have_value("gruenflaeche-sued-strassenfest")
