"""The purge also runs periodically: a self-re-queueing task of the background worker, started by bin/serve."""

import io
from datetime import timedelta
from pathlib import Path

from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from fund.models import Application
from fund.tasks import purge_fund_applications, schedule_purge
from tests.fund.test_purge_export import finished

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
S = Application.Status


def test_task_purges(pages, settings):
    settings.FUND_RETENTION = timedelta(days=30)
    old = finished(S.SETTLED, 40, approved_amount=500, paid_amount=500)
    result = purge_fund_applications.enqueue()
    assert result.return_value >= 1
    old.refresh_from_db()
    assert old.email == "" and old.purged_at is not None
    # The immediate backend (tests) cannot defer: nothing is queued for later.
    assert schedule_purge() is False


def test_schedule_flag_queues_one_daily_run(pages, settings):
    # Through the `settings` fixture, not @override_settings: mixed, the fixture's teardown would restore the
    # decorator's settings and leave the database backend for every later test (tests/conftest.py checks).
    settings.TASKS = DB_TASKS
    settings.FUND_RETENTION = timedelta(days=30)
    old = finished(S.REJECTED, 40)
    out = io.StringIO()
    call_command("purge_fund_applications", "--schedule", stdout=out)
    assert "Queued the daily purge task." in out.getvalue()
    old.refresh_from_db()
    assert old.purged_at is not None  # the command purges right away too
    queued = DBTaskResult.objects.get(task_path=purge_fund_applications.module_path)
    assert timezone.now() + timedelta(hours=23) < queued.run_after < timezone.now() + timedelta(hours=25)
    # Starting the site again does not queue a second run.
    out = io.StringIO()
    call_command("purge_fund_applications", "--schedule", stdout=out)
    assert "not queued" in out.getvalue()
    assert DBTaskResult.objects.filter(task_path=purge_fund_applications.module_path).count() == 1
    # The worker runs it; the run queues the next one.
    queued.delete()
    assert purge_fund_applications.call() == 0
    assert DBTaskResult.objects.filter(task_path=purge_fund_applications.module_path, status="READY").count() == 1


def test_bin_serve_schedules_the_purge_before_the_worker():
    script = (Path(django_settings.BASE_DIR) / "bin" / "serve").read_text()
    assert "manage.py purge_fund_applications --schedule" in script
    assert script.index("purge_fund_applications --schedule") < script.index("manage.py worker")
