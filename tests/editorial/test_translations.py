"""Outdated translations: detected after a German change, listed in the report and on the dashboard, synced in
one step; and English navigation never links pages that have no live English translation."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from editorial.roles import FREIGABE, REDAKTION, UEBERSETZUNG
from editorial.translations import outdated_sources, sync_source
from home.models import StandardPage
from stadtteil.models import SiteTexts

REPORT = "editorial:outdated_translations"


def about(demo):
    return Page.objects.get(locale=demo["de"], slug="ueber-das-projekt").specific


def change_and_publish(page, **fields):
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_demo_translations_are_up_to_date(demo):
    assert outdated_sources() == []


def test_published_german_change_makes_translation_outdated(demo):
    page = about(demo)
    change_and_publish(page, intro="Neuer Einleitungstext für das Projekt.")
    outdated = outdated_sources()
    assert [item.instance.pk for item in outdated] == [page.pk]
    assert [t.target_locale.language_code for t in outdated[0].translations] == ["en"]


def test_unpublished_draft_does_not_count(demo):
    page = about(demo)
    page.intro = "Nur ein Entwurf."
    page.save_revision()
    assert outdated_sources() == []


def test_snippet_change_makes_translation_outdated(demo):
    texts = SiteTexts.objects.get(locale=demo["de"])
    texts.tagline = "Ein neuer Untertitel"
    texts.save()
    assert [item.instance for item in outdated_sources()] == [texts]


def test_sync_updates_english_page_and_clears_the_report(admin_client, demo, django_capture_on_commit_callbacks):
    page = about(demo)
    change_and_publish(page, intro="Neuer Einleitungstext für das Projekt.")
    en_page = page.get_translation(demo["en"])

    response = admin_client.get(reverse(REPORT))
    html = response.content.decode()
    assert response.status_code == 200
    assert page.title in html
    source = outdated_sources()[0].source
    sync_url = reverse("editorial:sync_translation", args=[source.pk])
    assert sync_url in html

    english_intro = en_page.intro
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(sync_url, {"next": reverse(REPORT)})
    assert response.status_code == 302
    assert response["Location"] == reverse(REPORT)
    en_page.refresh_from_db()
    # The changed German text is not translated yet: the live English page keeps its earlier English wording
    # (never the German text), the rest its English translation.
    assert en_page.intro == english_intro
    assert en_page.title == "About the project"
    assert en_page.live and not en_page.has_unpublished_changes
    # Synced, but listed with its one untranslated text until a translator translates it.
    [item] = outdated_sources()
    assert (item.changed, item.missing) == (False, 1)
    html = admin_client.get(reverse(REPORT)).content.decode()
    assert "Alle Übersetzungen sind aktuell." not in html
    assert sync_url not in html


def test_sync_of_a_snippet(admin_client, demo):
    texts = SiteTexts.objects.get(locale=demo["de"])
    texts.opening_hours = "Sprechzeiten: donnerstags 10–12 Uhr"
    texts.save()
    source = outdated_sources()[0].source
    assert admin_client.post(reverse("editorial:sync_translation", args=[source.pk])).status_code == 302
    # The English snippet keeps its earlier English wording until the new German text is translated.
    assert SiteTexts.objects.get(locale=demo["en"]).opening_hours.startswith("Office hours")
    assert [(item.instance, item.changed, item.missing) for item in outdated_sources()] == [(texts, False, 1)]


def test_translator_syncs_and_publishes(make_user, login, demo, django_capture_on_commit_callbacks):
    page = about(demo)
    change_and_publish(page, title="Über das Projekt Heeren-Werve")
    client = login(make_user("tom", UEBERSETZUNG))
    assert client.get(reverse(REPORT)).status_code == 200
    source = outdated_sources()[0].source
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("editorial:sync_translation", args=[source.pk])).status_code == 302
    en_page = page.get_translation(demo["en"])
    assert en_page.title == "About the project"  # the new title is not translated yet: the earlier one stays
    assert [item.missing for item in outdated_sources()] == [1]


def test_redaktion_may_not_sync(make_user, login, demo):
    page = about(demo)
    change_and_publish(page, intro="Geändert.")
    client = login(make_user("rita", REDAKTION))
    source = outdated_sources()[0].source
    # Wagtail's admin answers a refused view with a redirect to the dashboard and an error message.
    assert client.get(reverse(REPORT)).status_code in (302, 403)
    assert client.post(reverse("editorial:sync_translation", args=[source.pk])).status_code in (302, 403)
    assert len(outdated_sources()) == 1


def test_sync_saves_a_draft_when_the_user_may_not_publish(make_user, demo):
    """A user with the sync right but without publish rights on the English page gets a draft for review."""
    from django.contrib.auth.models import Permission

    page = about(demo)
    change_and_publish(page, intro="Geändert für den Entwurf.")
    user = make_user("sam")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="submit_translation")
    )
    from wagtail.models import GroupPagePermission

    GroupPagePermission.objects.create(
        group=user.groups.create(name="nur-bearbeiten"),
        page=demo["en_home"],
        permission=Permission.objects.get(codename="change_page", content_type__app_label="wagtailcore"),
    )
    user = type(user).objects.get(pk=user.pk)
    source = outdated_sources()[0].source
    [(target, published)] = sync_source(source, user)
    assert published is False
    target.refresh_from_db()
    assert target.has_unpublished_changes
    # The draft keeps the earlier English wording of the changed text (never German), the live page is unchanged.
    assert target.get_latest_revision_as_object().intro == target.intro != "Geändert für den Entwurf."
    assert target.intro.startswith("The integrated action plan")


def test_report_in_reports_menu(admin_client, make_user, login):
    response = admin_client.get(reverse("wagtailadmin_home"))
    assert reverse(REPORT) in response.content.decode()
    client = login(make_user("rita", REDAKTION))
    assert reverse(REPORT) not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_freigabe_sees_report(make_user, login):
    client = login(make_user("frida", FREIGABE))
    assert client.get(reverse(REPORT)).status_code == 200


# --- navigation and language switcher -----------------------------------------------------------------------


@pytest.fixture
def german_only(demo):
    page = StandardPage(title="Nur auf Deutsch", slug="nur-auf-deutsch", show_in_menus=True)
    demo["de_home"].add_child(instance=page)
    page.save_revision().publish()
    return page


def test_german_only_page_not_in_english_navigation(client, demo, german_only):
    de_html = client.get(demo["de_home"].url).content.decode()
    assert f'href="{german_only.url}"' in de_html
    en_html = client.get(demo["en_home"].url).content.decode()
    assert "nur-auf-deutsch" not in en_html
    assert "Nur auf Deutsch" not in en_html


def test_switcher_falls_back_to_english_home(client, demo, german_only):
    html = client.get(german_only.url).content.decode()
    assert '<link rel="alternate" hreflang="en"' not in html  # no alternate link to a page that does not exist
    assert f'href="{demo["en_home"].url}"' in html  # the switcher leads to the English home page


def test_draft_english_translation_is_not_linked(client, demo):
    page = about(demo)
    en_page = page.get_translation(demo["en"])
    en_page.unpublish()
    en_html = client.get(demo["en_home"].url).content.decode()
    assert en_page.url not in en_html
    de_html = client.get(page.url).content.decode()
    assert en_page.url not in de_html
    assert f'href="{demo["en_home"].url}"' in de_html


def test_translated_page_switches_to_its_translation(client, demo):
    page = about(demo)
    html = client.get(page.url).content.decode()
    assert page.get_translation(demo["en"]).url in html
