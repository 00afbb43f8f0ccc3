"""Self-healing: the worker outlives database errors and killed workers, the site outlives Redis and the database.

The same faults injected into a served site (gunicorn + worker processes): tests/faults/."""

import sqlite3
from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.test import override_settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult, DBTaskResultQuerySet

from home.models import HomePage
from news.models import NewsIndexPage
from stadtteil import worker as worker_module
from stadtteil.views import sqlite_database_exists
from stadtteil.worker import ResilientWorker, prune_task_results, recover_stale_tasks, run_forever
from tests.conftest import demo_url

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
RUNS = []


@task()
def record_run(label):
    RUNS.append(label)
    return label


@task()
def fail_on_database(label):
    RUNS.append(label)
    if RUNS.count(label) == 1:
        raise OperationalError("server closed the connection unexpectedly")
    return label


@task()
def sleep_then_query(seconds):
    """For tests/stadtteil/test_worker_postgres.py: a task whose connection can be cut while it runs."""
    import time

    time.sleep(seconds)
    return DBTaskResult.objects.count()


def make_worker():
    return ResilientWorker(
        queue_names=["default"],
        excluded_queue_names=[],
        interval=0,
        batch=True,  # return once the queue is empty
        backend_name="default",
        startup_delay=False,
        max_tasks=10,  # bounded: a worker that keeps finding work fails the test instead of hanging the run
        worker_id="test-worker",
    )


@pytest.fixture
def runs(monkeypatch):
    RUNS.clear()
    # Closing the connections would end the test's transaction; count the calls instead.
    closed = []
    monkeypatch.setattr(worker_module, "close_connections", lambda: closed.append(True))
    # Django closes a connection inside a transaction as "obsolete" (PostgreSQL; SQLite's in-memory one never).
    monkeypatch.setattr(worker_module, "close_old_connections", lambda: None)
    yield closed
    RUNS.clear()


def claimed_long_ago(result, minutes):
    """What a worker killed during the task leaves behind: RUNNING, started long ago."""
    DBTaskResult.objects.filter(pk=result.id).update(
        status="RUNNING", started_at=timezone.now() - timedelta(minutes=minutes), worker_ids=["killed-worker"]
    )


@override_settings(TASKS=DB_TASKS)
def test_the_worker_survives_a_database_error_and_runs_the_task(db, runs, monkeypatch):
    result = record_run.enqueue("after the outage")
    real_get_locked = DBTaskResultQuerySet.get_locked
    errors = [OperationalError("terminating connection due to administrator command")] * 2

    def flaky_get_locked(self):
        if errors:
            raise errors.pop()
        return real_get_locked(self)

    monkeypatch.setattr(DBTaskResultQuerySet, "get_locked", flaky_get_locked)
    pauses = []
    run_forever(make_worker(), sleep=pauses.append)
    assert pauses == [1.0, 2.0]  # backoff between the attempts
    assert len(runs) == 2  # broken connections dropped each time
    assert RUNS == ["after the outage"]
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"


@override_settings(TASKS=DB_TASKS)
def test_a_task_failed_by_the_database_is_run_again(db, runs):
    result = fail_on_database.enqueue("twice")
    make_worker().run()
    queued = DBTaskResult.objects.get(pk=result.id)
    assert queued.status == "READY" and queued.run_after > timezone.now()
    DBTaskResult.objects.filter(pk=result.id).update(run_after=timezone.now())
    make_worker().run()
    assert RUNS == ["twice", "twice"]
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"


@override_settings(TASKS=DB_TASKS, TASKS_RUNNING_TIMEOUT=600)
def test_the_task_of_a_killed_worker_runs_again_exactly_once(db, runs):
    stale = record_run.enqueue("stale")
    busy = record_run.enqueue("busy")
    claimed_long_ago(stale, minutes=11)
    claimed_long_ago(busy, minutes=5)  # another worker may still be on it
    assert recover_stale_tasks() == 1
    assert recover_stale_tasks() == 0
    make_worker().run()
    assert RUNS == ["stale"]
    result = DBTaskResult.objects.get(pk=stale.id)
    assert result.status == "SUCCESSFUL"
    assert result.worker_ids == ["killed-worker", "test-worker"]
    assert DBTaskResult.objects.get(pk=busy.id).status == "RUNNING"


@override_settings(TASKS=DB_TASKS, TASKS_RUNNING_TIMEOUT=60, TASKS_MAX_ATTEMPTS=3)
def test_a_task_that_keeps_killing_its_worker_is_given_up(db, runs):
    result = record_run.enqueue("poison")
    claimed_long_ago(result, minutes=2)
    DBTaskResult.objects.filter(pk=result.id).update(worker_ids=["a", "b", "c"])
    assert recover_stale_tasks() == 0
    failed = DBTaskResult.objects.get(pk=result.id)
    assert failed.status == "FAILED"
    assert "3 attempts" in failed.traceback
    make_worker().run()
    assert RUNS == []


