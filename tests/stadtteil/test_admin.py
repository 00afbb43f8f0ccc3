"""The Wagtail admin: German by default, editing and publishing, translating with wagtail-localize."""

from bs4 import BeautifulSoup
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from home.models import StandardPage


def test_admin_login_page_is_german(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.html["lang"] == "de"
    assert "Anmelden" in response.content.decode()


def test_staff_may_switch_the_admin_to_english(admin_client, admin_user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    response = admin_client.get("/admin/")
    assert BeautifulSoup(response.content, "html.parser").html["lang"] == "en"


def test_page_edited_and_published_in_the_admin_shows_the_change(admin_client, client, demo):
    page = StandardPage.objects.get(slug="ueber-das-projekt")
    edit_url = f"/admin/pages/{page.pk}/edit/"
    form = admin_client.get(edit_url)
    assert form.status_code == 200
    data = {
        "title": "Über das Stadtteilprojekt",
        "slug": "ueber-das-projekt",
        "intro": "Neue Einleitung, im Admin geschrieben.",
        "body-count": "0",
        "action-publish": "action-publish",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }
    response = admin_client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    public = client.get(page.url)
    html = public.content.decode()
    assert "Über das Stadtteilprojekt" in html
    assert "Neue Einleitung, im Admin geschrieben." in html


def test_demo_translations_are_wagtail_localize_translations_with_translated_slugs(demo):
    german = StandardPage.objects.get(slug="impressum")
    english = german.get_translation(demo["en"])
    assert english.slug == "legal-notice"
    assert english.title == "Legal notice"
    assert english.live
    source = TranslationSource.objects.get_for_instance(german)
    assert Translation.objects.filter(source=source, target_locale=demo["en"], enabled=True).exists()


def test_page_submitted_for_translation_in_the_admin_gets_an_english_draft(admin_client, demo, admin_user):
    german = StandardPage(title="Spielplatz Rosenstraße", slug="spielplatz-rosenstrasse", intro="Ein Spielplatz.")
    demo["de_home"].add_child(instance=german)
    german.save_revision(user=admin_user).publish()
    response = admin_client.post(f"/admin/localize/submit/page/{german.pk}/", {"locales": [demo["en"].pk]})
    assert response.status_code == 302
    english = Page.objects.get(translation_key=german.translation_key, locale=demo["en"])
    assert english.get_parent().pk == demo["en_home"].pk
    translation = Translation.objects.get(source__object_id=german.translation_key, target_locale=demo["en"])
    editor = admin_client.get(f"/admin/pages/{english.pk}/edit/")
    assert editor.status_code == 200
    assert translation.get_progress() == (3, 0)  # title, slug and intro wait for the translator
