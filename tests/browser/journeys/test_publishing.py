"""An editor publishes in the Wagtail admin while visitors read and the background worker writes.

- Every gunicorn worker serves the new item at once (the page cache is shared by all workers, not per process).
- Publishing never fails with "database is locked" while the worker writes (SQLite WAL, IMMEDIATE, busy timeout).
"""

import secrets
import urllib.request

import pytest
from PIL import Image

from .serving import WEB_CONCURRENCY

NEWS_DE = "/de/aktuelles/"
# Enough anonymous requests that every worker answers several of them.
READS = 8 * WEB_CONCURRENCY


def _get(site, path):
    with urllib.request.urlopen(site + path, timeout=30) as response:  # noqa: S310 - our own test server
        return response.status, response.headers.get("X-Cache", ""), response.read().decode()


def _read_many(site, path, count=READS):
    return [_get(site, path) for _ in range(count)]


def _page_id(site, url_path):
    rows = site.query("SELECT id FROM wagtailcore_page WHERE url_path = ?", url_path)
    assert rows, url_path
    return rows[0][0]


def _publish_with_more_actions(page):
    page.get_by_role("button", name="Mehr Aktionen").click()
    with page.expect_navigation():
        page.locator("button[name=action-publish]").click()


@pytest.fixture
def news_index_id(journey_site):
    return _page_id(journey_site, "/start/aktuelles/")


def test_published_news_with_image_is_served_by_every_worker_at_once(
    journey_site, admin_page, context_factory, news_index_id, tmp_path
):
    # Visitors have filled every worker's cache with the news list.
    before = _read_many(journey_site, NEWS_DE)
    assert all(status == 200 for status, _cache, _body in before)
    assert any(cache == "HIT" for _status, cache, _body in before), "the page cache is not in use"

    title = "Bücherschrank an der Mittelstraße eingeweiht"
    image = tmp_path / "buecherschrank.png"
    # A picture of its own (Wagtail would offer an identical file already in the library instead of uploading).
    drawing = Image.new("RGB", (1200, 675), "#2a6f97")
    drawing.putpixel((0, 0), tuple(secrets.token_bytes(3)))
    drawing.save(image)

    page = admin_page
    page.goto(f"/admin/pages/{news_index_id}/add_subpage/")
    page.fill("#id_title", title)
    page.fill("#id_teaser", "Der offene Bücherschrank steht jetzt vor dem Stadtteilbüro.")
    page.get_by_role("button", name="Bild auswählen").click()
    modal = page.locator(".modal-dialog")
    modal.get_by_role("tab", name="Hochladen").click()
    modal.locator("#tab-upload input[type=file]").set_input_files(image)
    modal.get_by_label("Titel").fill("Bücherschrank Mittelstraße")
    modal.locator("#tab-upload form button[type=submit]").click()
    modal.wait_for(state="hidden", timeout=60_000)
    assert "Bücherschrank Mittelstraße" in page.locator("#panel-child-inhalt-bild-section").inner_text()
    page.fill("#id_image_alt", "Der neue Bücherschrank vor dem Stadtteilbüro")
    _publish_with_more_actions(page)
    assert "wurde erstellt und veröffentlicht" in page.locator(".messages").inner_text()

    # Right after the publish returned: every anonymous request, whichever worker answers, shows it.
    after = _read_many(journey_site, NEWS_DE)
    stale = [cache for status, cache, body in after if status != 200 or title not in body]
    assert not stale, f"{len(stale)} of {READS} responses without the new item (X-Cache: {stale})"
    feed = _get(journey_site, NEWS_DE + "feed/")[2]
    assert title in feed

    # A visitor opens it from the list: the image is there and loads.
    visitor = context_factory().new_page()
    visitor.goto(NEWS_DE)
    with visitor.expect_navigation():
        visitor.get_by_role("link", name=title).first.click()
    assert visitor.locator("h1").inner_text().strip() == title
    picture = visitor.locator('img[alt="Der neue Bücherschrank vor dem Stadtteilbüro"]').first
    picture.wait_for()
    assert picture.evaluate("img => img.complete && img.naturalWidth > 0")
    assert not journey_site.server_errors()
    assert not journey_site.failed_tasks()


COPIES = 8


def _queue_reference_index_work(site):
    """Keep the background worker writing: a reference-index task for every page, as a bulk edit would queue."""
    site.manage(
        "shell",
        "-c",
        "from wagtail.models import Page\n"
        "from wagtail.tasks import update_reference_index_task\n"
        "for pk in Page.objects.values_list('pk', flat=True):\n"
        "    update_reference_index_task.enqueue('wagtailcore', 'page', str(pk))\n",
    )


def test_copy_and_publish_in_a_row_while_the_worker_writes(journey_site, admin_page, news_index_id):
    source_id = journey_site.query(
        "SELECT id FROM wagtailcore_page WHERE url_path LIKE '/start/aktuelles/_%' AND live = 1 ORDER BY id LIMIT 1"
    )[0][0]
    _queue_reference_index_work(journey_site)
    page = admin_page
    for number in range(1, COPIES + 1):
        page.goto(f"/admin/pages/{source_id}/copy/")
        page.fill("input[name=new_title]", f"Kopie {number} für den Lasttest")
        page.fill("input[name=new_slug]", f"kopie-{number}-lasttest")
        page.check("input[name=publish_copies]")
        with page.expect_navigation() as navigation:
            page.locator("main form button[type=submit], main form input[type=submit]").last.click()
        assert navigation.value.status == 200, f"copy {number}: HTTP {navigation.value.status}"
        assert "/copy/" not in page.url, f"copy {number} refused: {page.locator('main').inner_text()[:500]}"
        assert "kopiert" in page.locator(".messages").inner_text(), f"copy {number}"

    copies = journey_site.query(
        "SELECT slug, live, latest_revision_id, live_revision_id FROM wagtailcore_page "
        "WHERE slug LIKE 'kopie-%-lasttest' ORDER BY slug"
    )
    assert len(copies) == COPIES
    # Each copy is live with the revision it was published from.
    assert all(live and latest and live_revision for _slug, live, latest, live_revision in copies), copies
    # The worker kept writing meanwhile, and nothing failed for want of the database lock.
    assert not journey_site.server_errors()
    assert not journey_site.failed_tasks()
    for number in (1, COPIES):
        status, _cache, body = _get(journey_site, f"{NEWS_DE}kopie-{number}-lasttest/")
        assert status == 200 and f"Kopie {number} für den Lasttest" in body
