"""The public pages and inputs that the quality gates check: one place for every app to extend.

- PAGE_URLS: every page type and view, in both languages. The browser suite (tests/browser: axe, Nu Html
  Checker, same-origin requests, keyboard, 320 px), the header tests and the hostile-input test (unknown query
  parameters) run on each. A new page type = its German and its English URL here (from the demo content).
- NOT_FOUND_URLS: URLs that must answer 404 (they are also in PAGE_URLS, so the 404 page is checked too).
- QUERY_TARGETS: (url, method, params) for every query parameter and public form. The hostile-input test
  (tests/quality/test_hostile_input.py) throws random values at each listed parameter name; add a row for a
  new filter, search box, pagination, feed/calendar parameter, token link or form.
"""

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
    # A POST to a page that takes no form must not change anything either.
    ("/de/ueber-das-projekt/", "POST", ["email", "name", "message"]),
]


def expected_status(url):
    return 404 if url in NOT_FOUND_URLS else 200
