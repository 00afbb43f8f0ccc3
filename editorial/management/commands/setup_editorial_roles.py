from django.core.management.base import BaseCommand

from editorial.roles import GROUPS, apply_roles, create_all_permissions, ensure_workflow


class Command(BaseCommand):
    help = "Create or top up the editorial groups, their permissions and the review workflow (idempotent)."

    def handle(self, *args, **options):
        create_all_permissions()
        apply_roles()
        ensure_workflow()
        self.stdout.write(self.style.SUCCESS(f"Groups in place: {', '.join(GROUPS)}."))
