"""Backups of everything the site cannot rebuild: the database, MEDIA_ROOT (images, documents) and
PRIVATE_MEDIA_ROOT (fund attachments and proof), in one archive with a manifest (row counts per model, size and
SHA-256 of every file). Native tools, no dumpdata: SQLite's online backup API (consistent while the site runs),
pg_dump/pg_restore for PostgreSQL. `manage.py backup` and `manage.py restore` use it; see README "Backups".

SECRET_KEY is not in the archive: keep it separately (signed status and confirmation links depend on it).
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.utils import timezone

FORMAT = 1
PARTIAL_PREFIX = ".partial-"  # unfinished writes of fund.storage: never backed up


class BackupError(Exception):
    pass


def file_roots():
    """The folders backed up, by their name in the archive."""
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_MEDIA_ROOT)}


def row_counts():
    counts = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        counts[model._meta.label] = model._base_manager.count()
    return counts


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_hashes():
    """{"media/…": {"size": …, "sha256": …}, "private/…": …} of every file under the roots."""
    files = {}
    for prefix, root in file_roots().items():
        if not root.is_dir():
            continue
        for directory, _folders, names in os.walk(root):
            for name in sorted(names):
                if name.startswith(PARTIAL_PREFIX):
                    continue
                path = Path(directory) / name
                key = f"{prefix}/{path.relative_to(root).as_posix()}"
                files[key] = {"size": path.stat().st_size, "sha256": _sha256(path)}
    return files


def _engine():
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _pg_env():
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[variable] = str(db[key])
    return env, db["NAME"]


def _tool(name):
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian: postgresql-client).")
    return path


def _dump_database(target):
    if _engine() == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)  # a consistent copy, even while others write
        finally:
            destination.close()
        return "database.sqlite3"
    env, name = _pg_env()
    subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [_tool("pg_dump"), "--format=custom", "--no-owner", "--no-acl", f"--file={target}", name],
        env=env,
        check=True,
        capture_output=True,
    )
    return "database.pgdump"


def create_backup(directory):
    """Write `backup-<time>.tar.gz` into `directory`; returns its path and the manifest."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    target = directory / f"backup-{stamp}.tar.gz"
    with tempfile.TemporaryDirectory(dir=directory) as work:
        database_file = Path(work) / "database"
        database_name = _dump_database(database_file)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "database": {"engine": connection.vendor, "file": database_name, "sha256": _sha256(database_file)},
            "counts": row_counts(),
            "files": file_hashes(),
        }
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            info.mtime = int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            archive.add(database_file, arcname=database_name)
            roots = file_roots()
            for key in manifest["files"]:
                prefix, relative = key.split("/", 1)
                archive.add(roots[prefix] / relative, arcname=key)
        partial.rename(target)  # a backup file that exists is complete
    os.chmod(target, 0o600)  # personal data inside
    return target, manifest


def read_manifest(path):
    with tarfile.open(path, "r:gz") as archive:
        return json.load(archive.extractfile("manifest.json"))


def _clear(root):
    root.mkdir(parents=True, exist_ok=True)
    for entry in root.iterdir():  # the root itself may be a mount point (compose volume): keep it
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _load_database(source, manifest):
    engine = manifest["database"]["engine"]
    if engine != _engine():
        raise BackupError(f"This backup holds a {engine} database; the site uses {connection.vendor}.")
    if engine == "sqlite":
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        try:
            origin.backup(connection.connection)  # replaces every page of the live database
        finally:
            origin.close()
        return
    env, name = _pg_env()
    connection.close()
    subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-acl", "--single-transaction",
         f"--dbname={name}", str(source)],
        env=env,
        check=True,
        capture_output=True,
    )  # fmt: skip


def restore_backup(path):
    """Replace the database and the files under MEDIA_ROOT and PRIVATE_MEDIA_ROOT with the backup's; every
    file is checked against the manifest before anything is changed. Returns the manifest."""
    path = Path(path)
    manifest = read_manifest(path)
    if manifest.get("format") != FORMAT:
        raise BackupError("Unknown backup format.")
    roots = file_roots()
    with tempfile.TemporaryDirectory(dir=path.parent) as work:
        work = Path(work)
        with tarfile.open(path, "r:gz") as archive:
            archive.extractall(work, filter="data")  # refuses absolute paths, "..", devices
        database = work / manifest["database"]["file"]
        if _sha256(database) != manifest["database"]["sha256"]:
            raise BackupError("The database in the backup is damaged (checksum).")
        for key, meta in manifest["files"].items():
            if not (work / key).is_file() or _sha256(work / key) != meta["sha256"]:
                raise BackupError(f"The file {key} in the backup is damaged or missing (checksum).")
        _load_database(database, manifest)
        for prefix, root in roots.items():
            _clear(root)
            if (work / prefix).is_dir():
                shutil.copytree(work / prefix, root, dirs_exist_ok=True)
    from django.core.cache import cache

    cache.clear()  # pages and settings of the old content must not outlive it
    return manifest


def compare(manifest):
    """Differences between the manifest and the site now: {"counts": {...}, "files": [...]}; empty when equal."""
    now = row_counts()
    counts = {
        label: (count, now.get(label))
        for label, count in manifest["counts"].items()
        if now.get(label) != count and not label.startswith(("sessions.", "django_tasks_db."))
    }
    current = file_hashes()
    files = sorted(set(manifest["files"]) ^ set(current)) + sorted(
        key for key in manifest["files"] if key in current and current[key] != manifest["files"][key]
    )
    return {key: value for key, value in {"counts": counts, "files": files}.items() if value}
