"""Wagtail's scheduled publishing and unpublishing, run by the background worker every minute."""

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


def schedule_publishing(delay=INTERVAL):
    """Queue the periodic run unless one is queued already (only backends that can defer tasks)."""
    backend = publish_scheduled.get_backend()
    if not backend.supports_defer:
        return False
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.filter(status="READY", task_path=publish_scheduled.module_path).exists():
        return False
    publish_scheduled.using(run_after=timezone.now() + delay).enqueue()
    return True
