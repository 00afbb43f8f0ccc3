"""The site served as `make run` serves it (bin/serve: gunicorn + the worker, production settings) with its own
SQLite database, its own Redis on a spare port (never the machine's shared 6379) and mail written to files;
the tests inject faults into it and record what each visitor saw (printed as a table at the end)."""

import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
ROWS = []
# The paths the visitors ask for, from the served site's own database (not the test database).
PATHS = """
import json
from home.models import HomePage
from news.models import EventIndexPage, NewsIndexPage
from stadtteil.routing import reverse_alternates
from tests.conftest import demo_url
models = {"home": HomePage, "news": NewsIndexPage, "events": EventIndexPage}
paths = {f"{name}-{language}": demo_url(model, lang=language) for name, model in models.items() for language in ("de", "en")}
paths["subscribe-de"] = reverse_alternates("subscriptions:subscribe")["de"]
print(json.dumps(paths))
"""


@pytest.hookimpl(tryfirst=True)  # before `-m` selects
def pytest_collection_modifyitems(config, items):
    """Marked `faults`; they take minutes (setting up a served site), so they run only when asked for:
    `pytest -m faults tests/faults` or RUN_FAULTS=1."""
    here = Path(__file__).parent
    wanted = "faults" in (config.getoption("-m") or "") or os.environ.get("RUN_FAULTS") == "1"
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.faults)
            if not wanted:
                item.add_marker(pytest.mark.skip(reason="fault injection: run with `pytest -m faults tests/faults`"))


def record(fault, visitor, saw, lost="no"):
    ROWS.append((fault, visitor, saw, lost))


