"""Back up, wipe, restore: row counts and file hashes come back, and a fund status link still works.

Runs `manage.py backup`/`restore` in subprocesses with the production settings on their own SQLite database
(the restore replaces the whole database, which the test database shared by all tests must never see)."""

import io
import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

CREATE = """
import json
from django.core.files.base import ContentFile
from django.utils import timezone
from fund import links
from fund.models import Application, Attachment
from subscriptions.models import Subscriber
from wagtail.documents import get_document_model
from stadtteil.backup import file_hashes, row_counts
application = Application.objects.create(
    applicant_type="person", name="Erika Muster", email="erika@example.org", title="Bücherschrank am Markt",
    description="Ein offener Bücherschrank.", goals="Lesen", address="Markt 1", start_date="2026-04-01",
    end_date="2026-05-01", year=2026, total_cost=2000, own_contribution=1000, requested_grant=1000, language="de",
)
application.status_changes.create(to_status=Application.Status.RECEIVED)
Attachment.objects.create(application=application, file=ContentFile(b"%PDF-1.4 Kostenvoranschlag", name="k.pdf"),
                          original_name="Kostenvoranschlag.pdf")
Subscriber.objects.create(email="leser@example.org", language="de", status="confirmed", consent_at=timezone.now(),
                          consent_url="http://127.0.0.1/de/newsletter/", consent_version="1",
                          confirmed_at=timezone.now())
document = get_document_model()(title="Protokoll")
document.file.save("protokoll.pdf", ContentFile(b"%PDF-1.4 Protokoll"), save=False)
document.save()
url = links.status_url(application)  # empty without the demo's fund page
print(json.dumps({"status": url.split("://", 1)[1].split("/", 1)[1] if url else "",
                  "counts": row_counts(), "files": file_hashes()}))
"""
WIPE = """
from django.conf import settings
import shutil
from fund.models import Application
from subscriptions.models import Subscriber
from wagtail.documents import get_document_model
from wagtail.models import Page
Application.objects.all().delete()
Subscriber.objects.all().delete()
get_document_model().objects.all().delete()
Page.objects.filter(depth__gt=2).first().delete()
for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
    shutil.rmtree(root)
"""
STATE = """
import json
from django.conf import settings
from django.test import Client, override_settings
from stadtteil.backup import file_hashes, row_counts
# No collectstatic in this test: static files unhashed.
storages = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
counts, files = row_counts(), file_hashes()  # before the request renders (and stores) image renditions
with override_settings(STORAGES=storages):
    response = Client().get("/STATUS_PATH")
print(json.dumps({"counts": counts, "files": files, "status": response.status_code,
                  "title": "Bücherschrank am Markt" in response.content.decode()}))
"""
IGNORED = ("sessions.", "django_tasks_db.")


def comparable(counts):
    return {label: count for label, count in counts.items() if not label.startswith(IGNORED)}


@pytest.fixture
def manage(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REDIS_URL"}}
    (tmp_path / "var").mkdir()
    env.update(
        DJANGO_SETTINGS_MODULE="stadtteil.settings.production",
        SECRET_KEY="a-secret-key-kept-apart-from-the-backup-" + "x" * 20,
        HTTPS="0",
        VAR_DIR=str(tmp_path / "var"),
        ALLOWED_HOSTS="testserver,127.0.0.1",
        LOG_FORMAT="plain",
        PAGE_CACHE="0",
        ADMIN_PASSWORD="a-long-admin-password-2026",
    )

    def run(*args, check=True):
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=900
        )
        if check:
            assert result.returncode == 0, (args, result.stdout[-2000:], result.stderr[-3000:])
        return result

    run.env = env
    return run


def test_backup_wipe_restore(manage, tmp_path):
    manage("migrate", "--noinput")
    manage("ensure_admin")
    manage("load_demo")
    created = json.loads(manage("shell", "-c", CREATE).stdout.strip().splitlines()[-1])
    assert any(key.startswith("private/fund/") for key in created["files"])
    assert any(key.startswith("media/documents/") for key in created["files"])

    out = manage("backup", "--output", str(tmp_path / "backups")).stdout
    archive = Path(out.split("Backup written: ")[1].split()[0])
    assert archive.parent == tmp_path / "backups" and oct(archive.stat().st_mode)[-3:] == "600"
    assert "SECRET_KEY" in out
    with tarfile.open(archive) as backup:
        names = set(backup.getnames())
        manifest = json.load(backup.extractfile("manifest.json"))
    assert {"manifest.json", "database.sqlite3"} <= names
    assert set(created["files"]) <= names and manifest["files"] == created["files"]
    assert comparable(manifest["counts"]) == comparable(created["counts"])
    assert manifest["counts"]["fund.Attachment"] >= 1 and manifest["counts"]["subscriptions.Subscriber"] == 1

    manage("shell", "-c", WIPE)
    wiped = json.loads(manage("shell", "-c", STATE.replace("STATUS_PATH", created["status"])).stdout.splitlines()[-1])
    assert wiped["files"] == {} and wiped["status"] == 404
    assert wiped["counts"]["subscriptions.Subscriber"] == 0

    restored = manage("restore", str(archive), "--noinput").stdout
    assert "row counts and file hashes match" in restored
    state = json.loads(manage("shell", "-c", STATE.replace("STATUS_PATH", created["status"])).stdout.splitlines()[-1])
    assert comparable(state["counts"]) == comparable(created["counts"])
    assert state["files"] == created["files"]
    assert state["status"] == 200 and state["title"]  # the signed status link works again (same SECRET_KEY)


def test_a_damaged_backup_changes_nothing(manage, tmp_path):
    manage("migrate", "--noinput")
    manage("shell", "-c", CREATE.replace("print(json.dumps", "(json.dumps"))
    archive = Path(manage("backup", "--output", str(tmp_path)).stdout.split("Backup written: ")[1].split()[0])
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name.startswith("private/"):
                data = b"tampered"
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    manage("shell", "-c", "from subscriptions.models import Subscriber; Subscriber.objects.all().delete()")
    result = manage("restore", str(damaged), "--noinput", check=False)
    assert result.returncode != 0 and "damaged or missing" in result.stderr
    count = manage("shell", "-c", "from subscriptions.models import Subscriber; print(Subscriber.objects.count())")
    assert count.stdout.strip().splitlines()[-1] == "0"  # the database was not touched


@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="PostgreSQL runs (DATABASE_URL) only"
)
def test_postgres_backup_and_restore(manage, tmp_path):
    """The same on PostgreSQL (pg_dump/pg_restore), in a database of its own beside the test database."""
    import psycopg

    url = os.environ["DATABASE_URL"].rsplit("/", 1)
    name = f"{url[1].split('?')[0]}_backup_test"
    with psycopg.connect(f"{url[0]}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        run = manage
        run.env["DATABASE_URL"] = f"{url[0]}/{name}"
        run("migrate", "--noinput")
        run("shell", "-c", CREATE.replace("print(json.dumps", "(json.dumps"))
        archive = Path(run("backup", "--output", str(tmp_path)).stdout.split("Backup written: ")[1].split()[0])
        with tarfile.open(archive) as backup:
            assert "database.pgdump" in backup.getnames()
        run("shell", "-c", "from subscriptions.models import Subscriber; Subscriber.objects.all().delete()")
        assert "match the manifest" in run("restore", str(archive), "--noinput").stdout
        count = run("shell", "-c", "from subscriptions.models import Subscriber; print(Subscriber.objects.count())")
        assert count.stdout.strip().splitlines()[-1] == "1"
    finally:
        with psycopg.connect(f"{url[0]}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
