"""Background work for the fund, run by the django-tasks worker (`manage.py db_worker`)."""

from datetime import timedelta

from django_tasks import task

from stadtteil.tasks import schedule_once

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
    return schedule_once(purge_fund_applications, delay)
