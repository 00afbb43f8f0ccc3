"""Every page type at 320, 390 and 1280 px: full-page screenshots for a person to look at, and checks that fail
when the page scrolls sideways, when text overflows its box or when a heading or label breaks inside a word.

Screenshots go to SCREENSHOT_DIR (default test-artifacts/screenshots, git-ignored) as <width>/<slug>.jpg.
Each URL is loaded once and checked at every width by resizing the window: media queries apply on resize as on
a fresh load (no script here reads the width), and one load instead of three keeps the suite fast.
"""

import urllib.request
from urllib.parse import urlsplit

import pytest
from defusedxml import ElementTree

from tests.pages import PAGE_URLS, expected_status

from .test_pages import _slug

PHONE_SMALL, PHONE, DESKTOP = 320, 390, 1280
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
HEIGHTS = {PHONE_SMALL: 640, PHONE: 844, DESKTOP: 900}

# Filter or archive variants of a page type already listed: checked at 320 px only (every URL is), the other
# widths take one URL per page type and language.
VARIANT_URLS = {
    "/de/massnahmen/?status=abgeschlossen&sort=cost_desc",
    "/de/aktuelles/2025/",
    "/de/termine/vergangene/",
    "/de/suche/?q=xyzzyunbekannt",
    "/de/schaetze-im-dorf/?open=1&step_free=1",
}
assert set(PAGE_URLS) >= VARIANT_URLS, VARIANT_URLS - set(PAGE_URLS)

# (url, width, selector) of defects known and accepted for a while (none now). An entry that no longer occurs fails
# the test, so that the list cannot outlive the defects.
KNOWN_LAYOUT_DEFECTS = set()

# Runs in the page: one list of offenders per check. Text elements are those with a text node of their own;
# visually hidden text (clip, 1 px boxes), the skip link above the page and anything inside a box that
# scrolls sideways on purpose (overflow-x auto/scroll: the labelled table scrollers) are left out.
LAYOUT_JS = r"""
(words) => {
    const root = document.documentElement;
    const viewport = root.clientWidth;
    const style = el => getComputedStyle(el);
    const scrolls = el => ['auto', 'scroll'].includes(style(el).overflowX);
    const inScroller = el => {
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (scrolls(a)) return true;
        return false;
    };
    const hidden = el => {
        if (!el.checkVisibility({visibilityProperty: true})) return true;
        for (let a = el; a && a !== document.body; a = a.parentElement) {
            const s = style(a);
            if (s.position === 'absolute' && s.clip !== 'auto') return true;
            if (s.clipPath !== 'none') return true;
        }
        const r = el.getBoundingClientRect();
        // Off the page above (the skip link) or to the left (honeypot fields): hidden on purpose.
        return r.width <= 1 || r.height <= 1 || r.bottom + window.scrollY <= 0 || r.right + window.scrollX <= 0;
    };
    const selector = el => {
        const parts = [];
        for (let a = el; a && a !== document.body && parts.length < 4; a = a.parentElement) {
            if (a.id) { parts.unshift('#' + a.id); break; }
            const classes = [...a.classList].slice(0, 2).map(c => '.' + c).join('');
            parts.unshift(a.localName + classes);
            if (['main', 'header', 'footer', 'nav'].includes(a.localName)) break;
        }
        return parts.join(' > ');
    };
    const text = el => el.textContent.replace(/\s+/g, ' ').trim().slice(0, 80);
    const ownText = el => [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.data.trim());
    const block = el => {
        for (let a = el; a; a = a.parentElement) if (!['inline', 'contents'].includes(style(a).display)) return a;
        return root;
    };

    // (a) Sideways scrolling: the page, and any box reaching past the window.
    const sideways = [];
    if (root.scrollWidth > viewport) {
        sideways.push({selector: 'html', text: '', width: root.scrollWidth, box: viewport});
    }
    const wide = [];
    for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if ((r.right > viewport + 1 || r.left < -1) && !inScroller(el) && !hidden(el)
                && !wide.some(outer => outer.contains(el))) {  // the outermost box only
            wide.push(el);
            sideways.push({selector: selector(el), text: text(el), width: Math.round(r.width), box: viewport});
        }
    }

    // (b) Text overflowing its box: a block's content wider than its padding box; an inline element's text
    // reaching past its containing block.
    const overflow = [];
    const textTags = 'h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, label, legend, caption, figcaption, '
        + 'summary, blockquote, a, button, span';
    for (const el of document.querySelectorAll(textTags)) {
        if (!ownText(el) || scrolls(el) || inScroller(el) || hidden(el)) continue;
        const container = block(el);
        if (container === el) {
            if (el.scrollWidth > el.clientWidth + 1) {
                overflow.push({selector: selector(el), text: text(el), width: el.scrollWidth, box: el.clientWidth});
            }
            continue;
        }
        const c = container.getBoundingClientRect();
        const left = c.left + container.clientLeft, right = left + container.clientWidth;
        const rects = [...el.getClientRects()].filter(r => r.width > 0);
        const spill = rects.some(r => r.right > right + 1 || r.left < left - 1);
        if (spill) {
            const width = Math.round(Math.max(...rects.map(r => r.right)) - Math.min(...rects.map(r => r.left)));
            overflow.push({selector: selector(el), text: text(el), width, box: container.clientWidth});
        }
    }

    // (c) Words broken inside in headings and labels: each run of letters between spaces, hyphens, soft
    // hyphens, dashes and slashes (where a break is fine) must stay on one line.
    const broken = [];
    const range = document.createRange();
    const labelTags = 'h1, h2, h3, h4, h5, h6, label, dt, th, legend, caption, summary, button, .button';
    for (const el of words ? document.querySelectorAll(labelTags) : []) {
        if (hidden(el)) continue;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (hidden(node.parentElement)) continue;
            for (const match of node.data.matchAll(/[^\s\u00ad\u200b\-\u2010\u2013\u2014\/]{2,}/g)) {
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const rects = [...range.getClientRects()].filter(r => r.width > 0 && r.height > 0);
                if (rects.length < 2) continue;
                const tops = rects.map(r => r.top), height = Math.min(...rects.map(r => r.height));
                if (Math.max(...tops) - Math.min(...tops) > height / 2) {
                    broken.push({selector: selector(el), text: match[0], width: el.clientWidth, box: el.clientWidth});
                }
            }
        }
    }
    return {sideways, overflow, broken};
}
"""

