"""Deleting personal data of finished applications (rejected or settled) after the retention period."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.utils import timezone

from fund.models import Application


def retention():
    return getattr(settings, "FUND_RETENTION", timedelta(days=5 * 365))


def due(now=None):
    """Finished applications whose last status change is older than the retention period."""
    cutoff = (now or timezone.now()) - retention()
    return (
        Application.objects.filter(
            status__in=[Application.Status.REJECTED, Application.Status.SETTLED], purged_at__isnull=True
        )
        .annotate(finished_at=Coalesce(Max("status_changes__at"), "created_at"))
        .filter(finished_at__lt=cutoff)
    )


def purge(now=None):
    count = 0
    for application in due(now):
        application.purge_personal_data()
        count += 1
    return count
