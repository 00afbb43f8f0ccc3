"""Every page in tests/pages.py, in a real browser: accessibility (axe-core), valid HTML (Nu Html Checker),
no request to another origin and keyboard use. Widths (320, 390, 1280 px) and screenshots: test_layout.py."""

import json
import re
import shutil
import subprocess
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.pages import PAGE_URLS, expected_status

from .conftest import _require

VNU_JAR = Path(__file__).parent / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def _slug(url):
    return re.sub(r"[^a-z0-9]+", "-", url.lower()).strip("-") or "root"


@pytest.mark.parametrize("url", PAGE_URLS)
def test_axe_finds_no_wcag_a_or_aa_violation(tab, url):
    response = tab.open(url)
    assert response.status == expected_status(url)
    results = Axe().run(tab.page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    assert results.violations_count == 0, results.generate_report()


@pytest.fixture(scope="session")
def html_checker_results(live_site, tmp_path_factory):
    """Runs the Nu Html Checker once over the served HTML of every page; messages by URL."""
    java = shutil.which("java")
    _require(java is not None, "java is missing: install Debian's 'default-jre-headless' package")
    _require(VNU_JAR.exists(), f"{VNU_JAR} is missing: run `npm ci --ignore-scripts` in {VNU_JAR.parents[3]}")
    folder = tmp_path_factory.mktemp("html")
    files = {}
    for url in PAGE_URLS:
        try:
            body = urllib.request.urlopen(live_site + url, timeout=30).read()  # noqa: S310
        except urllib.error.HTTPError as error:  # the 404 pages
            body = error.read()
        path = folder / f"{_slug(url)}.html"
        path.write_bytes(body)
        files[path.name] = url
    # One java run for all pages: the checker's start-up is most of its time.
    result = subprocess.run(  # noqa: S603
        [java, "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always", *map(str, sorted(folder.iterdir()))],
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = json.loads(result.stderr or result.stdout)
    messages = {url: [] for url in PAGE_URLS}
    for message in report["messages"]:
        url = files.get(Path(urlsplit(message.get("url", "")).path).name)
        if url is None:
            # Not tied to one file: a problem of the run itself.
            raise AssertionError(f"Nu Html Checker: {message}")
        messages[url].append(message)
    return messages


@pytest.mark.parametrize("url", PAGE_URLS)
def test_html_is_valid(html_checker_results, url):
    errors = [
        f"line {m.get('lastLine')}: {m.get('message')} [{m.get('extract', '').strip()}]"
        for m in html_checker_results[url]
        if m.get("type") in {"error", "non-document-error"} or m.get("subType") == "fatal"
    ]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("url", PAGE_URLS)
def test_every_request_goes_to_the_own_origin(tab, url):
    tab.open(url)
    # Scroll through the page so that lazy images load too, then let the network settle.
    tab.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    tab.page.wait_for_load_state("networkidle")
    origin = urlsplit(tab.base_url)
    foreign = [
        request
        for request in tab.requests
        if not request.startswith(("data:", "blob:")) and urlsplit(request)[:2] != origin[:2]
    ]
    assert tab.requests, "no request recorded"
    assert not foreign, f"requests to other origins: {foreign}"
    assert not tab.failed, f"failed requests: {tab.failed}"
    csp = [text for kind, text in tab.console if "Content Security Policy" in text]
    assert not csp, f"Content-Security-Policy violations: {csp}"
    errors = [text for kind, text in tab.console if kind in {"error", "pageerror"} and "404" not in text]
    assert not errors, f"console errors: {errors}"


# Interactive elements a keyboard user must reach: visible, not disabled, not taken out of the tab order.
INTERACTIVE_JS = """
() => {
    const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
        + 'video[controls], audio[controls], [tabindex]:not([tabindex="-1"]), [contenteditable=""], '
        + '[contenteditable=true]';
    let n = 0;
    return [...document.querySelectorAll(selector)]
        .filter(el => !el.disabled && el.tabIndex >= 0)
        .filter(el => el.matches('.skip-link') || el.checkVisibility({visibilityProperty: true}))
        .filter(el => !el.closest('details:not([open]) > :not(summary)'))
        // A radio group is one Tab stop (the checked radio, else the first); arrow keys move inside it.
        .filter(el => {
            if (el.type !== 'radio' || !el.name) return true;
            const group = [...document.querySelectorAll(`input[type=radio][name="${CSS.escape(el.name)}"]`)];
            return el === (group.find(radio => radio.checked) || group[0]);
        })
        .map(el => { el.dataset.kb = String(n++); return el.dataset.kb; });
}
"""
FOCUS_STYLE_JS = """
el => {
    const s = getComputedStyle(el);
    return {outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
                ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : 'none',
            shadow: s.boxShadow, background: s.backgroundColor, border: s.borderColor,
            decoration: s.textDecorationLine};
}
"""


def _focused_kb(page):
    return page.evaluate("() => document.activeElement && document.activeElement.dataset.kb || null")


@pytest.mark.parametrize("url", PAGE_URLS)
def test_keyboard(tab, url):
    page = tab.page
    tab.open(url)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    expected = page.evaluate(INTERACTIVE_JS)
    unfocused = {kb: page.eval_on_selector(f'[data-kb="{kb}"]', FOCUS_STYLE_JS) for kb in expected}

    # The skip link comes first and moves the focus to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('skip-link')"), "first Tab: no skip link"
    assert page.evaluate("() => document.activeElement.getBoundingClientRect().top >= 0"), "skip link stays hidden"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main", "skip link does not move focus to main"

    # Tab through the whole page from the top: every interactive element is reached and shows its focus.
    page.evaluate("() => document.activeElement.blur()")
    page.goto(tab.base_url + url)
    page.evaluate(INTERACTIVE_JS)
    reached, invisible = [], []
    for _ in range(len(expected) * 3 + 10):
        page.keyboard.press("Tab")
        kb = _focused_kb(page)
        if kb is None:
            if page.evaluate("() => document.activeElement === document.body"):
                break  # left the document: wrapped around to the browser's UI
            continue
        if kb in reached:
            if kb == reached[-1]:
                continue  # inside a media element's own controls
            break
        reached.append(kb)
        focused = page.eval_on_selector(f'[data-kb="{kb}"]', FOCUS_STYLE_JS)
        before = unfocused[kb]
        visible = (focused["outline"] != "none" and focused["outline"] != before["outline"]) or (
            focused["shadow"] != "none" and focused["shadow"] != before["shadow"]
        )
        if not visible:
            invisible.append(page.eval_on_selector(f'[data-kb="{kb}"]', "el => el.outerHTML.slice(0, 120)"))
    missing = [
        page.eval_on_selector(f'[data-kb="{kb}"]', "el => el.outerHTML.slice(0, 120)")
        for kb in expected
        if kb not in reached
    ]
    assert not missing, f"not reachable with Tab: {missing}"
    assert not invisible, f"no visible focus indicator: {invisible}"


@pytest.mark.parametrize("url", PAGE_URLS)
def test_language_switcher_works_with_the_keyboard(tab, url):
    page = tab.page
    tab.open(url)
    current = page.evaluate("() => document.documentElement.lang")
    link = page.locator(".language-switcher a[hreflang]").first
    other = link.get_attribute("hreflang")
    assert other and other != current
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("() => document.documentElement.lang") == other
    assert page.url.startswith(f"{tab.base_url}/{other}/")
    assert page.locator(f'.language-switcher [aria-current][lang="{other}"]').count() == 1