# Lazy images load now (their size changes the layout and they belong in the screenshot); waits for all.
LOAD_IMAGES_JS = """
async () => {
    document.querySelectorAll('img[loading="lazy"]').forEach(img => { img.loading = 'eager'; });
    const pending = [...document.images].filter(img => !img.complete)
        .map(img => new Promise(done => { img.addEventListener('load', done); img.addEventListener('error', done); }));
    await Promise.race([Promise.all(pending), new Promise(done => setTimeout(done, 5000))]);
}
"""

CHECKS = {
    "sideways": "reaches past the window (sideways scrolling)",
    "overflow": "text overflows its box",
    "broken": "word broken inside",
}


def _widths(url):
    return [PHONE_SMALL] if url in VARIANT_URLS else [DESKTOP, PHONE, PHONE_SMALL]


def _check(page, url, width, found, words=True):
    """Runs the checks on the open page; returns one line per offender that is not a known defect."""
    report = []
    for check, offenders in page.evaluate(LAYOUT_JS, words).items():
        for offender in offenders:
            key = (url, width, offender["selector"])
            found.add(key)
            if key not in KNOWN_LAYOUT_DEFECTS:
                report.append(
                    f"{url} at {width} px, {CHECKS[check]}: {offender['selector']} {offender['text']!r} "
                    f"({offender['width']} px in {offender['box']} px)"
                )
    return report


def _stale(urls, found):
    """Known defects that are gone: the entry must go too, so that the check is strict again."""
    gone = sorted(key for key in KNOWN_LAYOUT_DEFECTS if key[0] in urls and key not in found)
    return [f"fixed now, remove from KNOWN_LAYOUT_DEFECTS: {key}" for key in gone]