@override_settings(TASKS=DB_TASKS, TASKS_RESULT_RETENTION_DAYS=14)
def test_old_finished_task_results_are_pruned(db):
    old_done, old_failed, recent, waiting = (record_run.enqueue(label) for label in "abcd")
    long_ago = timezone.now() - timedelta(days=15)
    DBTaskResult.objects.filter(pk=old_done.id).update(status="SUCCESSFUL", finished_at=long_ago)
    DBTaskResult.objects.filter(pk=old_failed.id).update(status="FAILED", finished_at=long_ago)
    DBTaskResult.objects.filter(pk=recent.id).update(status="SUCCESSFUL", finished_at=timezone.now())
    assert prune_task_results() == 2
    assert {str(pk) for pk in DBTaskResult.objects.values_list("pk", flat=True)} == {recent.id, waiting.id}


# --- Redis down -----------------------------------------------------------------------------------------------


@pytest.fixture
def redis_down(settings):
    """The production cache pointing at a port where no Redis listens (a stopped Redis)."""
    from django.core.cache import caches

    settings.CACHES = {
        "default": {"BACKEND": "stadtteil.cache.ResilientRedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
    }
    settings.PAGE_CACHE_ENABLED = True
    yield caches["default"]


@pytest.mark.parametrize(
    ("model", "language", "text"), [(HomePage, "de", "Heeren-Werve"), (NewsIndexPage, "en", "News")]
)
def test_pages_render_while_redis_is_down(client, demo, redis_down, model, language, text):
    path = demo_url(model, lang=language)
    response = client.get(path)
    assert response.status_code == 200
    assert text in response.content.decode()
    assert client.get(path).status_code == 200  # and again, without a cache hit
    assert redis_down.get("anything", "fallback") == "fallback"
    assert redis_down.add("key", 1) is False


def test_healthz_reports_redis_down(client, db, redis_down):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "error"
    assert response.json()["database"] == "ok"


# --- Database down --------------------------------------------------------------------------------------------


def cut_database(monkeypatch):
    from wagtail.models import Site

    def refuse(*args, **kwargs):
        raise OperationalError('connection to server at "db" (10.0.0.3), port 5432 failed: Connection refused')

    # The first query of every Wagtail page.
    monkeypatch.setattr(Site, "find_for_request", refuse)


@pytest.fixture
def database_down(monkeypatch):
    cut_database(monkeypatch)


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        ("de", "Vorübergehend nicht erreichbar", "Bitte versuchen Sie es in einer Minute noch einmal."),
        ("en", "Temporarily unavailable", "Please try again in a minute."),
    ],
)
def test_database_down_gives_a_translated_503_page(client, db, database_down, language, title, text):
    client.raise_request_exception = False
    response = client.get(demo_url(NewsIndexPage, lang=language))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert f"<h1>{title}</h1>" in html
    assert text in html
    assert f'lang="{language}"' in html


def test_database_down_cached_pages_are_still_served(client, demo, settings, monkeypatch, django_assert_num_queries):
    settings.PAGE_CACHE_ENABLED = True
    home, news = demo_url(HomePage), demo_url(NewsIndexPage)
    client.get(home)
    assert client.get(home)["X-Cache"] == "HIT"
    cut_database(monkeypatch)
    client.raise_request_exception = False
    with django_assert_num_queries(0):
        cached = client.get(home)
    assert cached.status_code == 200 and cached["X-Cache"] == "HIT"
    assert client.get(news).status_code == 503


def test_other_errors_stay_a_500(client, db, monkeypatch):
    from wagtail.models import Site

    def broken(*args, **kwargs):
        raise ValueError("a bug")

    home = demo_url(HomePage)
    monkeypatch.setattr(Site, "find_for_request", broken)
    client.raise_request_exception = False
    response = client.get(home)
    assert response.status_code == 500
    assert "Retry-After" not in response


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only: the database file")
def test_healthz_detects_a_missing_sqlite_file(client, db, tmp_path, monkeypatch):
    missing = tmp_path / "db.sqlite3"
    monkeypatch.setattr(connection, "vendor", "sqlite")
    monkeypatch.setattr(connection, "is_in_memory_db", lambda: False)
    monkeypatch.setitem(connection.settings_dict, "NAME", str(missing))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"
    assert not missing.exists()  # and the check did not create an empty one


def test_sqlite_check_wants_a_migrated_database(tmp_path):
    path = tmp_path / "db.sqlite3"
    with pytest.raises(sqlite3.OperationalError):
        sqlite_database_exists(path)
    assert not path.exists()
    sqlite3.connect(path).close()  # what SQLite leaves behind when it opens a missing file
    with pytest.raises(sqlite3.OperationalError):
        sqlite_database_exists(path)
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE django_migrations (id integer)")
    sqlite_database_exists(path)
