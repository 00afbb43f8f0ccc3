from django.core.management.base import BaseCommand


class PurgeCommand(BaseCommand):
    """A purge of personal data: run daily from cron, or once with --schedule to start the background worker's
    daily task (`schedule_purge`: the app's function that queues it, as a staticmethod)."""

    schedule_purge = None

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true", help="Also queue the daily purge task.")

    def queue_daily_task(self):
        self.stdout.write(
            "Queued the daily purge task."
            if self.schedule_purge()
            else "The daily purge task was not queued (already queued, or the task backend cannot defer)."
        )
