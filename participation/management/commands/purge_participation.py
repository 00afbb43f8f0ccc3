from django.conf import settings

from participation.models import Contribution
from participation.tasks import purge_expired, schedule_purge
from stadtteil.management.purge import PurgeCommand


class Command(PurgeCommand):
    help = (
        "Blank the personal data (name, e-mail, consent) of contributions older than PARTICIPATION_RETENTION_DAYS. "
        "Run it daily (cron), or once with --schedule to start the periodic task of the background worker."
    )

    schedule_purge = staticmethod(schedule_purge)

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="Retention period in days (default: the setting).")
        parser.add_argument("--dry-run", action="store_true", help="Only count what would be blanked.")
        super().add_arguments(parser)

    def handle(self, *args, days=None, dry_run=False, schedule=False, **options):
        days = settings.PARTICIPATION_RETENTION_DAYS if days is None else days
        if dry_run:
            from datetime import timedelta

            from django.utils import timezone

            count = (
                Contribution.objects.with_personal_data()
                .filter(created_at__lt=timezone.now() - timedelta(days=days))
                .count()
            )
            self.stdout.write(f"{count} contribution(s) older than {days} days have personal data (dry run).")
            return
        count = purge_expired(days=days)
        self.stdout.write(
            self.style.SUCCESS(f"Blanked the personal data of {count} contribution(s) older than {days} days.")
        )
        if schedule:
            self.queue_daily_task()
