"""Every `<form method="post">` on the served pages is submitted by some journey.

The served demo pages (tests/pages.py, both languages) are fetched as a visitor gets them; each POST form's target
(its action, resolved against the page) must match an entry of JOURNEY_FORMS, and that entry must name a journey
test that exists. A new form without a journey fails here.
"""

import importlib
import re
import urllib.error
import urllib.request
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from tests.pages import PAGE_URLS

from .forms import JOURNEY_FORMS


def _fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - our own test server
            return response.read()
    except urllib.error.HTTPError as error:  # the 404 pages carry the footer form too
        return error.read()


def post_forms(site):
    """{target path: first page it was found on} of every POST form on the demo pages."""
    found = {}
    for path in PAGE_URLS:
        url = site + path
        for form in BeautifulSoup(_fetch(url), "html.parser").find_all("form"):
            if (form.get("method") or "get").lower() != "post":
                continue
            target = urlsplit(urljoin(url, form.get("action") or url))
            assert f"{target.scheme}://{target.netloc}" == site, f"form on {path} posts to another site: {target}"
            found.setdefault(target.path, path)
    return found


def test_every_post_form_on_the_served_pages_is_submitted_by_a_journey(journey_site):
    forms = post_forms(journey_site)
    # The crawl sees the forms the journeys are about (a broken crawl must not pass silently).
    assert "/de/newsletter/" in forms and "/en/newsletter/subscribe/" in forms, forms
    assert len(forms) >= 10, forms
    missing = {
        target: page
        for target, page in forms.items()
        if not any(re.search(pattern, target) for pattern in JOURNEY_FORMS)
    }
    assert not missing, f"POST forms no journey submits (target: page): {missing}"


def test_every_listed_journey_exists():
    for pattern, journey in JOURNEY_FORMS.items():
        module_name, test_name = journey.split("::")
        module = importlib.import_module(f"{__package__}.{module_name}")
        assert callable(getattr(module, test_name, None)), f"{pattern}: {journey} does not exist"
