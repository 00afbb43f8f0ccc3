"""Maps in Chromium (places/map.js): nothing is asked of the tile service before the visitor agrees; after "Load
map" the measures with a place and the residents' contributions as a layer; a remembered choice loads the next map
(the directory) at once. German and English."""

import time

import pytest

TEXT = {
    "de": {"map": "/de/massnahmen/karte/", "directory": "/de/schaetze-im-dorf/", "load_map": "Karte laden"},
    "en": {"map": "/en/measures/map/", "directory": "/en/directory/", "load_map": "Load map"},
}


def poll(page, script, until, timeout=15):
    """Evaluates `script` until `until(value)` holds (no string predicates in wait_for_function: CSP)."""
    deadline = time.monotonic() + timeout
    while True:
        value = page.evaluate(script)
        if until(value) or time.monotonic() > deadline:
            return value
        time.sleep(0.1)


@pytest.mark.parametrize("language", ["de", "en"])
def test_maps_load_only_after_consent_and_remember_it(journey_site, context_factory, language):
    text = TEXT[language]
    context = context_factory(locale="de-DE" if language == "de" else "en-GB")
    foreign = []

    def refuse(route):  # the test machine cannot reach the tile service: record and refuse
        foreign.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith("http://127.0.0.1"), refuse)
    page = context.new_page()
    page.goto(text["map"])
    page.wait_for_load_state("networkidle")
    assert foreign == []
    assert page.evaluate("() => document.querySelectorAll('.leaflet-tile, .map-marker').length") == 0

    located = page.locator(".map-list li").count()
    assert located > 0
    page.locator("#measures-map [data-map-remember]").check()
    page.get_by_role("button", name=text["load_map"]).click()
    markers = poll(page, "() => document.querySelectorAll('#measures-map .map-marker').length", lambda n: n > 0)
    assert markers == located  # one marker for each measure the list beside the map names
    assert page.evaluate("() => document.activeElement.id") == "measures-map"  # focus stays in the map
    assert page.locator("#measures-map [data-map-consent]").count() == 0
    # The participation layer joins the map, with a switch of its own.
    label = page.locator("#participation-layer").get_attribute("data-label")
    layers = poll(page, "() => (document.querySelector('.leaflet-control-layers') || {}).textContent || ''", bool)
    assert label in layers
    assert poll(page, "() => document.querySelectorAll('.contribution-marker').length", lambda n: n > 0)
    assert foreign  # tiles were asked for only now
    asked = len(foreign)

    # The remembered choice: the directory's map loads without a click.
    page.goto(text["directory"])
    entries = poll(page, "() => document.querySelectorAll('#measures-map .map-marker').length", lambda n: n > 0)
    assert entries > 0
    assert page.locator("#measures-map [data-map-consent]").count() == 0
    assert len(foreign) > asked
