"""Background work for the fund, run by the django-tasks worker (`manage.py db_worker`)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

PURGE_INTERVAL = timedelta(days=1)


@task()
def purge_fund_applications():
    """Daily: delete the personal data of finished applications past the retention period and orphaned private
    files, then queue the next run."""
    from fund.purge import purge, purge_orphan_files

    purged = purge()
    purge_orphan_files()
    schedule_purge(PURGE_INTERVAL)
    return purged


def schedule_purge(delay=PURGE_INTERVAL):
    """Queue the periodic purge unless one is queued already (only backends that can defer tasks)."""
    backend = purge_fund_applications.get_backend()
    if not backend.supports_defer:
        return False
    from django_tasks_db.models import DBTaskResult

    if DBTaskResult.objects.filter(status="READY", task_path=purge_fund_applications.module_path).exists():
        return False
    purge_fund_applications.using(run_after=timezone.now() + delay).enqueue()
    return True
