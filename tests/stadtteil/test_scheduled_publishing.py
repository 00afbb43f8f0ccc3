"""Scheduled publishing: the worker's periodic task puts pages live at their go-live time."""

import datetime
import time

from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from home.models import StandardPage
from stadtteil.tasks import publish_scheduled, schedule_publishing

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_page_goes_live_when_the_task_runs_after_its_go_live_time(client, demo, admin_user):
    page = StandardPage(title="Bald online", slug="bald-online", intro="Kommt gleich.", live=False)
    demo["de_home"].add_child(instance=page)
    page.go_live_at = timezone.now() + datetime.timedelta(seconds=2)
    revision = page.save_revision(user=admin_user)
    revision.publish()  # with a future go-live time this only schedules
    assert client.get(page.url).status_code == 404
    time.sleep(2.5)  # the go-live time comes
    publish_scheduled.call()
    assert client.get(page.url).status_code == 200


@override_settings(TASKS=DB_TASKS)
def test_schedule_publishing_queues_one_periodic_task(db):
    assert schedule_publishing() is True
    assert schedule_publishing() is False  # a restart does not queue a second one
    queued = DBTaskResult.objects.filter(task_path="stadtteil.tasks.publish_scheduled", status="READY")
    assert queued.count() == 1
