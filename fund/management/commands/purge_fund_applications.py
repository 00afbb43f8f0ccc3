from django.core.management.base import BaseCommand

from fund.purge import purge, purge_orphan_files
from fund.tasks import schedule_purge


class Command(BaseCommand):
    help = (
        "Delete the personal data of rejected or settled fund applications after the retention period, and private "
        "files no application refers to (older than a day). "
        "Run it daily (cron), or once with --schedule to start the periodic task of the background worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schedule", action="store_true", help="Also queue the daily purge task.")

    def handle(self, *args, schedule=False, **options):
        self.stdout.write(f"Personal data deleted from {purge()} application(s).")
        self.stdout.write(f"Orphaned private files deleted: {purge_orphan_files()}.")
        if schedule:
            queued = schedule_purge()
            self.stdout.write(
                "Queued the daily purge task."
                if queued
                else "The daily purge task was not queued (already queued, or the task backend cannot defer)."
            )
