"""Create the superuser `admin` if there is none: password from ADMIN_PASSWORD, else a random one printed once."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create the admin account (user 'admin') if no superuser exists yet."

    def handle(self, *args, **options):
        users = get_user_model()
        if users.objects.filter(is_superuser=True).exists():
            self.stdout.write("An admin account exists already.")
            return
        password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        users.objects.create_superuser("admin", "admin@example.org", password)
        if os.environ.get("ADMIN_PASSWORD"):
            self.stdout.write(
                self.style.SUCCESS("Created the admin account 'admin' with the password from ADMIN_PASSWORD.")
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Created the admin account 'admin' with the password: {password}"))
            self.stdout.write("It is shown only this once; change it under /admin/account/.")
