"""Scheduled publishing and unpublishing, and previews of every page type in both languages."""

import io
from datetime import timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from editorial.roles import FREIGABE

from .conftest import page_form


def run_scheduler():
    call_command("publish_scheduled", stdout=io.StringIO())


def local(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%d %H:%M")


def test_scheduled_publishing_through_the_admin(make_user, login, draft_page, client):
    client = login(make_user("frida", FREIGABE))
    go_live = timezone.now() + timedelta(days=2)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[draft_page.pk]),
        page_form(draft_page, title="Später sichtbar", go_live_at=local(go_live), **{"action-publish": "publish"}),
    )
    assert response.status_code == 302
    draft_page.refresh_from_db()
    revision = draft_page.get_latest_revision()
    assert revision.approved_go_live_at is not None
    assert draft_page.title == "Testseite"  # the live version is unchanged until the date

    run_scheduler()
    draft_page.refresh_from_db()
    assert draft_page.title == "Testseite"

    # The date arrives.
    later = timezone.now() + timedelta(days=3)
    with mock.patch("django.utils.timezone.now", return_value=later):
        run_scheduler()
    draft_page.refresh_from_db()
    assert draft_page.title == "Später sichtbar"
    assert client.get(draft_page.url).status_code == 200


def test_scheduled_unpublishing(client, draft_page):
    draft_page.expire_at = timezone.now() + timedelta(days=1)
    draft_page.save_revision().publish()
    run_scheduler()
    assert client.get(draft_page.url).status_code == 200

    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + timedelta(days=2)):
        run_scheduler()
    draft_page.refresh_from_db()
    assert not draft_page.live and draft_page.expired
    assert client.get(draft_page.url).status_code == 404


@pytest.mark.parametrize("language", ["de", "en"])
def test_preview_of_every_page_type(admin_client, demo, language):
    pages = Page.objects.filter(depth__gte=2, locale=demo[language]).specific()
    seen_types = set()
    for page in pages:
        if type(page) in seen_types:
            continue
        seen_types.add(type(page))
        response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
        assert response.status_code == 200, (type(page).__name__, language)
        html = response.content.decode()
        assert f'<html lang="{language}"' in html
        assert page.title in html
    assert len(seen_types) >= 2
