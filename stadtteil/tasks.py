"""Periodic tasks: each run queues the next one (`schedule_once`); Wagtail's scheduled publishing and unpublishing
runs every minute."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

INTERVAL = timedelta(minutes=1)


@task()
def publish_scheduled():
    """Publish pages whose go-live time has come and unpublish expired ones, then queue the next run."""
    call_command("publish_scheduled", verbosity=0)
    schedule_publishing(INTERVAL)


def schedule_once(periodic_task, delay):
    """Queue `periodic_task` to run after `delay` unless a run is queued already (only backends that can defer
    tasks); True if it was queued. The periodic tasks (publishing, the purges of personal data) call this at
    the end of each run, and the worker's start or a management command queues the first."""
    if not periodic_task.get_backend().supports_defer:
        return False
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.filter(status="READY", task_path=periodic_task.module_path).exists():
        return False
    periodic_task.using(run_after=timezone.now() + delay).enqueue()
    return True


def schedule_publishing(delay=INTERVAL):
    return schedule_once(publish_scheduled, delay)
