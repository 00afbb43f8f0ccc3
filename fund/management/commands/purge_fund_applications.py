from fund.purge import purge, purge_orphan_files
from fund.tasks import schedule_purge
from stadtteil.management.purge import PurgeCommand


class Command(PurgeCommand):
    help = (
        "Delete the personal data of rejected or settled fund applications after the retention period, and private "
        "files no application refers to (older than a day). "
        "Run it daily (cron), or once with --schedule to start the periodic task of the background worker."
    )

    schedule_purge = staticmethod(schedule_purge)

    def handle(self, *args, schedule=False, **options):
        self.stdout.write(f"Personal data deleted from {purge()} application(s).")
        self.stdout.write(f"Orphaned private files deleted: {purge_orphan_files()}.")
        if schedule:
            self.queue_daily_task()