@pytest.mark.parametrize("url", PAGE_URLS)
def test_layout_at_phone_and_desktop_widths(tab, artifacts, url):
    page = tab.page
    found, report = set(), []
    for index, width in enumerate(_widths(url)):
        page.set_viewport_size({"width": width, "height": HEIGHTS[width]})
        if index == 0:
            response = tab.open(url)
            assert response.status == expected_status(url)
        page.evaluate(LOAD_IMAGES_JS)
        folder = artifacts / str(width)
        folder.mkdir(exist_ok=True)
        # JPEG: half the time of a PNG, and small enough to keep as CI artifacts.
        page.screenshot(path=str(folder / f"{_slug(url)}.jpg"), full_page=True, type="jpeg", quality=80)
        report += _check(page, url, width, found)
    report += _stale({url}, found)
    assert not report, "\n".join(report)


def test_every_page_of_the_sitemap_fits_320_px(tab, live_site):
    """Content varies more than page types: every published page (from the sitemap, both languages) neither
    scrolls sideways nor lets text overflow at 320 px. No screenshots, to stay fast."""
    sitemap = urllib.request.urlopen(live_site + "/sitemap.xml", timeout=30).read()  # noqa: S310
    locations = [element.text for element in ElementTree.fromstring(sitemap).iter(f"{{{SITEMAP_NS}}}loc")]
    urls = [urlsplit(location).path for location in locations]
    urls = [url for url in urls if url not in PAGE_URLS]
    assert len(urls) > 50, urls  # the demo's measures, news, events and directory entries
    page = tab.page
    page.set_viewport_size({"width": PHONE_SMALL, "height": HEIGHTS[PHONE_SMALL]})
    found, report = set(), []
    for url in urls:
        response = tab.open(url)
        assert response.status == 200, url
        page.evaluate(LOAD_IMAGES_JS)
        report += _check(page, url, PHONE_SMALL, found, words=False)
    report += _stale(set(urls), found)
    assert not report, "\n".join(report)


# What a phone shows before any scrolling: amounts (a cell whose whole text is a euro amount) and timeline
# bars (an element with a class "…bar", e.g. "timeline__bar") entirely inside the window and inside every
# box that clips or scrolls around them. Returns what it found.
FIRST_SCREEN_JS = r"""
(kind) => {
    const width = document.documentElement.clientWidth, height = window.innerHeight;
    const shown = el => {
        const r = el.getBoundingClientRect();
        let box = {left: 0, top: 0, right: width, bottom: height};
        for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
            const s = getComputedStyle(a);
            if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
            const c = a.getBoundingClientRect();
            box = {left: Math.max(box.left, c.left), top: Math.max(box.top, c.top),
                   right: Math.min(box.right, c.right), bottom: Math.min(box.bottom, c.bottom)};
        }
        return r.width >= 4 && r.height >= 4 && r.left >= box.left - 1 && r.right <= box.right + 1
            && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
    };
    const amount = /^[-−]?\s*(€\s?)?\d[\d.,\u00a0\u202f ]*(\s?€)?$/;
    const candidates = kind === 'amount'
        ? [...document.querySelectorAll('main *')].filter(el => {
            const own = [...el.childNodes].filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.data).join('');
            return own.includes('€') && amount.test(own.trim());
        })
        : [...document.querySelectorAll('main [class]')].filter(el =>
            [...el.classList].some(name => /(^|[_-])bars?($|[_-])/.test(name)));
    return candidates.filter(el => el.checkVisibility({visibilityProperty: true}) && shown(el))
        .map(el => el.textContent.trim() || el.getAttribute('class'));
}
"""


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("/de/massnahmen/plan/", "amount"),
        ("/en/measures/plan/", "amount"),
        ("/de/massnahmen/plan/zeitplan/", "bar"),
        ("/en/measures/plan/timeline/", "bar"),
    ],
)
def test_plan_and_timeline_show_data_in_the_first_screen_of_a_phone(tab, url, kind):
    page = tab.page
    page.set_viewport_size({"width": PHONE, "height": HEIGHTS[PHONE]})
    tab.open(url)
    assert page.evaluate(FIRST_SCREEN_JS, kind), f"no {kind} in the first {PHONE}×{HEIGHTS[PHONE]} px screen"
