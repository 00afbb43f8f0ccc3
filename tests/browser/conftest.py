"""The browser suite: the site served by gunicorn with the production settings, driven by Debian's Chromium.

The server gets its own SQLite database in a temporary folder (migrate + load_demo), never the pytest-django
test database, which is shared by the other tests and must not be flushed.
"""

import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
BASE_DIR = Path(__file__).resolve().parents[2]
ARTIFACTS = BASE_DIR / "test-artifacts"
ADMIN_PASSWORD = "browser-suite-" + secrets.token_urlsafe(12)


@pytest.hookimpl(tryfirst=True)  # before `-m "not browser"` deselects
def pytest_collection_modifyitems(config, items):
    # Every test in this folder is a browser test. Under pytest-xdist they all run on one worker (`--dist
    # loadgroup`): they share the served sites, which cost minutes to set up, and the other worker runs the rest.
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.xdist_group("browser"))


def _require(condition, message):
    """Skip on a developer machine, fail on CI (REQUIRE_BROWSER=1)."""
    if condition:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(message + " (REQUIRE_BROWSER=1 is set)", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium_path():
    _require(
        os.path.exists(CHROMIUM),
        f"{CHROMIUM} is missing: install Debian's 'chromium' package (apt-get install chromium) "
        "to run the browser tests",
    )
    return CHROMIUM


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveSite(str):
    """The base URL (a str) with the path of the server's SQLite database, for looking up ids."""

    def __new__(cls, url, db_path):
        site = super().__new__(cls, url)
        site.db_path = db_path
        site.log_path = db_path.parent / "gunicorn.log"
        return site

    def query(self, sql, *params):
        with sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True) as connection:
            return connection.execute(sql, params).fetchall()


def site_env(var, db_path, port, site_url, allowed_hosts):
    """The environment of a test site served by gunicorn as in production (plain HTTP on 127.0.0.1, SQLite)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "EMAIL_HOST", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="stadtteil.settings.production",
        HTTPS="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=allowed_hosts,
        VAR_DIR=str(var),
        DATABASE_URL=f"sqlite:///{db_path}",
        MEDIA_ROOT=str(var / "media"),
        STATIC_ROOT=str(var / "static"),
        SITE_URL=site_url,
        HOST="127.0.0.1",
        PORT=str(port),
    )
    return env


@pytest.fixture(scope="session")
def live_site(chromium_path, tmp_path_factory):
    """Base URL of the demo site served by gunicorn as in production (plain HTTP on 127.0.0.1)."""
    var = tmp_path_factory.mktemp("browser-site")
    port = _free_port()
    env = site_env(var, var / "db.sqlite3", port, f"http://127.0.0.1:{port}", "127.0.0.1,localhost")
    env.update(ADMIN_PASSWORD=ADMIN_PASSWORD, WEB_CONCURRENCY="2", PYTHONUNBUFFERED="1")
    python = sys.executable
    for command in (
        ["compile_translations"],
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput", "--verbosity", "0"],
        ["ensure_admin"],
        ["load_demo"],
    ):
        result = subprocess.run(  # noqa: S603
            [python, "manage.py", *command], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=600
        )
        assert result.returncode == 0, f"manage.py {' '.join(command)} failed:\n{result.stdout}\n{result.stderr}"
    log = open(var / "gunicorn.log", "w")  # noqa: SIM115 (closed at teardown)
    gunicorn = shutil.which("gunicorn", path=str(Path(python).parent)) or "gunicorn"
    server = subprocess.Popen(  # noqa: S603
        [gunicorn, "--config", "gunicorn.conf.py", "stadtteil.wsgi:application"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                urllib.request.urlopen(base_url + "/robots.txt", timeout=5)  # noqa: S310
                break
            except OSError:  # refused, reset or timed out while the workers start
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start:\n{(var / 'gunicorn.log').read_text()}") from None
                time.sleep(0.3)
        yield LiveSite(base_url, var / "db.sqlite3")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class PageRecorder:
    """A browser tab that records every request and every console message of the pages it opens."""

    def __init__(self, context, base_url):
        self.base_url = base_url
        self.page = context.new_page()
        self.requests = []
        self.failed = []
        self.console = []
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("requestfailed", lambda request: self.failed.append(request.url))
        self.page.on("console", lambda message: self.console.append((message.type, message.text)))
        self.page.on("pageerror", lambda error: self.console.append(("pageerror", str(error))))

    def open(self, path):
        response = self.page.goto(self.base_url + path, wait_until="load")
        return response


@pytest.fixture
def tab(browser, live_site):
    context = browser.new_context(base_url=live_site, locale="de-DE", viewport={"width": 1280, "height": 900})
    recorder = PageRecorder(context, live_site)
    yield recorder
    context.close()


@pytest.fixture(scope="session")
def artifacts():
    """Where screenshots are kept for a person to look at: SCREENSHOT_DIR, else test-artifacts/screenshots."""
    path = Path(os.environ.get("SCREENSHOT_DIR") or ARTIFACTS / "screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path
