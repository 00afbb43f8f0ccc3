"""Create the superuser `admin` if there is none: password from ADMIN_PASSWORD, else a random one printed once."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the admin account (user 'admin') if no superuser exists yet."

    def handle(self, *args, **options):
        users = get_user_model()
        if users.objects.filter(is_superuser=True).exists():
            self.stdout.write("An admin account exists already.")
            return
        password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        # The same rules as for every other password (AUTH_PASSWORD_VALIDATORS), checked before anything is saved.
        try:
            validate_password(password, users(username="admin", email="admin@example.org"))
        except ValidationError as error:
            raise CommandError(
                "ADMIN_PASSWORD is not accepted: " + " ".join(error.messages) + " Choose another one and run again."
            ) from None
        users.objects.create_superuser("admin", "admin@example.org", password)
        if os.environ.get("ADMIN_PASSWORD"):
            self.stdout.write(
                self.style.SUCCESS("Created the admin account 'admin' with the password from ADMIN_PASSWORD.")
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"Created the admin account 'admin' with the password: {password}"))
            self.stdout.write("It is shown only this once; change it under /admin/account/.")
        self.stdout.write(
            "At the first sign-in the admin sets up two-factor authentication (an authenticator app on a phone)."
        )
