from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from twofactor.policy import reset


class Command(BaseCommand):
    help = (
        "Remove the second factor (authenticator app, passkeys and recovery codes) of a user who lost them; "
        "they set up a new one at their next sign-in."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        removed = reset(user)
        self.stdout.write(f"Removed {removed} second-factor device(s) of {username}; they set one up at next sign-in.")
