"""Publishing under load: 20 news items published while wrk reads the news list, on the site as `make run` serves it.

The site is set up and served exactly as `make run` does (tests/browser/journeys/serving.py: the Makefile's setup
commands, then bin/serve with three gunicorn workers, the background worker and SQLite with the file cache under
its own VAR_DIR). wrk reads /de/aktuelles/ all the time; a separate process publishes the items one after the
other with Wagtail's publish API (revision + publish, as the admin's "Veröffentlichen" does). After each publish
has returned, READS_AFTER_PUBLISH requests for the list are made at once: a response without the new item is
stale. Prints errors (wrk's non-2xx responses and socket errors, 500s and "database is locked" in the server
log, failed background tasks) and stale responses. Target: 0 and 0.

Run: `.venv/bin/python benchmarks/publish_load.py` (needs wrk: apt-get install wrk).
Environment: PUBLISH_COUNT (20), READS_AFTER_PUBLISH (12), BENCH_CONNECTIONS (3), BENCH_PORT (8108),
BENCH_DIR (a folder to keep; default a temporary one).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.journeys.serving import (  # noqa: E402
    WEB_CONCURRENCY,
    journey_env,
    set_up,
    start_serving,
    stop_serving,
)

COUNT = int(os.environ.get("PUBLISH_COUNT", "20"))
READS_AFTER_PUBLISH = int(os.environ.get("READS_AFTER_PUBLISH", "12"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", str(WEB_CONCURRENCY)))
PORT = int(os.environ.get("BENCH_PORT", "8108"))
PATH = "/de/aktuelles/"

# Runs inside `manage.py shell`: publishes one news item per line read, answers with a line once it is committed.
PUBLISHER = """
import sys, time
from django.contrib.auth import get_user_model
from news.models import NewsIndexPage, NewsPage
index = NewsIndexPage.objects.live().get(locale__language_code="de")
user = get_user_model().objects.filter(is_superuser=True).first()
for line in sys.stdin:
    title = line.strip()
    if not title:
        continue
    started = time.monotonic()
    page = NewsPage(title=title, teaser="Meldung aus dem Lasttest.", slug=title.lower().replace(" ", "-"))
    index.add_child(instance=page)
    page.save_revision(user=user).publish(user=user)
    print(f"published {time.monotonic() - started:.3f}", flush=True)
"""


def wrk_until(stop, results):
    """Run wrk in 5-second rounds until `stop` is set; collect each round's text output."""
    while not stop.is_set():
        output = subprocess.run(  # noqa: S603
            # A response slower than 10 s counts as an error (wrk's default, 2 s, counts a slow render on a busy
            # shared machine as one; a browser waits much longer).
            ["wrk", "-t1", f"-c{CONNECTIONS}", "-d5s", "--timeout", "10s", f"http://127.0.0.1:{PORT}{PATH}"],  # noqa: S607
            capture_output=True,
            text=True,
        ).stdout
        results.append(output)


def wrk_totals(outputs):
    requests = non_2xx = 0
    socket_errors = [0, 0, 0, 0]  # connect, read, write, timeout
    seconds = 0.0
    for output in outputs:
        match = re.search(r"(\d+) requests in ([\d.]+)s", output)
        requests += int(match.group(1)) if match else 0
        seconds += float(match.group(2)) if match else 0
        match = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        non_2xx += int(match.group(1)) if match else 0
        match = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
        for kind, value in enumerate(match.groups() if match else ()):
            socket_errors[kind] += int(value)
    return requests, seconds, non_2xx, socket_errors


def get(path):
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=30) as response:  # noqa: S310
        return response.status, response.read().decode()


def failed_tasks(db_path):
    import sqlite3

    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as connection:
        rows = connection.execute(
            "SELECT task_path, exception_class_path FROM django_tasks_database_dbtaskresult WHERE status = 'FAILED'"
        ).fetchall()
    # Wagtail's reference-index tasks for inline rows replaced by a later save fail with DoesNotExist (not ours).
    return [row for row in rows if not row[1].endswith(".DoesNotExist")]


def main():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (Debian: apt-get install wrk)")
    var = Path(os.environ.get("BENCH_DIR") or tempfile.mkdtemp(prefix="stadtteil-publish-load-"))
    var.mkdir(parents=True, exist_ok=True)
    env = journey_env(var, PORT)
    if not (var / "db.sqlite3").exists():
        print(f"Setting up the site as `make run` does in {var} …", flush=True)
        set_up(env)
    server, log = start_serving(env, var / "serve.log")
    stop, outputs = threading.Event(), []
    try:
        for _ in range(4 * WEB_CONCURRENCY):  # every worker has rendered and cached the list
            get(PATH)
        publisher = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", PUBLISHER],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        reader = threading.Thread(target=wrk_until, args=(stop, outputs), daemon=True)
        reader.start()
        time.sleep(2)
        stale = errors_after = 0
        durations = []
        run = int(time.time())
        for number in range(1, COUNT + 1):
            title = f"Lasttest {run} Meldung {number}"
            publisher.stdin.write(title + "\n")
            publisher.stdin.flush()
            answer = publisher.stdout.readline()
            while answer and not answer.startswith("published"):  # the shell's own messages
                answer = publisher.stdout.readline()
            if not answer:
                raise RuntimeError(f"publishing {title!r} failed (see the output above)")
            durations.append(float(answer.split()[1]))
            for _ in range(READS_AFTER_PUBLISH):
                status, body = get(PATH)
                if status != 200:
                    errors_after += 1
                elif title not in body:
                    stale += 1
        publisher.stdin.close()
        publisher.wait(timeout=60)
        stop.set()
        reader.join()
    finally:
        stop.set()
        stop_serving(server)
        log.close()
    requests, seconds, non_2xx, socket_errors = wrk_totals(outputs)
    server_log = (var / "serve.log").read_text(errors="replace")
    server_500 = server_log.count('" 500 ')
    locked = server_log.count("database is locked")
    tasks_failed = failed_tasks(var / "db.sqlite3")
    figures = {
        "published": COUNT,
        "publish seconds (median, max)": [sorted(durations)[len(durations) // 2], max(durations)],
        "wrk requests": requests,
        "wrk requests/s": round(requests / seconds, 1) if seconds else 0,
        "wrk non-2xx": non_2xx,
        "wrk socket errors (connect, read, write, timeout)": socket_errors,
        "server 500s": server_500,
        "database is locked (log)": locked,
        "failed background tasks": len(tasks_failed),
        "reads after publish": COUNT * READS_AFTER_PUBLISH,
        "errors after publish": errors_after,
        "stale after publish": stale,
    }
    print(f"\n# Publish under load: SQLite + file cache, {WEB_CONCURRENCY} gunicorn workers + db_worker (bin/serve)")
    for name, value in figures.items():
        print(f"{name:50} {json.dumps(value)}")
    errors = non_2xx + sum(socket_errors) + server_500 + locked + len(tasks_failed) + errors_after
    print(f"\nerrors: {errors}, stale: {stale} (target: 0 and 0)")
    sys.exit(1 if errors or stale else 0)


if __name__ == "__main__":
    main()
