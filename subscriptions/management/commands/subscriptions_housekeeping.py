"""Purge unconfirmed subscription requests older than seven days and send notifications whose retry is due.

`make run` (bin/serve) calls it with --schedule at start: that queues the hourly housekeeping task for the
django-tasks worker, which queues its own next run. Without the worker, run it from cron instead, e.g.
    17 * * * *  cd /srv/stadtteil && .venv/bin/python manage.py subscriptions_housekeeping
"""

from django.core.management.base import BaseCommand

from subscriptions.tasks import deliver_due, purge_unconfirmed, schedule_housekeeping


class Command(BaseCommand):
    help = "Delete expired subscription requests and send due notification retries (or --schedule the hourly task)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Queue the hourly housekeeping task for the worker (once; needs the database task backend).",
        )

    def handle(self, *args, schedule=False, **options):
        if schedule:
            if schedule_housekeeping():
                self.stdout.write("Queued the hourly subscriptions housekeeping task.")
            else:
                self.stdout.write("Housekeeping task already queued (or the task backend cannot defer).")
            return
        purged = purge_unconfirmed()
        sent = deliver_due()
        self.stdout.write(f"Deleted {purged} expired subscription request(s); sent {sent} due notification(s).")
