from django.conf import settings
from django.core.management.base import BaseCommand

from editorial.screenshots import take_screenshots


class Command(BaseCommand):
    help = "Take the admin screenshots of the editor guide (docs/img/) from a running server with the demo content."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8106")
        parser.add_argument("--out", default=str(settings.BASE_DIR / "docs" / "img"))
        parser.add_argument("--username", default=None, help="Defaults to the first superuser.")

    def handle(self, *args, base_url, out, username, **options):
        for path in take_screenshots(base_url, out, username):
            self.stdout.write(f"wrote {path}")
