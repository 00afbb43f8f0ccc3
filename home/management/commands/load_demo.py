"""Load the demo content: a German page tree with English translations made through wagtail-localize.

Once per database: a successful run leaves a marker row (home.DemoContent), and every later run (each
`make run`) stops at that marker, so editors' changes (renamed, deleted or new pages and documents) are never
touched. A database that has a home page but no marker (a site set up before the marker existed, or built by
editors) gets the marker without loading anything. `--force` loads the missing parts anyway (each object is
looked up before it is created).
"""

import importlib
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings

from stadtteil.demo import Demo
from stadtteil.site_url import sync_default_site


def demo_modules():
    """`<app>.demo` of each project app: home first (it makes the tree), then the lowest layer upwards."""
    project_apps = [config.name for config in apps.get_app_configs() if Path(config.path).parent == settings.BASE_DIR]
    ordered = ["home"] + [name for name in reversed(project_apps) if name not in {"home", "stadtteil"}]
    modules = []
    for name in ordered:
        try:
            modules.append(importlib.import_module(f"{name}.demo"))
        except ModuleNotFoundError as error:
            if error.name != f"{name}.demo":
                raise
    return modules


class Command(BaseCommand):
    help = "Create the demo content (German with English translations). Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Load the missing demo objects even if the demo was loaded before."
        )

    def handle(self, *args, force=False, **options):
        from home.models import DemoContent, HomePage

        # Configuration, not content: on every run, so that `PORT=8080 make run` after a run on 8000 moves the
        # Wagtail Site (whose host and port Wagtail's own absolute URLs use) to SITE_URL.
        sync_default_site()
        if not force:
            if DemoContent.objects.exists():
                self.stdout.write("The demo content was loaded before; nothing to do (editors' changes are kept).")
                return
            if HomePage.objects.exists():
                DemoContent.objects.create(note="existing site: demo not loaded")
                self.stdout.write("This site has content already; the demo content is not loaded over it.")
                return
        user = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
        demo = Demo(user=user, out=self.stdout)
        # Translations are first saved with the German slug; no redirects for those internal renames.
        # No outer transaction: wagtail-localize publishes translations on commit, and each must be
        # published before the pages below it are translated.
        with override_settings(WAGTAILREDIRECTS_AUTO_CREATE=False):
            for module in demo_modules():
                self.stdout.write(f"Demo content: {module.__name__}")
                module.load(demo)
                # Wagtail's own absolute URLs (sitemap, page.full_url) use the Site's host and port: SITE_URL's
                # (home makes the Site; a later run on another PORT moves it).
                sync_default_site()
        if demo.missing:
            raise CommandError(
                "Demo strings without an English translation:\n" + "\n".join(f"- {s[:100]}" for s in demo.missing)
            )
        DemoContent.objects.get_or_create(defaults={"note": "demo loaded"})
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
