"""The public pages and inputs that the quality gates check: one place for every app to extend.

- PAGE_URLS: every page type and view, in both languages. The browser suite (tests/browser: axe, Nu Html
  Checker, same-origin requests, keyboard, layout and screenshots at 320, 390 and 1280 px), the header tests
  and the hostile-input test (unknown query parameters) run on each. A new page type = its German and its English URL here (from the demo content).
- NOT_FOUND_URLS: URLs that must answer 404 (they are also in PAGE_URLS, so the 404 page is checked too).
- QUERY_TARGETS: (url, method, params) for every query parameter and public form. The hostile-input test
  (tests/quality/test_hostile_input.py) throws random values at each listed parameter name; add a row for a
  new filter, search box, pagination, feed/calendar parameter, token link or form.
"""

from datetime import date

from directory.forms import ProposalForm
from fund.forms import ApplicationForm
from participation.forms import ContributionForm
from subscriptions.forms import SubscribeForm


def form_params(form_class):
    """What a public form posts: its fields and its honeypot (added when the form is made)."""
    return [*form_class.base_fields, form_class.honeypot]


PAGE_URLS = [
    "/de/",
    "/en/",
    # Standard page
    "/de/ueber-das-projekt/",
    "/en/about-the-project/",
    # Legal pages
    "/de/impressum/",
    "/en/legal-notice/",
    "/de/datenschutz/",
    "/en/privacy/",
    "/de/barrierefreiheit/",
    "/en/accessibility/",
    # Leichte Sprache and sign language (with its video)
    "/de/leichte-sprache/",
    "/en/easy-read/",
    "/de/gebaerdensprache/",
    "/en/sign-language/",
    # Measures: overview (filtered too), plan, timeline, map, a measure
    "/de/massnahmen/",
    "/en/measures/",
    "/de/massnahmen/?status=abgeschlossen&sort=cost_desc",
    "/de/massnahmen/plan/",
    "/en/measures/plan/",
    "/de/massnahmen/plan/zeitplan/",
    "/en/measures/plan/timeline/",
    "/de/massnahmen/karte/",
    "/en/measures/map/",
    "/de/massnahmen/neue-mitte/",
    # The measure with the longest facts (its page was 338 px wide at 320 px)
    "/de/massnahmen/stadtteilbuero/",
    "/en/measures/new-centre/",
    # News: list, year archive, an article
    "/de/aktuelles/",
    "/en/news/",
    "/de/aktuelles/2025/",
    "/de/aktuelles/stadtteilbuero-eroeffnet/",
    "/en/news/district-office-opens/",
    # Events: upcoming, past, an event
    "/de/termine/",
    "/en/events/",
    "/de/termine/vergangene/",
    "/de/termine/infoabend-spielplatz-rosenstrasse/",
    "/en/events/information-evening-rosenstrasse-playground/",
    # Downloads, the report as a web page, search with and without results
    "/de/downloads/",
    "/en/downloads/",
    "/de/downloads/abschlussbericht/",
    "/en/downloads/final-report/",
    "/de/suche/",
    "/en/search/",
    "/de/suche/?q=Spielplatz",
    "/en/search/?q=playground",
    "/de/suche/?q=xyzzyunbekannt",
    # Newsletter, participation (page, a survey form page)
    "/de/newsletter/",
    "/en/newsletter/",
    "/de/beteiligung/",
    "/en/participation/",
    "/de/beteiligung/umfrage-spielplatz-rosenstrasse/",
    "/en/participation/survey-playground-rosenstrasse/",
    # "You said, we did": the figures, all years and this year (a page whether or not it has data yet)
    "/de/beteiligung/zahlen/",
    "/en/participation/figures/",
    f"/de/beteiligung/zahlen/{date.today().year}/",
    f"/en/participation/figures/{date.today().year}/",
    # Neighbourhood fund (page, application form) and the district directory (list, filtered, proposal form)
    "/de/verfuegungsfonds/",
    "/en/neighbourhood-fund/",
    "/de/verfuegungsfonds/antrag/",
    "/en/neighbourhood-fund/apply/",
    "/de/schaetze-im-dorf/",
    "/en/directory/",
    "/de/schaetze-im-dorf/?open=1&step_free=1",
    "/de/schaetze-im-dorf/vorschlagen/",
    "/en/directory/propose/",
    # The 404 page in both languages
    "/de/gibt-es-nicht/",
    "/en/does-not-exist/",
]

