"""A failed write (disk full) leaves no file with personal data behind; orphaned files are purged."""

import errno
import io
import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.base import File
from django.core.files.uploadedfile import InMemoryUploadedFile, SimpleUploadedFile, UploadedFile
from django.core.management import call_command

from fund.models import Application, Attachment
from fund.purge import orphan_files, purge_orphan_files
from tests.fund.conftest import PDF, make_application, png_bytes
from tests.fund.test_status import link

S = Application.Status
FULL = "Ihre Dateien konnten wegen eines technischen Problems nicht gespeichert werden"


def private_files():
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


@pytest.fixture
def disk_full_at_second_file(monkeypatch):
    """The first file is written completely, the second fails after its first bytes: "No space left"."""
    calls = []

    def failing(original):
        def chunks(self, chunk_size=None):
            if not isinstance(self, UploadedFile):  # e.g. image renditions of the page
                yield from original(self, chunk_size)
                return
            calls.append(self.name)
            if len(calls) < 2:
                yield from original(self, chunk_size)
                return
            yield b"%PDF-1.4 half of a file with personal data"
            raise OSError(errno.ENOSPC, "No space left on device")

        return chunks

    for cls in (File, InMemoryUploadedFile):
        monkeypatch.setattr(cls, "chunks", failing(cls.chunks))
    return calls


def test_an_application_whose_second_attachment_fails_leaves_nothing(apply, pages, disk_full_at_second_file):
    before = private_files()
    response = apply(attachments=[SimpleUploadedFile("plan.pdf", PDF), SimpleUploadedFile("skizze.pdf", PDF)])
    assert response.status_code == 503
    html = response.content.decode()
    assert FULL in html
    assert "Bank am Seseke-Ufer" in html  # what the visitor typed is still in the form
    assert len(disk_full_at_second_file) == 2
    assert private_files() == before  # neither the complete first file nor the half second one
    assert not Application.objects.filter(title="Bank am Seseke-Ufer").exists()
    assert mail.outbox == []


def test_the_english_form_says_so_in_english(apply, pages, disk_full_at_second_file):
    response = apply(language="en", attachments=[SimpleUploadedFile("plan.pdf", PDF), SimpleUploadedFile("b.pdf", PDF)])
    assert response.status_code == 503
    assert "Your files could not be stored because of a technical problem" in response.content.decode()


def test_a_failed_proof_upload_leaves_nothing(client, pages, disk_full_at_second_file):
    application = make_application(status=S.CARRIED_OUT, approved_amount=500)
    before = private_files()
    files = [SimpleUploadedFile("rechnung.pdf", PDF), SimpleUploadedFile("foto.png", png_bytes())]
    response = client.post(link(application), {"files": files})
    assert response.status_code == 503
    assert FULL in response.content.decode()
    assert private_files() == before
    application.refresh_from_db()
    assert application.status == S.CARRIED_OUT and not application.attachments.exists()


def test_a_complete_write_leaves_no_temporary_file(apply, pages):
    before = private_files()
    assert apply(attachments=[SimpleUploadedFile("plan.pdf", PDF)]).status_code == 302
    stored = Application.objects.get(title="Bank am Seseke-Ufer").attachments.get()
    assert private_files() - before == {stored.file.name}
    assert stored.file.read() == PDF
    assert os.stat(stored.file.path).st_mode & 0o077 == 0  # readable by the site's user only


def test_orphaned_files_are_purged_after_the_grace_time(pages):
    application = make_application()
    kept = Attachment.objects.create(application=application, file=SimpleUploadedFile("a.pdf", PDF), original_name="a")
    folder = Path(settings.PRIVATE_MEDIA_ROOT) / "fund"
    old_orphan = folder / "0123456789abcdef.pdf"
    old_partial = folder / ".partial-abc123"
    fresh_orphan = folder / "fedcba9876543210.pdf"
    day_ago = time.time() - 2 * 24 * 3600
    for path in (old_orphan, old_partial, fresh_orphan):
        path.write_bytes(b"personal data")
    for path in (old_orphan, old_partial):
        os.utime(path, (day_ago, day_ago))
    os.utime(kept.file.path, (day_ago, day_ago))
    assert set(orphan_files()) == {old_orphan, old_partial}
    out = io.StringIO()
    call_command("purge_fund_applications", stdout=out)
    assert "Orphaned private files deleted: 2." in out.getvalue()
    assert not old_orphan.exists() and not old_partial.exists()
    assert fresh_orphan.exists() and Path(kept.file.path).exists()
    fresh_orphan.unlink()
    assert purge_orphan_files() == 0
