from django.core.management.base import BaseCommand

from fund.purge import purge


class Command(BaseCommand):
    help = "Delete the personal data of rejected or settled fund applications after the retention period."

    def handle(self, *args, **options):
        self.stdout.write(f"Personal data deleted from {purge()} application(s).")
