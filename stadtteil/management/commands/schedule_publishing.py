from datetime import timedelta

from django.core.management.base import BaseCommand

from stadtteil.tasks import schedule_publishing


class Command(BaseCommand):
    help = "Queue the background task that runs Wagtail's publish_scheduled every minute (once; it re-queues itself)."

    def handle(self, *args, **options):
        queued = schedule_publishing(delay=timedelta(0))
        self.stdout.write("Scheduled publishing queued." if queued else "Scheduled publishing is queued already.")
