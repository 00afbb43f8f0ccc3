"""Load the demo content: a German page tree with English translations made through wagtail-localize.

Idempotent: every object is looked up before it is created, so a second run changes nothing.
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

    def handle(self, *args, **options):
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
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
