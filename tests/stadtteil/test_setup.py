"""Repeatable setup: demo content, admin account, settings from the environment."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site
from wagtail_localize.models import Translation

from stadtteil.models import SiteTexts

BASE_DIR = Path(__file__).resolve().parents[2]


def counts():
    return {
        "pages": Page.objects.count(),
        "images": get_image_model().objects.count(),
        "documents": get_document_model().objects.count(),
        "site_texts": SiteTexts.objects.count(),
        "translations": Translation.objects.count(),
        "sites": Site.objects.count(),
    }


def test_load_demo_twice_creates_no_duplicates(demo):
    before = counts()
    assert before["pages"] > 10
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == before


def test_ensure_admin_creates_one_admin_with_password_from_environment(db, monkeypatch):
    get_user_model().objects.all().delete()
    monkeypatch.setenv("ADMIN_PASSWORD", "lange-sichere-zugangsphrase")
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("lange-sichere-zugangsphrase")
    assert "lange-sichere-zugangsphrase" not in out.getvalue()
    call_command("ensure_admin", stdout=io.StringIO())
    assert get_user_model().objects.count() == 1


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("kurz", "too short"),
        ("password1234", "too common"),
        ("123456789012345", "entirely numeric"),
        ("admin", "too similar to the username"),
    ],
)
def test_ensure_admin_refuses_a_weak_admin_password(db, monkeypatch, password, reason):
    get_user_model().objects.all().delete()
    monkeypatch.setenv("ADMIN_PASSWORD", password)
    with translation.override("en"), pytest.raises(CommandError) as error:
        call_command("ensure_admin", stdout=io.StringIO())
    assert "ADMIN_PASSWORD is not accepted" in str(error.value)
    assert reason in str(error.value)
    assert not get_user_model().objects.exists()


def test_ensure_admin_prints_a_random_password_once(db, monkeypatch):
    get_user_model().objects.all().delete()
    monkeypatch.delenv("ADMIN_PASSWORD", raising=False)
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    password = out.getvalue().split("password: ")[1].split()[0]
    assert get_user_model().objects.get(username="admin").check_password(password)
    again = io.StringIO()
    call_command("ensure_admin", stdout=again)
    assert password not in again.getvalue()


def run_python(code, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DJANGO_SETTINGS_MODULE"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=environment, capture_output=True, text=True, timeout=60
    )


def test_production_settings_refuse_to_start_without_secret_key():
    result = run_python("import django; django.setup()", DJANGO_SETTINGS_MODULE="stadtteil.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_read_the_environment(tmp_path):
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.ALLOWED_HOSTS, s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], "
        "s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.MEDIA_ROOT, s.CSRF_TRUSTED_ORIGINS, s.DEFAULT_FROM_EMAIL)"
    )
    result = run_python(
        code,
        DJANGO_SETTINGS_MODULE="stadtteil.settings.production",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="heeren-werve.example.org",
        CSRF_TRUSTED_ORIGINS="https://heeren-werve.example.org",
        DATABASE_URL="postgres://user:pw@db.example.org:5432/stadtteil",
        REDIS_URL="redis://127.0.0.1:6379/1",
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="2525",
        DEFAULT_FROM_EMAIL="stadtteil@example.org",
        MEDIA_ROOT=str(tmp_path),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "['heeren-werve.example.org']",
        "django.db.backends.postgresql",
        "stadtteil.cache.ResilientRedisCache",
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        "2525",
        str(tmp_path),
        "['https://heeren-werve.example.org']",
        "stadtteil@example.org",
    ]


def test_without_email_host_mail_is_written_to_files():
    result = run_python(
        "import django; django.setup(); from django.conf import settings as s; print(s.EMAIL_BACKEND, s.EMAIL_FILE_PATH)",
        DJANGO_SETTINGS_MODULE="stadtteil.settings.production",
        SECRET_KEY="x" * 50,
        EMAIL_HOST="",
        DATABASE_URL="",
    )
    assert result.returncode == 0, result.stderr
    backend, path = result.stdout.split()
    assert backend == "django.core.mail.backends.filebased.EmailBackend"
    assert path.endswith("var/mail")


@pytest.mark.parametrize("module", ["stadtteil.settings.dev", "stadtteil.settings.test"])
def test_other_settings_default_to_sqlite_under_var(module):
    result = run_python(
        "import django; django.setup(); from django.conf import settings as s; print(s.DATABASES['default']['NAME'])",
        DJANGO_SETTINGS_MODULE=module,
        DATABASE_URL="",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("var/db.sqlite3")


def test_healthz_reports_database_and_cache(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_is_503_when_the_cache_fails(client, db, monkeypatch):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "error"
