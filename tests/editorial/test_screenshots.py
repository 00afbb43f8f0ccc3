"""The editor guide's screenshots, taken in headless Chromium against a live server on the test database.

Set EDITORIAL_SCREENSHOTS_DIR=docs/img to refresh the committed pictures from the test run.
"""

import os
from pathlib import Path

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connections
from django.test.testcases import LiveServerThread
from PIL import Image as PILImage

from editorial.screenshots import CHROMIUM, VIEWPORT, shots, take_screenshots

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="needs Debian's chromium package"),
]


@pytest.fixture
def live_url(db):
    """A live server thread sharing the test's database connection (in-memory SQLite), so it sees the demo
    content and everything the test created without committing (no transactional test, no flush)."""
    connection = connections["default"]
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        pytest.skip("the shared-connection live server needs the in-memory SQLite test database")
    connection.inc_thread_sharing()
    thread = LiveServerThread("127.0.0.1", StaticFilesHandler, connections_override={"default": connection})
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()
    connection.dec_thread_sharing()


def test_editor_guide_screenshots(live_url, admin_user, tmp_path):
    out_dir = Path(os.environ.get("EDITORIAL_SCREENSHOTS_DIR") or tmp_path)
    written = take_screenshots(live_url, out_dir, admin_user.username)
    assert [path.name for path in written] == [name for name, _ in shots()]
    assert "translation-editor.png" in {path.name for path in written}
    for path in written:
        with PILImage.open(path) as picture:
            assert picture.format == "PNG"
            assert picture.size == (VIEWPORT["width"], VIEWPORT["height"])
            # Not a blank page: an admin screen has many colours.
            assert len(picture.convert("RGB").getcolors(maxcolors=100000) or []) > 20
        assert path.stat().st_size < 150_000