NOT_FOUND_URLS = ["/de/gibt-es-nicht/", "/en/does-not-exist/"]

# (url, method, params): params names the parameters (query string for GET, form fields for POST) that get
# random values; each row also gets random unknown parameters.
QUERY_TARGETS = [
    ("/de/", "GET", ["page", "q", "lang"]),
    ("/en/", "GET", ["page", "q"]),
    ("/de/ueber-das-projekt/", "GET", ["page", "q", "utm_source"]),
    ("/en/about-the-project/", "GET", ["page"]),
    ("/de/gibt-es-nicht/", "GET", ["page", "q"]),
    ("/sitemap.xml", "GET", ["p", "page"]),
    ("/robots.txt", "GET", ["x"]),
    # Wagtail's page router and the language redirect
    ("/", "GET", ["next", "lang"]),
    # The public forms of the admin: sign-in and password reset.
    ("/admin/login/", "POST", ["username", "password", "next"]),
    ("/admin/password_reset/", "POST", ["email"]),
    # Filters, sorting, pagination, search
    ("/de/massnahmen/", "GET", ["field", "status", "priority", "sort"]),
    ("/en/measures/", "GET", ["field", "status", "priority", "sort"]),
    ("/de/massnahmen/plan/", "GET", ["field", "format"]),
    ("/de/massnahmen/plan/csv/", "GET", ["x"]),
    ("/de/massnahmen/open-data/geojson/", "GET", ["field", "bbox"]),
    ("/de/aktuelles/", "GET", ["category", "year", "field", "page"]),
    ("/en/news/", "GET", ["category", "year", "field", "page"]),
    ("/de/aktuelles/feed/", "GET", ["category", "page"]),
    ("/en/news/feed/atom/", "GET", ["category"]),
    ("/de/termine/", "GET", ["page"]),
    ("/de/termine/kalender.ics", "GET", ["from", "category"]),
    ("/de/downloads/", "GET", ["category", "page"]),
    ("/de/suche/", "GET", ["q", "page"]),
    ("/en/search/", "GET", ["q", "page"]),
    ("/de/beteiligung/", "GET", ["field", "page"]),
    ("/de/beteiligung/geojson/", "GET", ["field"]),
    # Public forms
    ("/de/newsletter/", "POST", form_params(SubscribeForm)),
    ("/de/newsletter/subscribe/", "POST", form_params(SubscribeForm)),
    ("/de/beteiligung/", "POST", form_params(ContributionForm)),
    ("/de/beteiligung/umfrage-spielplatz-rosenstrasse/", "POST", ["name", "email", "message", "website"]),
    ("/de/schaetze-im-dorf/", "GET", ["category", "open", "step_free"]),
    ("/de/schaetze-im-dorf/geojson/", "GET", ["category"]),
    ("/de/verfuegungsfonds/geojson/", "GET", ["year"]),
    ("/de/verfuegungsfonds/antrag/", "POST", form_params(ApplicationForm)),
    ("/de/schaetze-im-dorf/vorschlagen/", "POST", form_params(ProposalForm)),
    ("/de/verfuegungsfonds/status/abc/def/ghi/", "GET", ["x"]),
    # Token links from e-mails
    ("/de/newsletter/confirm/abc/", "GET", ["x"]),
    ("/de/newsletter/preferences/abc/", "GET", ["x"]),
    ("/de/newsletter/unsubscribe/abc/", "POST", ["List-Unsubscribe"]),
    # A POST to a page that takes no form must not change anything either.
    ("/de/ueber-das-projekt/", "POST", ["email", "name", "message"]),
]


def expected_status(url):
    return 404 if url in NOT_FOUND_URLS else 200
