"""Moderation in Chromium: a visitor sends an idea; a member of Beteiligung-Moderation opens it from the admin list,
approves it and replies; every visitor then sees it with the reply."""

import secrets

from editorial.roles import MODERATION

from .conftest import sign_in
from .helpers import STAFF_PASSWORD, press, staff_user


def test_moderator_opens_approves_and_replies(journey_site, context_factory):
    message = f"Mehr Fahrradständer am Markt, bitte ({secrets.token_hex(3)})."
    reply = "Danke! Wir prüfen zwei Standorte an der Märkischen Straße."

    visitor = context_factory().new_page()
    visitor.goto("/de/beteiligung/")
    form = visitor.locator("main form.participation-form")
    form.locator("textarea[name=message]").fill(message)
    press(visitor, "Beitrag senden", within=form)
    ((number,),) = journey_site.query("SELECT id FROM participation_contribution WHERE message = ?", message)

    moderator = context_factory().new_page()
    sign_in(moderator, journey_site, staff_user(journey_site, "moderatorin", MODERATION), STAFF_PASSWORD)
    moderator.goto("/admin/participation/contributions/")
    row = moderator.locator("table.listing tbody tr", has_text=message[:30])
    with moderator.expect_navigation():
        row.get_by_role("link", name=str(number), exact=True).click()
    assert moderator.url.endswith(f"/admin/participation/contributions/edit/{number}/")
    moderator.locator("input[name=status][value=approved]").check()
    moderator.locator("textarea[name=public_reply]").fill(reply)
    press(moderator, "Speichern", exact=True)
    assert journey_site.query("SELECT status FROM participation_contribution WHERE id = ?", number) == [("approved",)]

    # Every visitor (a fresh browser, served by any worker) sees the contribution with the reply at once.
    public = context_factory().new_page()
    for _ in range(3):
        public.goto("/de/beteiligung/")
        text = public.locator("main").inner_text()
        assert message in text and reply in text
