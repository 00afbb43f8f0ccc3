"""Serve the site exactly as `make run` does, in a folder of its own: for the journeys and benchmarks/publish_load.py.

`make run` = the Makefile's `setup` commands with RUN_ENV (production settings, HTTPS=0, plain logs, SITE_URL from
PORT), then `bin/serve`: the periodic schedulers, `manage.py db_worker` and gunicorn with WEB_CONCURRENCY workers.
No DATABASE_URL or REDIS_URL: the embedded defaults (SQLite and the file cache under VAR_DIR) are what is tested.
"""

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[3]
WEB_CONCURRENCY = 3
# The manage.py commands of the Makefile's `setup` target, in order (test_harness.py compares them).
MAKE_SETUP = [
    ["migrate", "--noinput"],
    ["collectstatic", "--noinput", "--verbosity", "0"],
    ["ensure_admin"],
    ["load_demo"],
]


def journey_env(var, port, smtp_port=None, admin_password=None, workers=WEB_CONCURRENCY):
    """`make run`'s environment for an instance in `var`; mail over SMTP to 127.0.0.1:smtp_port if given, else
    written as files under var/mail (the default without EMAIL_HOST)."""
    dropped = {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "SITE_URL", "VAR_DIR", "MEDIA_ROOT"}
    env = {key: value for key, value in os.environ.items() if key not in dropped and not key.startswith("EMAIL_")}
    env.update(
        DJANGO_SETTINGS_MODULE="stadtteil.settings.production",
        HTTPS="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        LOG_FORMAT="plain",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SITE_URL=f"http://127.0.0.1:{port}",
        VAR_DIR=str(var),
        STATIC_ROOT=str(var / "static"),
        ADMIN_PASSWORD=admin_password or secrets.token_urlsafe(16),
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY=str(workers),
        PYTHONUNBUFFERED="1",
    )
    if smtp_port:
        env.update(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(smtp_port), EMAIL_USE_TLS="0")
    return env


def manage(env, *args, timeout=600):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=timeout
    )
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def set_up(env):
    """What `make setup` runs (the .mo files too, which are not in git)."""
    for command in [["compile_translations"], *MAKE_SETUP]:
        manage(env, *command)


def wait_until_serving(url, process, log_path, timeout=120):
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url + "/robots.txt", timeout=5)  # noqa: S310
            return
        except OSError:  # refused, reset or timed out while the workers start
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"bin/serve did not start:\n{log_path.read_text()}") from None
            time.sleep(0.3)


def start_serving(env, log_path):
    """Start bin/serve (in its own process group) and wait until it answers; returns (process, open log file)."""
    log = open(log_path, "w")  # noqa: SIM115 - the caller closes it after stop_serving
    process = subprocess.Popen(  # noqa: S603
        ["bin/serve"], cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        wait_until_serving(f"http://127.0.0.1:{env['PORT']}", process, Path(log_path))
    except BaseException:
        stop_serving(process)
        log.close()
        raise
    return process, log


def stop_serving(process):
    """SIGTERM to bin/serve, as Ctrl-C would: it stops gunicorn and the worker itself."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # its own process group (start_new_session)
            process.wait()
