"""`manage.py restore <archive>`: replace the database, media and private media with a backup's."""

from django.core.management.base import BaseCommand, CommandError

from stadtteil.backup import BackupError, compare, read_manifest, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup`: REPLACES the database and every file under MEDIA_ROOT and "
        "PRIVATE_MEDIA_ROOT. Stop the web server and the worker first; use the same SECRET_KEY as before."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, archive, interactive=True, **options):
        try:
            manifest = read_manifest(archive)
        except (OSError, KeyError, ValueError) as error:
            raise CommandError(f"Not a readable backup: {error}") from error
        self.stdout.write(f"Backup of {manifest['created_at']}: {len(manifest['files'])} files.")
        if interactive and input("This replaces the database and all media. Type 'yes' to continue: ") != "yes":
            raise CommandError("Restore cancelled.")
        try:
            restore_backup(archive)
        except (BackupError, OSError) as error:
            raise CommandError(f"Restore failed: {error}") from error
        except Exception as error:
            raise CommandError(f"Restore failed: {getattr(error, 'stderr', b'') or error}") from error
        differences = compare(manifest)
        if differences:
            raise CommandError(f"Restored, but the site differs from the manifest: {differences}")
        self.stdout.write(self.style.SUCCESS("Restored; row counts and file hashes match the manifest."))
