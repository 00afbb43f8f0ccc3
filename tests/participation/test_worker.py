"""With the real (database) task backend: what the queue holds, and that a deletion leaves no copy behind."""

from datetime import timedelta

from django.core import mail
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from participation.models import Contribution
from participation.tasks import notify_staff, purge_personal_data

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@override_settings(TASKS=DB_TASKS)
def test_queue_holds_ids_only_and_the_purge_is_scheduled(client, pages, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            pages["de"].url,
            {
                "message": "Geheime Nachricht an das Stadtteilbüro",
                "contact_name": "Zacharias Geheimname",
                "contact_email": "zacharias.geheim@example.org",
                "reply_consent": "on",
            },
        )
    assert response.status_code == 302
    contribution = Contribution.objects.get(message="Geheime Nachricht an das Stadtteilbüro")
    # Queued for the worker, not sent during the request.
    assert len(mail.outbox) == 0
    queued = DBTaskResult.objects.get(task_path=notify_staff.module_path)
    assert queued.args_kwargs == {"args": [contribution.pk], "kwargs": {}}
    for row in DBTaskResult.objects.all():
        text = str(row.args_kwargs) + str(row.return_value)
        assert "Zacharias" not in text and "zacharias.geheim" not in text and "Geheime Nachricht" not in text
    # The daily purge is queued once, for about a day later.
    purge = DBTaskResult.objects.get(task_path=purge_personal_data.module_path)
    assert timezone.now() + timedelta(hours=23) < purge.run_after < timezone.now() + timedelta(hours=25)

    # The worker runs the notification.
    queued.task.call(*queued.args_kwargs["args"])
    assert len(mail.outbox) == 1
    assert "Zacharias" not in mail.outbox[0].body

    # A second contribution does not queue a second purge run.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(pages["de"].url, {"message": "Noch ein Beitrag"})
    assert DBTaskResult.objects.filter(task_path=purge_personal_data.module_path).count() == 1


@override_settings(TASKS=DB_TASKS)
def test_notification_of_a_deleted_contribution_sends_nothing(make_contribution):
    contribution = make_contribution(status=Contribution.Status.NEW, contact_email="weg@example.org")
    pk = contribution.pk
    contribution.delete()
    assert notify_staff.call(pk) is False
    assert len(mail.outbox) == 0
