"""Deleting personal data of finished applications (rejected or settled) after the retention period, and
private files that no row refers to (left by a killed process or a failed upload)."""

import os
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.utils import timezone

from fund.models import Application, Attachment
from fund.storage import private_storage

# Files younger than this are left alone: an upload may still be committing its row.
ORPHAN_GRACE = timedelta(hours=24)


def retention():
    return settings.FUND_RETENTION


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


def orphan_files(grace=None, now=None):
    """Paths of files under PRIVATE_MEDIA_ROOT/fund/ that no attachment refers to and older than the grace time."""
    root = Path(private_storage.location)
    folder = root / "fund"
    if not folder.is_dir():
        return []
    cutoff = (now or time.time()) - (grace if grace is not None else ORPHAN_GRACE).total_seconds()
    referenced = set(Attachment.objects.exclude(file="").values_list("file", flat=True))
    orphans = []
    for directory, _folders, names in os.walk(folder):
        for name in names:
            path = Path(directory) / name
            if path.relative_to(root).as_posix() in referenced:
                continue
            try:
                if path.stat().st_mtime < cutoff:
                    orphans.append(path)
            except FileNotFoundError:
                continue
    return orphans


def purge_orphan_files(grace=None, now=None):
    count = 0
    for path in orphan_files(grace, now):
        try:
            path.unlink()
            count += 1
        except FileNotFoundError:
            continue
    return count
