"""Participation journeys in Chromium: an idea with a place chosen with the keyboard, an opinion on a measure page
(the token-less short form), and a survey form page; German and English."""

import secrets

import pytest

from .helpers import press

TEXT = {
    "de": {
        "page": "/de/beteiligung/",
        "measure": "/de/massnahmen/neue-mitte/",
        "survey": "/de/beteiligung/umfrage-spielplatz-rosenstrasse/",
        "send": "Beitrag senden",
        "load_map": "Karte laden",
        "mark_centre": "Kartenmitte markieren",
        "marked": "Ort auf der Karte markiert.",
        "thanks": "Vielen Dank für Ihren Beitrag",
        "survey_send": "Absenden",
    },
    "en": {
        "page": "/en/participation/",
        "measure": "/en/measures/new-centre/",
        "survey": "/en/participation/survey-playground-rosenstrasse/",
        "send": "Send contribution",
        "load_map": "Load map",
        "mark_centre": "Mark the centre of the map",
        "marked": "Place marked on the map.",
        "thanks": "Thank you for your contribution",
        "survey_send": "Send",
    },
}


def contribution(site, message):
    rows = site.query(
        "SELECT status, latitude, longitude, measure_id, language FROM participation_contribution WHERE message = ?",
        message,
    )
    return rows[0] if rows else None


def _no_tiles(context):
    # Map tiles come from another host, which the test machine cannot reach: answer them empty at once.
    context.route(lambda url: not url.startswith("http://127.0.0.1"), lambda route: route.abort())


@pytest.mark.parametrize("language", ["de", "en"])
def test_idea_with_a_place_chosen_by_keyboard(journey_site, context_factory, language):
    text = TEXT[language]
    context = context_factory(locale="de-DE" if language == "de" else "en-GB")
    _no_tiles(context)
    page = context.new_page()
    message = f"Eine Bank am Seseke-Ufer wäre schön ({language} {secrets.token_hex(3)})."
    page.goto(text["page"])
    form = page.locator("main form.participation-form")
    form.locator("textarea[name=message]").fill(message)
    form.locator("select[name=field_of_action]").select_option(index=1)

    # The place, with the keyboard only: Tab to "Karte laden", Enter, arrow keys move the map, Tab on to
    # "Kartenmitte markieren", Enter.
    form.locator("input[name=address]").focus()
    load = form.get_by_role("button", name=text["load_map"])
    for _ in range(10):
        page.keyboard.press("Tab")
        if load.evaluate("button => button === document.activeElement"):
            break
    else:
        pytest.fail("the map button cannot be reached with Tab")
    page.keyboard.press("Enter")
    map_region = form.locator("[data-place-map]")
    map_region.evaluate("element => element === document.activeElement") or map_region.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowUp")
    centre = form.get_by_role("button", name=text["mark_centre"])
    for _ in range(10):
        page.keyboard.press("Tab")
        if centre.evaluate("button => button === document.activeElement"):
            break
    else:
        pytest.fail("the button that marks the map's centre cannot be reached with Tab")
    page.keyboard.press("Enter")
    assert form.locator("[data-place-status]").inner_text() == text["marked"]

    press(page, text["send"], within=form)
    assert text["thanks"] in page.locator("main").inner_text()
    status, latitude, longitude, _measure, stored_language = contribution(journey_site, message)
    assert status == "new" and stored_language == language
    assert latitude is not None and longitude is not None  # the place chosen on the map


@pytest.mark.parametrize("language", ["de", "en"])
def test_opinion_on_a_measure_page(journey_site, context_factory, language):
    text = TEXT[language]
    page = context_factory(locale="de-DE" if language == "de" else "en-GB").new_page()
    message = f"Der Platz ist gelungen ({language} {secrets.token_hex(3)})."
    page.goto(text["measure"])
    form = page.locator("form.participation-form--short")
    form.locator("textarea[name=message]").fill(message)
    press(page, text["send"], within=form)
    assert text["thanks"] in page.locator("main").inner_text()
    status, _lat, _lng, measure, stored_language = contribution(journey_site, message)
    assert status == "new" and measure is not None and stored_language == language


@pytest.mark.parametrize("language", ["de", "en"])
def test_survey(journey_site, context_factory, language):
    text = TEXT[language]
    page = context_factory(locale="de-DE" if language == "de" else "en-GB").new_page()
    (before,) = journey_site.query("SELECT count(*) FROM wagtailforms_formsubmission")[0]
    page.goto(text["survey"])
    form = page.locator("main form.participation-form")
    form.locator("input[type=checkbox]").first.check()
    form.locator("input[type=radio]").first.check()
    form.locator("textarea").first.fill("Mehr Schatten, bitte.")
    press(page, text["survey_send"], within=form)
    (after,) = journey_site.query("SELECT count(*) FROM wagtailforms_formsubmission")[0]
    assert after == before + 1
