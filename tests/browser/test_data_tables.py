"""The data tables on phones and wide screens (issue #19): the plan of measures and costs, the timeline and the
fund's budget, in both languages, at 320, 390 and 1280 px. Screenshots are kept under test-artifacts/.

At 390 px the first screen of the plan shows the totals and euro amounts, the timeline shows each measure's period
as a labelled bar, the budget shows "Still available"; at 1280 px every amount column of the plan fits; no page
scrolls sideways, and a table that still does says so.
"""

import re

import pytest

PLAN = {"de": "/de/massnahmen/plan/", "en": "/en/measures/plan/"}
TIMELINE = {"de": "/de/massnahmen/plan/zeitplan/", "en": "/en/measures/plan/timeline/"}
FUND = {"de": "/de/verfuegungsfonds/", "en": "/en/neighbourhood-fund/"}
STILL_AVAILABLE = {"de": "Noch verfügbar", "en": "Still available"}
GRAND_TOTAL = {"de": "Gesamtsumme", "en": "Grand total"}
WIDTHS = [320, 390, 1280]
PHONE = {"width": 390, "height": 844}
EURO = re.compile(r"(\d{1,3}(\.\d{3})*\s€|€\d{1,3}(,\d{3})*)")

# Elements whose own text is fully inside the viewport (the first screen, without scrolling either way).
IN_VIEWPORT_JS = """
(selector) => [...document.querySelectorAll(selector)].filter(el => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth
        && r.bottom <= innerHeight && el.checkVisibility({visibilityProperty: true, opacityProperty: true});
}).map(el => el.textContent.trim())
"""
WIDTHS_JS = "() => ({scroll: document.documentElement.scrollWidth, inner: innerWidth})"
# Every table box that scrolls sideways, with what a keyboard and screen reader user gets to know about it.
SCROLLING_TABLES_JS = """
() => [...document.querySelectorAll('main table')].map(table => {
    const box = table.closest('.table-wrapper');
    const scrolls = box ? box.scrollWidth > box.clientWidth + 1 : table.getBoundingClientRect().right > innerWidth;
    if (!scrolls) return null;
    const hint = box && document.getElementById(box.getAttribute('aria-describedby') || '');
    return {
        table: table.className,
        focusable: !!box && box.tabIndex === 0,
        region: !!box && box.getAttribute('role') === 'region' && !!box.getAttribute('aria-labelledby'),
        hint: hint && hint.checkVisibility() ? hint.textContent.trim() : null,
    };
}).filter(Boolean)
"""


def _folder(artifacts):
    folder = artifacts / "data-tables"
    folder.mkdir(exist_ok=True)
    return folder


def _shot(tab, artifacts, name, full_page=True):
    tab.page.screenshot(path=str(_folder(artifacts) / f"{name}.png"), full_page=full_page)


def _open(tab, path, viewport):
    tab.page.set_viewport_size(viewport)
    response = tab.open(path)
    assert response.status == 200, path
    return tab.page


@pytest.mark.parametrize("language", ["de", "en"])
def test_plan_shows_totals_and_amounts_on_the_first_screen_of_a_phone(tab, artifacts, language):
    page = _open(tab, PLAN[language], PHONE)
    _shot(tab, artifacts, f"390px-first-screen-plan-{language}", full_page=False)
    visible = page.evaluate(IN_VIEWPORT_JS, ".plan-summary__heading, .plan-summary dd")
    assert any(GRAND_TOTAL[language] in text for text in visible), f"no totals on the first screen: {visible}"
    amounts = [text for text in visible if EURO.search(text)]
    assert amounts, f"no euro amount on the first screen at 390 px: {visible}"
    # The first amount is the grand total of the table (the same figure as its footer on wide screens).
    total = page.locator(".plan-total td .cell-value").first.text_content()
    assert amounts[0] == total

    # Every measure is a stacked block: its name, status, period and cost are visible without scrolling sideways.
    _shot(tab, artifacts, f"390px-plan-{language}")
    first = page.locator(".plan-measure").first
    first.scroll_into_view_if_needed()
    cells = page.evaluate(
        """() => [...document.querySelector('.plan-measure').children].map(cell => {
            const r = cell.getBoundingClientRect();
            return {text: cell.innerText.replace(/\\s+/g, ' ').trim(), inside: r.left >= 0 && r.right <= innerWidth};
        })"""
    )
    assert all(cell["inside"] for cell in cells), cells
    texts = " | ".join(cell["text"] for cell in cells)
    label = {"de": "Gesamtkosten", "en": "Total cost"}[language]
    assert re.search(rf"{label} {EURO.pattern}", texts), texts
    assert re.search(r"Q\d/\d{4} – Q\d/\d{4}", texts), texts


