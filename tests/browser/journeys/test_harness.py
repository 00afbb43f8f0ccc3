"""The journey site is the site `make run` serves: same setup commands, bin/serve's processes, SMTP mail."""

import re
from pathlib import Path

from .serving import BASE_DIR, MAKE_SETUP, WEB_CONCURRENCY


def _makefile_setup_commands():
    makefile = (BASE_DIR / "Makefile").read_text()
    recipe = re.search(r"^setup:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
    return [line.split("$(MANAGE)", 1)[1].split() for line in recipe.splitlines() if "$(MANAGE)" in line]


def test_setup_commands_are_the_makefiles():
    assert _makefile_setup_commands() == MAKE_SETUP


def _processes_of(pgid):
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(fields[2]) == pgid:  # field 5 of stat: the process group
            found.append(cmdline)
    return found


def test_served_by_bin_serve_with_workers_and_the_background_worker(journey_site):
    processes = _processes_of(journey_site.server_pid)
    assert any("bin/serve" in p for p in processes), processes
    assert sum("gunicorn" in p for p in processes) == WEB_CONCURRENCY + 1, processes  # the master and its workers
    # The background worker: django-tasks' db_worker made self-healing (manage.py worker).
    assert any("manage.py worker" in p for p in processes), processes


def test_mail_goes_over_smtp_to_the_test_server(journey_site, mailbox):
    mark = mailbox.mark()
    journey_site.manage("sendtestemail", "journey@example.org")
    message = mailbox.wait_for(to="journey@example.org", after=mark, timeout=30)
    assert "Test email" in str(message["Subject"])
