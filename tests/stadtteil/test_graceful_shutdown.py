"""SIGTERM to gunicorn (a deploy, `docker stop`, bin/serve stopping) lets every request in flight finish: those the
workers are handling and those still waiting in the listen queue (stadtteil/gunicorn_worker.py)."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            return response.status
    except OSError as error:
        return type(getattr(error, "reason", error)).__name__


def test_sigterm_lets_requests_in_flight_finish(tmp_path):
    port = free_port()
    env = {**os.environ, "PORT": str(port), "HOST": "127.0.0.1", "WEB_CONCURRENCY": "2", "LOG_FORMAT": "plain"}
    env["PYTHONPATH"] = str(BASE_DIR)
    gunicorn = Path(sys.executable).parent / "gunicorn"
    log = open(tmp_path / "gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(  # noqa: S603
        [str(gunicorn), "--config", "gunicorn.conf.py", "tests.stadtteil.slow_wsgi:application"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while fetch(f"http://127.0.0.1:{port}/?0") != 200:
            assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "gunicorn.log").read_text()
            time.sleep(0.2)
        # Two workers, six requests of 2 s: two are being handled, four wait in the listen queue.
        with ThreadPoolExecutor(6) as pool:
            futures = [pool.submit(fetch, f"http://127.0.0.1:{port}/?2") for _ in range(6)]
            time.sleep(0.5)
            server.send_signal(signal.SIGTERM)
            results = [future.result() for future in futures]
        assert server.wait(30) == 0
    finally:
        if server.poll() is None:
            server.kill()
        log.close()
    assert results == [200] * 6
