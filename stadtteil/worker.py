"""Self-healing around django-tasks' database worker (`manage.py worker`).

django_tasks_db's `db_worker` exits on the first database error that is not SQLite's "database is locked"
(a PostgreSQL restart, `pg_terminate_backend`, a dropped connection), and a worker killed during a task leaves that
task RUNNING for ever. This module adds what keeps the queue moving:

- `run_forever()` runs the worker loop again after a transient database error, with a growing pause (1 s up to
  30 s), after closing the broken connections.
- `recover_stale_tasks()` puts a task that has been RUNNING longer than TASKS_RUNNING_TIMEOUT back into the queue
  (its worker was killed or lost its database connection), at most TASKS_MAX_ATTEMPTS times in all; then it is
  marked failed. Tasks must therefore be safe to run again (ours are: notifications claim each delivery first).
- A task that failed with a transient database error is queued again in the same way.
- `prune_task_results()` deletes finished task results older than TASKS_RESULT_RETENTION_DAYS.
"""

import logging
import random
import time
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

logger = logging.getLogger("stadtteil.worker")

TRANSIENT_ERRORS = (OperationalError, InterfaceError)
TRANSIENT_ERROR_PATHS = {
    "django.db.utils.OperationalError",
    "django.db.utils.InterfaceError",
}
BACKOFF_MAX = 30.0  # seconds between attempts while the database stays away
MAINTENANCE_INTERVAL = 30.0  # seconds between checks for stale tasks
PRUNE_INTERVAL = 3600.0


def running_timeout():
    return timedelta(seconds=settings.TASKS_RUNNING_TIMEOUT)


def max_attempts():
    return settings.TASKS_MAX_ATTEMPTS


def _attempts(result):
    return len(result.worker_ids or ())


def requeue(result, delay=timedelta(0), now=None):
    """Put a RUNNING or FAILED task back into the queue, or mark it failed after too many attempts.
    The status in the WHERE clause makes it safe when two workers recover the same task at once."""
    now = now or timezone.now()
    if _attempts(result) >= max_attempts():
        updated = DBTaskResult.objects.filter(pk=result.pk, status=result.status).update(
            status="FAILED",
            finished_at=now,
            exception_class_path=result.exception_class_path or "stadtteil.worker.TaskAbandoned",
            traceback=result.traceback or f"Abandoned after {_attempts(result)} attempts (worker killed or timed out).",
        )
        if updated:
            logger.error("Task %s (%s) given up after %s attempts", result.pk, result.task_path, _attempts(result))
        return False
    updated = DBTaskResult.objects.filter(pk=result.pk, status=result.status).update(
        status="READY", run_after=now + delay, started_at=None, finished_at=None, exception_class_path="", traceback=""
    )
    if updated:
        logger.warning("Task %s (%s) queued again (attempt %s)", result.pk, result.task_path, _attempts(result) + 1)
    return bool(updated)


def recover_stale_tasks(now=None):
    """Queue again every task RUNNING for longer than the timeout; returns how many were queued again."""
    now = now or timezone.now()
    stale = DBTaskResult.objects.filter(status="RUNNING", started_at__lt=now - running_timeout())
    return sum(requeue(result, now=now) for result in stale)


def prune_task_results(now=None):
    """Delete results of tasks that finished more than TASKS_RESULT_RETENTION_DAYS ago; returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.TASKS_RESULT_RETENTION_DAYS)
    deleted, _ = DBTaskResult.objects.filter(status__in=["SUCCESSFUL", "FAILED"], finished_at__lt=cutoff).delete()
    return deleted


def close_connections():
    """Drop every database connection (a terminated one raises on each use until it is replaced)."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except Exception:  # noqa: BLE001 - closing a broken connection may fail; it is gone either way
            connection.connection = None


class ResilientWorker(Worker):
    """db_worker's loop plus stale-task recovery, pruning and a second chance for transient database errors."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._next_maintenance = 0.0
        self._next_prune = 0.0

    def maintenance(self):
        now = time.monotonic()
        if now < self._next_maintenance:
            return
        self._next_maintenance = now + min(MAINTENANCE_INTERVAL, running_timeout().total_seconds() / 2)
        recover_stale_tasks()
        if now >= self._next_prune:
            self._next_prune = now + PRUNE_INTERVAL
            pruned = prune_task_results()
            if pruned:
                logger.info("Pruned %s finished task results", pruned)

    def run(self):
        """db_worker's loop (django_tasks_db 0.13, Worker.run), with maintenance between tasks and while idle."""
        logger.info("Starting worker worker_id=%s queues=%s", self.worker_id, ",".join(self.queue_names))
        if self.startup_delay and self.interval:
            time.sleep(random.random())  # noqa: S311 - spreads the start of several workers
            self.startup_delay = False  # not again after a database error
        while self.running:
            close_old_connections()
            self.maintenance()
            tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
            if not self.process_all_queues:
                tasks = tasks.filter(queue_name__in=self.queue_names)
            if self.excluded_queue_names:
                tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
            with exclusive_transaction(tasks.db):
                try:
                    task_result = tasks.get_locked()
                    retrieved = True
                    if task_result is not None:
                        task_result.claim(self.worker_id)
                except OperationalError as error:
                    if not is_locked_database_exception(error):
                        raise
                    retrieved, task_result = False, None  # SQLite is busy: try again after the pause
            if task_result is not None:
                self.run_task(task_result)
            if self.batch and retrieved and task_result is None:
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            close_old_connections()
            if self.running and not task_result:
                time.sleep(self.interval)

    def run_task(self, db_task_result):
        super().run_task(db_task_result)
        if db_task_result.status == "FAILED" and db_task_result.exception_class_path in TRANSIENT_ERROR_PATHS:
            # The database failed under the task (not the task itself): try again a little later.
            requeue(db_task_result, delay=timedelta(seconds=5 * 2 ** _attempts(db_task_result)))


def run_forever(worker, sleep=time.sleep):
    """Run the worker; after a transient database error close the connections, wait (1 s, 2 s, 4 s … 30 s) and
    run it again. Returns when the worker stops on its own (a signal, --batch, --max-tasks)."""
    delay = 1.0
    while True:
        started = time.monotonic()
        try:
            worker.run()
            return
        except TRANSIENT_ERRORS as error:
            if not worker.running:
                return
            if time.monotonic() - started > BACKOFF_MAX:
                delay = 1.0  # it ran well for a while: this is a new outage
            logger.warning("Database error in the worker, retrying in %.0f s: %s", delay, error)
            close_connections()
            sleep(delay)
            delay = min(delay * 2, BACKOFF_MAX)