def pytest_terminal_summary(terminalreporter):
    if not ROWS:
        return
    widths = [max(len(str(row[i])) for row in [("fault", "visitor", "saw", "lost"), *ROWS]) for i in range(4)]
    terminalreporter.section("faults: what each visitor saw")
    for row in [("fault", "visitor", "saw", "lost"), *ROWS]:
        terminalreporter.write_line(
            "  ".join(str(value).ljust(width) for value, width in zip(row, widths, strict=True))
        )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children(pid):
    """(pid, command line) of the direct children of a process, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == pid:
                found.append((int(entry.name), (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()))
        except (OSError, IndexError, ValueError):
            continue
    return found


class Redis:
    def __init__(self, port, directory):
        self.port, self.directory, self.process = port, directory, None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.5).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None


class Response:
    def __init__(self, status, body="", headers=None, error=None):
        self.status, self.body, self.headers, self.error = status, body, headers or {}, error

    def __repr__(self):
        return f"{self.status}" if self.error is None else f"{self.error}"


class ServedSite:
    def __init__(self, var, port, redis, env):
        self.var, self.port, self.redis, self.env = var, port, redis, env
        self.url = f"http://127.0.0.1:{port}"
        self.db_path = var / "db.sqlite3"
        self.serve = None
        self.paths = {}

    # --- processes ---
    def start(self):
        self.log = open(self.var / "serve.log", "a")  # noqa: SIM115 - closed in stop()
        self.serve = subprocess.Popen(  # noqa: S603
            ["/bin/sh", str(BASE_DIR / "bin" / "serve")],
            cwd=BASE_DIR,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        # This bin/serve's own gunicorn (not workers orphaned by a killed master), and bin/serve's traps are set.
        while self.gunicorn_pid() is None or self.get("/robots.txt").status != 200:
            if self.serve.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"bin/serve did not start:\n{(self.var / 'serve.log').read_text()[-3000:]}")
            time.sleep(0.3)

    def stop(self):
        if self.serve is not None and self.serve.poll() is None:
            self.serve.send_signal(signal.SIGTERM)
            try:
                self.serve.wait(45)
            except subprocess.TimeoutExpired:
                for pid, _ in children(self.serve.pid):
                    os.kill(pid, signal.SIGKILL)
                self.serve.kill()
        self.log.close()

    def child(self, needle):
        for pid, command in children(self.serve.pid):
            if needle in command:
                return pid
        return None

    def worker_pid(self, timeout=0):
        deadline = time.monotonic() + timeout
        while True:
            pid = self.child("manage.py worker")
            if pid or time.monotonic() >= deadline:
                return pid
            time.sleep(0.2)

    def gunicorn_pid(self):
        return self.child("gunicorn")

    def manage(self, *args, timeout=120):
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert result.returncode == 0, f"manage.py {args[0]} failed:\n{result.stdout}\n{result.stderr}"
        return result.stdout

    def query(self, sql, *params):
        with sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=30) as connection:
            return connection.execute(sql, params).fetchall()

    # --- visitors ---
    def request(self, path, data=None, headers=None, timeout=40):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.url + path, data=body, headers=headers or {})  # noqa: S310 - http only
        opener = urllib.request.build_opener(NoRedirect, urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        try:
            with opener.open(request, timeout=timeout) as response:
                return Response(response.status, response.read().decode(errors="replace"), dict(response.headers))
        except urllib.error.HTTPError as error:
            return Response(error.code, error.read().decode(errors="replace"), dict(error.headers))
        except (OSError, urllib.error.URLError) as error:
            reason = getattr(error, "reason", error)
            return Response(None, error=type(reason).__name__ if not isinstance(reason, str) else reason)

    def get(self, path, **kwargs):
        return self.request(path, **kwargs)

    def subscribe(self, email, check=True):
        """The footer newsletter form, as a browser posts it; returns (response, stored?)."""
        home = self.paths["home-de"]
        response = self.request(
            self.paths["subscribe-de"],
            data={"email": email, "consent": "on", "topics": ["news"], "language": "de", "form_url": home},
            headers={"Origin": self.url, "Referer": self.url + home},
        )
        return response, self.subscriber_exists(email) if check else None

    def subscriber_exists(self, email):
        deadline = time.monotonic() + 30
        while True:
            try:
                return bool(self.query("SELECT 1 FROM subscriptions_subscriber WHERE email = ?", email))
            except sqlite3.OperationalError:  # the file is away or locked: ask again
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    def mails(self):
        """Recipients of every mail written by the file backend (one file per SMTP-like connection)."""
        recipients = []
        for path in sorted((self.var / "mail").glob("*.log")):
            recipients += re.findall(r"^To: (.+)$", path.read_text(errors="replace"), flags=re.MULTILINE)
        return recipients


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def saw(response):
    """A visitor's view of a response, in a few words."""
    if response.status is None:
        return f"connection error ({response.error})"
    text = f"{response.status}"
    title = re.search(r"<h1[^>]*>(.*?)</h1>", response.body, flags=re.S)
    if response.status >= 400 and title:
        heading = re.sub(r"<[^>]+>|\s+", " ", title.group(1)).strip()
        text += f' "{heading}"'
    if response.headers.get("X-Cache"):
        text += f" (cache {response.headers['X-Cache']})"
    if response.headers.get("Retry-After"):
        text += f" Retry-After {response.headers['Retry-After']}"
    return text


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    if not shutil.which("redis-server"):
        pytest.skip("redis-server is not installed")
    var = tmp_path_factory.mktemp("faults-site")
    redis = Redis(free_port(), var)
    redis.start()
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "EMAIL_HOST", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="stadtteil.settings.production",
        HTTPS="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        VAR_DIR=str(var),
        DATABASE_URL=f"sqlite:///{var / 'db.sqlite3'}",
        REDIS_URL=f"redis://127.0.0.1:{redis.port}/0",
        MEDIA_ROOT=str(var / "media"),
        STATIC_ROOT=str(var / "static"),
        WAGTAILADMIN_BASE_URL=f"http://127.0.0.1:{port}",
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY="2",
        PYTHONUNBUFFERED="1",
        LOG_FORMAT="plain",
        # Faults heal within seconds here, not the production quarter of an hour.
        TASKS_RUNNING_TIMEOUT="4",
        SUBSCRIPTIONS_SEND_RATE="100000",
    )
    site = ServedSite(var, port, redis, env)
    for command in (
        ["compile_translations"],
        ["migrate", "--noinput"],
        ["collectstatic", "--noinput", "--verbosity", "0"],
        ["load_demo"],
    ):
        site.manage(*command, timeout=600)
    site.paths = json.loads(site.manage("shell", "-c", PATHS).splitlines()[-1])
    # load_demo queued hundreds of search and reference index updates for the worker; a fresh `make run` works
    # through them in its first minutes. Not what these tests are about: start with an empty queue.
    with sqlite3.connect(site.db_path) as connection:
        connection.execute("DELETE FROM django_tasks_database_dbtaskresult")
    site.start()
    try:
        yield site
    finally:
        site.stop()
        redis.stop()
