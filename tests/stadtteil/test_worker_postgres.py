"""On PostgreSQL (CI's second round): `pg_terminate_backend` on the worker's connection, the fault that stopped
django_tasks_db's `db_worker` for good. `manage.py worker` reconnects and runs the next task."""

import os
import secrets
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

BASE_DIR = Path(__file__).resolve().parents[2]

ENQUEUE = """
from tests.stadtteil.test_self_healing import sleep_then_query
print(sleep_then_query.enqueue(3).id)
"""


def status(cursor, task_id):
    cursor.execute("SELECT status FROM django_tasks_database_dbtaskresult WHERE id = %s", [task_id])
    row = cursor.fetchone()
    return row[0] if row else None


def wait_for_status(cursor, task_id, wanted, timeout):
    deadline = time.monotonic() + timeout
    while status(cursor, task_id) != wanted and time.monotonic() < deadline:
        time.sleep(0.2)
    return status(cursor, task_id)


@pytest.fixture
def own_database(db):
    """A PostgreSQL database of its own (the test database's transaction is invisible to a worker process)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (DATABASE_URL=postgres://…)")
    import psycopg

    params = connection.settings_dict
    name = f"stadtteil_worker_{secrets.token_hex(4)}"
    conninfo = {
        "host": params["HOST"] or "127.0.0.1",
        "port": params["PORT"] or 5432,
        "user": params["USER"],
        "password": params["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"postgres://{params['USER']}:{params['PASSWORD'] or ''}@{conninfo['host']}:{conninfo['port']}/{name}"
    try:
        with psycopg.connect(dbname=name, autocommit=True, **conninfo) as own:
            yield url, own.cursor()
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **conninfo) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_worker_survives_pg_terminate_backend(own_database, tmp_path):
    url, cursor = own_database
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "stadtteil.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "HTTPS": "0",
        "DATABASE_URL": url,
        "CONN_MAX_AGE": "600",  # a kept connection, as in production: the one that gets terminated
        "VAR_DIR": str(tmp_path),
        "LOG_FORMAT": "plain",
        "REDIS_URL": "",
        "TASKS_RUNNING_TIMEOUT": "3",
    }

    def manage(*args):
        result = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    manage("migrate", "django_tasks_database", "--noinput")
    task_id = manage("shell", "-c", ENQUEUE).split()[-1]
    log = open(tmp_path / "worker.log", "w")  # noqa: SIM115
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "worker", "--interval", "0.2", "--no-startup-delay"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        assert wait_for_status(cursor, task_id, "RUNNING", 60) == "RUNNING"
        # The task sleeps, then queries: its connection is gone by then, and so is the one that records the failure.
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert cursor.fetchall(), "the worker kept no connection to terminate"
        assert wait_for_status(cursor, task_id, "SUCCESSFUL", 60) == "SUCCESSFUL"
        assert worker.poll() is None, "the worker exited"
        cursor.execute("SELECT worker_ids FROM django_tasks_database_dbtaskresult WHERE id = %s", [task_id])
        assert len(cursor.fetchone()[0]) == 2  # run again after TASKS_RUNNING_TIMEOUT
    finally:
        worker.terminate()
        worker.wait(20)
        log.close()
    assert "Database error in the worker" in (tmp_path / "worker.log").read_text()
