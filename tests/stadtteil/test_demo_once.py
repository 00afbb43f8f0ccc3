"""`make run` is repeatable after editors worked: the demo is loaded once (a marker row) and never over their content."""

import io
import os
import subprocess
import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django_tasks.signals import task_enqueued
from wagtail.documents import get_document_model
from wagtail.models import Page

from home.models import DemoContent
from news.models import NewsPage

BASE_DIR = Path(__file__).resolve().parents[2]


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "title", "locale_id")),
        "documents": sorted(get_document_model().objects.values_list("pk", "title")),
    }


def editors_work(demo):
    """A German news page without translation, a renamed demo document, a deleted demo page."""
    source = NewsPage.objects.filter(locale=demo["de"]).live().first()
    new = source.copy(update_attrs={"title": "Neu von der Redaktion", "slug": "neu-von-der-redaktion"}, keep_live=True)
    assert not new.has_translation(demo["en"])
    document = get_document_model().objects.order_by("pk").first()
    document.title = "Von der Redaktion umbenannt"
    document.save()
    NewsPage.objects.filter(locale=demo["de"]).exclude(pk__in=[source.pk, new.pk]).first().delete()
    return new, document


def test_load_demo_again_after_editing_changes_nothing(demo, mailoutbox):
    assert DemoContent.objects.count() == 1
    new, document = editors_work(demo)
    before = snapshot()
    queued = []

    def record(sender, task_result, **kwargs):
        queued.append(task_result.task.name)

    task_enqueued.connect(record)
    try:
        out = io.StringIO()
        call_command("load_demo", stdout=out)  # before the marker: CommandError "Demo strings without …"
    finally:
        task_enqueued.disconnect(record)
    assert "loaded before" in out.getvalue()
    assert snapshot() == before
    assert not new.has_translation(demo["en"])
    assert get_document_model().objects.get(pk=document.pk).title == "Von der Redaktion umbenannt"
    assert queued == [] and mailoutbox == []
    assert DemoContent.objects.count() == 1


def test_a_site_without_marker_but_with_content_is_left_alone(demo):
    # A site set up before the marker existed (or built by editors): no demo over it, the marker is recorded.
    DemoContent.objects.all().delete()
    editors_work(demo)
    before = snapshot()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "not loaded over it" in out.getvalue()
    assert snapshot() == before
    assert DemoContent.objects.count() == 1


def test_ensure_admin_keeps_a_changed_password(admin_user, monkeypatch):
    admin_user.set_password("changed-by-the-admin-2026")
    admin_user.save()
    monkeypatch.setenv("ADMIN_PASSWORD", "the-first-password-from-env")
    call_command("ensure_admin", stdout=io.StringIO())
    admin_user.refresh_from_db()
    assert admin_user.check_password("changed-by-the-admin-2026")
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


SETUP = ["migrate --noinput", "collectstatic --noinput --verbosity 0", "ensure_admin", "load_demo"]
EDIT = """
from django.contrib.auth import get_user_model
from wagtail.documents import get_document_model
from wagtail.models import Locale
from news.models import NewsPage
de = Locale.objects.get(language_code="de")
source = NewsPage.objects.filter(locale=de).live().first()
source.copy(update_attrs={"title": "Neu von der Redaktion", "slug": "neu-von-der-redaktion"}, keep_live=True)
document = get_document_model().objects.order_by("pk").first()
document.title = "Von der Redaktion umbenannt"
document.save()
NewsPage.objects.filter(locale=de).exclude(pk=source.pk).exclude(slug="neu-von-der-redaktion").first().delete()
admin = get_user_model().objects.get(username="admin")
admin.set_password("changed-by-the-admin-2026")
admin.save()
"""
STATE = """
from django.contrib.auth import get_user_model
from django_tasks_db.models import DBTaskResult
from wagtail.documents import get_document_model
from wagtail.models import Page
print(Page.objects.count(), get_document_model().objects.order_by("pk").first().title,
      DBTaskResult.objects.filter(status="READY").exclude(task_path__contains="purge").count(),
      get_user_model().objects.get(username="admin").check_password("changed-by-the-admin-2026"))
"""


def test_make_run_setup_twice_after_editing(tmp_path):
    """The commands of `make setup` (production settings, own SQLite database), run, edited, run again."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="stadtteil.settings.production",
        SECRET_KEY="x" * 50,
        HTTPS="0",
        VAR_DIR=str(tmp_path),
        STATIC_ROOT=str(tmp_path / "static"),
        ADMIN_PASSWORD="the-first-password-from-env",
        LOG_FORMAT="plain",
        REDIS_URL="",
    )

    def manage(*args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=600
        )
        assert result.returncode == 0, (args, result.stdout[-2000:], result.stderr[-3000:])
        return result.stdout

    def setup():
        for command in SETUP:
            manage(*command.split())

    setup()
    manage("shell", "-c", EDIT)
    mails = sorted(os.listdir(tmp_path / "mail")) if (tmp_path / "mail").exists() else []
    before = manage("shell", "-c", STATE)
    assert before.split()[-1] == "True"
    setup()
    assert manage("shell", "-c", STATE) == before
    assert (sorted(os.listdir(tmp_path / "mail")) if (tmp_path / "mail").exists() else []) == mails
