"""The Wagtail admin keeps working under its Content-Security-Policy: the editors load without a violation."""

import pytest

from .conftest import ADMIN_PASSWORD
from .staff import sign_in


@pytest.fixture
def admin_tab(tab, live_site):
    # The first sign-in of `make run`'s admin sets up the second factor; later ones enter its code.
    sign_in(tab, live_site, "admin", ADMIN_PASSWORD)
    return tab


def _page_id(live_site, url_path):
    rows = live_site.query("SELECT id FROM wagtailcore_page WHERE url_path = ?", url_path)
    assert rows, url_path
    return rows[0][0]


@pytest.mark.parametrize(
    ("url_path", "editor"),
    [
        ("/start/", "[data-streamfield-stream-container], .Draftail-Editor"),
        ("/start/ueber-das-projekt/", "[data-streamfield-stream-container]"),
        # The English translation opens wagtail-localize's React editor.
        ("/home/about-the-project/", ".js-translation-editor > *"),
    ],
)
def test_page_editor_loads_without_csp_violation(admin_tab, live_site, url_path, editor):
    page = admin_tab.page
    admin_tab.console.clear()
    response = admin_tab.open(f"/admin/pages/{_page_id(live_site, url_path)}/edit/")
    assert response.status == 200
    assert "Content-Security-Policy" in response.headers or "content-security-policy" in response.headers
    page.wait_for_load_state("networkidle")
    page.wait_for_selector(editor, state="attached", timeout=10_000)
    # Other console errors are the admin's own (e.g. Handsontable has no German locale); not ours to judge.
    problems = [
        f"{kind}: {text}"
        for kind, text in admin_tab.console
        if "Content Security Policy" in text or kind == "pageerror"
    ]
    assert not problems, "\n".join(problems)


def test_page_preview_is_allowed_in_the_admin_frame(admin_tab, live_site):
    page_id = _page_id(live_site, "/start/ueber-das-projekt/")
    response = admin_tab.open(f"/admin/pages/{page_id}/edit/preview/?mode=")
    assert response.headers.get("x-frame-options") == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response.headers["content-security-policy"]
