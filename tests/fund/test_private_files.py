"""Attachments and proof are private: stored outside MEDIA_ROOT, handed out only to staff or the status link."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fund.models import Application, Attachment, FundPage
from tests.conftest import demo_url, staff_login
from tests.fund.conftest import PDF, make_application
from tests.fund.test_status import link

S = Application.Status


@pytest.fixture
def attachment(pages):
    application = make_application(status=S.CARRIED_OUT, approved_amount=500)
    return Attachment.objects.create(
        application=application,
        kind=Attachment.Kind.PROOF,
        file=SimpleUploadedFile("rechnung.pdf", PDF),
        original_name="Rechnung März.pdf",
    )


def assert_download(response):
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Rechnung" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]


def test_file_is_stored_outside_media_root(attachment):
    path = Path(attachment.file.path).resolve()
    assert path.is_file()
    assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in path.parents
    assert Path(settings.MEDIA_ROOT).resolve() not in path.parents
    assert not (Path(settings.MEDIA_ROOT) / attachment.file.name).exists()
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018 (no public URL at all)


def test_uploaded_application_attachment_is_private(apply, pages):
    assert apply(attachments=[SimpleUploadedFile("plan.pdf", PDF)]).status_code == 302
    stored = Application.objects.get(title="Bank am Seseke-Ufer").attachments.get()
    assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in Path(stored.file.path).resolve().parents


def test_anonymous_gets_nothing(client, attachment):
    response = client.get(reverse("fund_attachment", args=[attachment.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]  # the admin's login, not the file
    assert client.get(f"/media/{attachment.file.name}").status_code == 404
    # A forged or foreign status link does not open the file.
    forged = f"{demo_url(FundPage)}status/abc/def/ghi/file/{attachment.pk}/"
    assert client.get(forged).status_code == 404
    other = make_application(title="Anderes Projekt")
    assert client.get(f"{link(other)}file/{attachment.pk}/").status_code == 404


def test_staff_without_permission_is_refused(client, attachment, django_user_model):
    user = django_user_model.objects.create_user("editor", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    staff_login(client, user)
    response = client.get(reverse("fund_attachment", args=[attachment.pk]))
    # Wagtail turns PermissionDenied in the admin into a redirect to the dashboard with a message.
    assert response.status_code in (302, 403) and not hasattr(response, "streaming_content")
    if response.status_code == 302:
        assert response["Location"] == "/admin/"


def test_staff_downloads_from_admin(admin_client, attachment):
    edit = admin_client.get(reverse("fund_applications:edit", args=[attachment.application.pk])).content.decode()
    url = reverse("fund_attachment", args=[attachment.pk])
    assert f'href="{url}"' in edit
    assert_download(admin_client.get(url))


def test_status_link_holder_downloads(client, attachment):
    path = link(attachment.application)
    page = client.get(path).content.decode()
    file_path = f"{path}file/{attachment.pk}/"
    assert f'href="{file_path}"' in page
    assert_download(client.get(file_path))


def test_expired_status_link_opens_no_file(client, attachment, settings):
    from datetime import timedelta

    path = link(attachment.application)
    settings.FUND_STATUS_LINK_MAX_AGE = timedelta(seconds=-1)
    assert client.get(f"{path}file/{attachment.pk}/").status_code == 404


def test_purged_application_files_are_gone(client, attachment):
    path = link(attachment.application)
    stored = Path(attachment.file.path)
    attachment.application.purge_personal_data()
    assert not stored.exists()
    assert client.get(f"{path}file/{attachment.pk}/").status_code == 404


def test_system_check_refuses_a_private_root_inside_media(settings):
    from fund.storage import check_private_root

    assert check_private_root() == []
    settings.PRIVATE_MEDIA_ROOT = Path(settings.MEDIA_ROOT) / "private"
    assert [error.id for error in check_private_root()] == ["fund.E001"]


def test_migration_moves_old_public_files(attachment):
    """Files stored before the change (under MEDIA_ROOT) are moved to the private root by migration 0003."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("fund.migrations.0003_private_storage")
    private_path = Path(attachment.file.path)
    public_path = Path(settings.MEDIA_ROOT) / attachment.file.name
    public_path.parent.mkdir(parents=True, exist_ok=True)
    private_path.rename(public_path)
    migration.move_to_private(apps, None)
    assert private_path.read_bytes() == PDF and not public_path.exists()
