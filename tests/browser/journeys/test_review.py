"""The review workflow "Redaktionelle Freigabe" in Chromium: a Redaktion member changes a page and submits it for
review (she cannot publish); a Freigabe member approves it, which publishes it for every visitor."""

import secrets

from playwright.sync_api import expect

from editorial.roles import FREIGABE, REDAKTION

from .conftest import sign_in
from .helpers import STAFF_PASSWORD, staff_user


def _action(page, selector):
    """A button of the editor's action menu: the main button, or one behind the menu's toggle."""
    button = page.locator(f"footer {selector}").first
    if not button.is_visible():
        page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']").first.click()
    expect(button).to_be_visible()
    with page.expect_navigation():
        button.click()
    assert "/edit/" in page.url or "/admin/" in page.url


def test_redaktion_submits_and_freigabe_approves(journey_site, context_factory):
    ((page_id, title),) = journey_site.query(
        "SELECT p.id, p.title FROM wagtailcore_page p JOIN wagtailcore_locale l ON l.id = p.locale_id"
        " WHERE p.slug = 'ueber-das-projekt' AND l.language_code = 'de'"
    )
    new_title = f"{title} ({secrets.token_hex(2)})"

    author = context_factory().new_page()
    sign_in(author, journey_site, staff_user(journey_site, "redakteurin", REDAKTION), STAFF_PASSWORD)
    author.goto(f"/admin/pages/{page_id}/edit/")
    assert author.locator("footer button[name=action-publish]").count() == 0  # Redaktion cannot publish
    author.locator("#id_title").fill(new_title)
    _action(author, "button[name=action-submit]")
    assert journey_site.query(
        "SELECT status FROM wagtailcore_workflowstate WHERE object_id = ? AND status = 'in_progress'", str(page_id)
    )
    visitor = context_factory().new_page()
    visitor.goto("/de/ueber-das-projekt/")
    assert new_title not in visitor.locator("h1").inner_text()  # not live before approval

    reviewer = context_factory().new_page()
    sign_in(reviewer, journey_site, staff_user(journey_site, "freigeber", FREIGABE), STAFF_PASSWORD)
    reviewer.goto(f"/admin/pages/{page_id}/edit/")
    _action(reviewer, "button[data-workflow-action-name=approve]:not([data-workflow-action-modal-url])")
    assert journey_site.query("SELECT title, live FROM wagtailcore_page WHERE id = ?", page_id) == [(new_title, 1)]
    # Live for every visitor at once (a new browser: the first one may keep its copy for max-age=60 s).
    visitor = context_factory().new_page()
    visitor.goto("/de/ueber-das-projekt/")
    assert visitor.locator("h1").inner_text() == new_title
