"""Journeys: the site served exactly as `make run` serves it, walked in Chromium with the browser's own defaults.

One site per test session, shared by every journey module (starting it costs one to three minutes):
- the setup commands of the Makefile's `setup` target (MAKE_SETUP, checked against the Makefile by
  test_harness.py), with the production settings and `make run`'s environment (HTTPS=0, plain logs);
- then `bin/serve` itself: gunicorn with WEB_CONCURRENCY workers, `manage.py db_worker` and the periodic
  schedulers; its own VAR_DIR (SQLite database, media, file cache), no DATABASE_URL or REDIS_URL;
- mail over SMTP to an aiosmtpd server this session runs (`mailbox` fixture: wait for a mail, read its links).

`live_site` is overridden here, so the `tab` fixture of tests/browser/conftest.py opens pages of this site.
"""

import email
import email.policy
import html
import re
import secrets
import threading
import time

import pytest

from ..conftest import LiveSite, _free_port
from .serving import journey_env, manage, set_up, start_serving, stop_serving

ADMIN_PASSWORD = "journey-suite-" + secrets.token_urlsafe(12)
URL_RE = re.compile(r"https?://[^\s<>\"']+")


class Mailbox:
    """Every mail the served site sent over SMTP during this session, parsed."""

    def __init__(self):
        self.messages = []
        self._condition = threading.Condition()

    # aiosmtpd handler hook
    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        message.envelope_to = list(envelope.rcpt_tos)
        with self._condition:
            self.messages.append(message)
            self._condition.notify_all()
        return "250 OK"

    def wait_for(self, to=None, subject=None, timeout=60, after=0):
        """The first mail (from index `after` on) to `to` whose subject contains `subject`; waits for it.

        Mail sent by the background worker arrives a few seconds after the request that queued it."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                for message in self.messages[after:]:
                    if to and to.lower() not in [address.lower() for address in message.envelope_to]:
                        continue
                    if subject and subject.lower() not in str(message["Subject"]).lower():
                        continue
                    return message
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    seen = [(m.envelope_to, str(m["Subject"])) for m in self.messages[after:]]
                    raise AssertionError(f"No mail to {to!r} with subject {subject!r} within {timeout}s; got {seen}")
                self._condition.wait(remaining)

    def mark(self):
        """Index to pass as `after=` to ignore the mails sent so far."""
        with self._condition:
            return len(self.messages)

    @staticmethod
    def text(message):
        part = message.get_body(preferencelist=("plain",))
        return part.get_content() if part else ""

    @staticmethod
    def html(message):
        part = message.get_body(preferencelist=("html",))
        return part.get_content() if part else ""

    @classmethod
    def links(cls, message, prefix=""):
        """Absolute links of the mail (text and HTML parts, headers such as List-Unsubscribe), in order, unique."""
        found = []
        sources = [cls.text(message), html.unescape(cls.html(message))]
        sources += [str(value) for name, value in message.items() if name.lower().startswith("list-")]
        for source in sources:
            for url in URL_RE.findall(source):
                url = url.rstrip(".,;:)>")
                if url.startswith(prefix) and url not in found:
                    found.append(url)
        return found


@pytest.fixture(scope="session")
def mailbox():
    from aiosmtpd.controller import Controller

    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=_free_port())
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


class JourneySite(LiveSite):
    """The base URL, the served instance's files, its mailbox and a way to run manage.py against it."""

    def __new__(cls, url, var, env, mailbox):
        site = super().__new__(cls, url, var / "db.sqlite3")
        site.var = var
        site.env = env
        site.mailbox = mailbox
        site.log_path = var / "serve.log"
        site.admin_password = ADMIN_PASSWORD
        return site

    def manage(self, *args, timeout=300):
        """Run a manage.py command against the served instance (same settings and database)."""
        return manage(self.env, *args, timeout=timeout)

    def log(self):
        return self.log_path.read_text(errors="replace")

    def server_errors(self):
        """Lines of the server log (web workers and background worker) that report a 500 or a database error."""
        markers = ('" 500 ', "ERROR django.request", "database is locked", "OperationalError")
        return [line for line in self.log().splitlines() if any(marker in line for marker in markers)]

    def failed_tasks(self):
        """(task, exception) of the background tasks that failed, except Wagtail's reference-index tasks for
        inline rows that a later save replaced (update_reference_index_task looks them up by id: DoesNotExist)."""
        rows = self.query(
            "SELECT task_path, exception_class_path FROM django_tasks_database_dbtaskresult WHERE status = 'FAILED'"
        )
        return [
            (task, exception)
            for task, exception in rows
            if not (task == "wagtail.tasks.update_reference_index_task" and exception.endswith(".DoesNotExist"))
        ]


@pytest.fixture(scope="session")
def journey_site(chromium_path, tmp_path_factory, mailbox):
    var = tmp_path_factory.mktemp("journey-site")
    port = _free_port()
    env = journey_env(var, port, mailbox.port, admin_password=ADMIN_PASSWORD)
    # Every visitor of the journeys comes from 127.0.0.1: room for all their contributions in one hour.
    env["PARTICIPATION_RATE_LIMIT"] = "100/h"
    set_up(env)
    server, log = start_serving(env, var / "serve.log")
    url = f"http://127.0.0.1:{port}"
    try:
        site = JourneySite(url, var, env, mailbox)
        site.server_pid = server.pid  # bin/serve, leader of its own process group
        yield site
    finally:
        stop_serving(server)
        log.close()


@pytest.fixture(scope="session")
def live_site(journey_site):
    """The `tab` fixture of tests/browser opens pages of the journey site."""
    return journey_site


@pytest.fixture
def context_factory(browser, journey_site):
    """New browser contexts (separate cookie jars: a visitor, an editor, a moderator), closed after the test."""
    contexts = []

    def make(locale="de-DE"):
        context = browser.new_context(base_url=journey_site, locale=locale, viewport={"width": 1280, "height": 900})
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def sign_in(page, site, username="admin", password=ADMIN_PASSWORD):
    """Sign in to the Wagtail admin through its login form, as a person would, with the second factor where the
    role requires it (set up on the first sign-in, then the authenticator app's code)."""
    from tests.browser.staff import complete_second_factor

    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "/admin/login/" not in page.url, "sign-in failed"
    if "/admin/two-factor/" in page.url:
        complete_second_factor(page, site, username)


@pytest.fixture
def admin_page(context_factory, journey_site):
    """A browser tab signed in to the Wagtail admin as the demo's superuser."""
    page = context_factory().new_page()
    sign_in(page, journey_site)
    return page
