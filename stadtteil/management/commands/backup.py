"""`manage.py backup`: database, media and private media in one archive with a manifest (stadtteil/backup.py)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from stadtteil.backup import BackupError, create_backup


class Command(BaseCommand):
    help = (
        "Back up the database, MEDIA_ROOT and PRIVATE_MEDIA_ROOT into one archive (backup-<time>.tar.gz) with a "
        "manifest of row counts and file hashes. SECRET_KEY is not included: keep it separately."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default=None, help="Folder for the archive (default: BACKUP_DIR).")

    def handle(self, *args, output=None, **options):
        from django.core.files.storage import FileSystemStorage, default_storage

        if not isinstance(default_storage, FileSystemStorage):
            self.stderr.write("Media are in object storage: back up the bucket with its own versioning/replication.")
        try:
            path, manifest = create_backup(output or settings.BACKUP_DIR)
        except (BackupError, OSError) as error:
            raise CommandError(f"Backup failed: {error}") from error
        except Exception as error:  # pg_dump's CalledProcessError carries its message in stderr
            raise CommandError(f"Backup failed: {getattr(error, 'stderr', b'') or error}") from error
        rows = sum(manifest["counts"].values())
        self.stdout.write(f"{len(manifest['files'])} files, {rows} database rows ({manifest['database']['engine']}).")
        self.stdout.write(self.style.SUCCESS(f"Backup written: {path}"))
        self.stdout.write("Keep SECRET_KEY separately: status and confirmation links depend on it.")