@pytest.mark.parametrize("language", ["de", "en"])
def test_timeline_shows_each_period_as_a_labelled_bar_on_a_phone(tab, artifacts, language):
    page = _open(tab, TIMELINE[language], PHONE)
    _shot(tab, artifacts, f"390px-timeline-{language}")
    bars = page.evaluate(
        """() => [...document.querySelectorAll('.timeline__row')].map(row => {
            const bar = row.querySelector('.timeline__bar rect').getBoundingClientRect();
            const label = row.querySelector('.timeline__bar-label');
            const box = label.getBoundingClientRect();
            return {
                title: row.querySelector('th').textContent.trim(),
                bar: bar.width > 0 && bar.left >= 0 && bar.right <= innerWidth,
                label: label.checkVisibility() && box.width > 0 ? label.textContent : null,
                labelInside: box.left >= 0 && box.right <= innerWidth,
                start: row.querySelector('.timeline__date').textContent,
            };
        })"""
    )
    assert len(bars) > 3
    for bar in bars:
        assert bar["bar"], f"no bar on the screen: {bar}"
        assert bar["label"] and bar["label"].startswith(bar["start"] + " – "), bar
        assert bar["labelInside"], f"the label leaves the screen: {bar}"
    # The first bar is on the page without scrolling sideways, with its label.
    page.locator(".timeline__row").first.scroll_into_view_if_needed()
    assert page.evaluate(IN_VIEWPORT_JS, ".timeline__row:first-child .timeline__bar-label")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("pages", [PLAN, TIMELINE, FUND], ids=["plan", "timeline", "fund"])
def test_no_page_scrolls_sideways_and_a_scrolling_table_says_so(tab, artifacts, pages, language, width):
    page = _open(tab, pages[language], {"width": width, "height": 844 if width < 1000 else 900})
    _shot(tab, artifacts, f"{width}px-{pages[language].strip('/').replace('/', '-')}")
    widths = page.evaluate(WIDTHS_JS)
    assert widths["scroll"] <= widths["inner"], f"{pages[language]} is {widths['scroll']} px wide at {width} px"
    # At these widths the tables fit; the others (zoom, tablets) are checked below.
    assert page.evaluate(SCROLLING_TABLES_JS) == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_amount_column_of_the_plan_fits_1280_px(tab, artifacts, language):
    page = _open(tab, PLAN[language], {"width": 1280, "height": 900})
    headers = page.evaluate(
        """() => [...document.querySelectorAll('.plan-table thead th')].map(th => {
            const r = th.getBoundingClientRect();
            return {text: th.innerText.trim(), amount: th.classList.contains('num') || th.colSpan > 1,
                    inside: r.width > 0 && r.left >= 0 && r.right <= innerWidth};
        })"""
    )
    amounts = [header for header in headers if header["amount"]]
    # Total cost, the financing group and its five sources, spent so far.
    assert len(amounts) == 8, headers
    assert all(header["inside"] for header in headers), headers
    total = page.locator(".plan-total").first
    total.scroll_into_view_if_needed()
    cells = page.evaluate(
        "() => [...document.querySelectorAll('.plan-total td')].map(td => td.getBoundingClientRect().right)"
    )
    assert len(cells) == 7 and max(cells) <= 1280
    # On wide screens the cell labels of the phone layout are gone: the table has its headers.
    assert not page.locator(".plan-table .cell-label").first.is_visible()


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_plan_wider_than_its_box_says_that_it_scrolls(tab, artifacts, language):
    # Between the stacked layout and 1280 px (a tablet, or a zoomed window) the plan scrolls inside its box.
    page = _open(tab, PLAN[language], {"width": 1000, "height": 900})
    _shot(tab, artifacts, f"1000px-plan-{language}")
    assert page.evaluate(WIDTHS_JS)["scroll"] <= 1000
    scrolling = page.evaluate(SCROLLING_TABLES_JS)
    assert len(scrolling) == 1, scrolling
    assert scrolling[0]["focusable"] and scrolling[0]["region"], scrolling
    expected = {"de": "seitlich verschieben", "en": "scroll it sideways"}[language]
    assert scrolling[0]["hint"] and expected in scrolling[0]["hint"], scrolling
    # The box scrolls with the keyboard once it has the focus.
    box = page.locator(".table-wrapper").first
    box.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.querySelector('.table-wrapper').scrollLeft > 0")
    # Wide enough again: the hint goes, and so does its description.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.wait_for_function("() => document.querySelector('.scroll-hint').hidden")
    assert box.get_attribute("aria-describedby") is None


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("language", ["de", "en"])
def test_fund_budget_shows_every_column_on_a_phone(tab, artifacts, language, width):
    page = _open(tab, FUND[language], {"width": width, "height": 844})
    section = page.locator(".fund-budget")
    section.scroll_into_view_if_needed()
    section.screenshot(path=str(_folder(artifacts) / f"{width}px-fund-budget-{language}.png"))
    rows = page.evaluate(
        """() => [...document.querySelectorAll('.fund-budget__table tbody tr')].map(row => [...row.children].map(
            cell => ({text: cell.innerText.replace(/\\s+/g, ' ').trim(),
                      inside: cell.getBoundingClientRect().left >= 0 && cell.getBoundingClientRect().right <= innerWidth,
                      visible: cell.checkVisibility()})))"""
    )
    assert rows
    for cells in rows:
        assert len(cells) == 5 and all(cell["visible"] and cell["inside"] for cell in cells), cells
        assert re.fullmatch(rf"{STILL_AVAILABLE[language]} {EURO.pattern}", cells[-1]["text"]), cells
