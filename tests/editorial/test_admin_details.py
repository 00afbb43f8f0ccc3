"""Details of a German admin: German slugs, the project's editor guide, readable labels in lists and panels."""

import json

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from fund.models import Application
from news.models import NewsIndexPage
from projects.models import FieldOfAction
from stadtteil.text import german_slugify
from subscriptions.models import Subscriber
from tests.conftest import make_subscriber, staff_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def german_admin(client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "de"
    profile.save()
    staff_login(client, admin_user)
    return client


def test_german_slugify():
    assert german_slugify("Grünfläche an der Märkischen Straße") == "gruenflaeche-an-der-maerkischen-strasse"
    assert german_slugify("Öffnungszeiten & Übersicht") == "oeffnungszeiten-uebersicht"


def test_slug_field_transliterates_german(german_admin, demo):
    index = NewsIndexPage.objects.get(locale=demo["de"])
    response = german_admin.get(reverse("wagtailadmin_pages:add", args=["news", "newspage", index.pk]))
    html = response.content.decode()
    # The slug field's formatters run before Wagtail's own transliteration ("ü" -> "u").
    assert 'data-controller="w-slug"' in html
    assert "data-w-slug-formatters-value=" in html
    widget = response.context["form"].fields["slug"].widget
    formatters = {
        pattern[0]: replacement for pattern, replacement in json.loads(widget.attrs["data-w-slug-formatters-value"])
    }
    assert {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}.items() <= formatters.items()


def test_help_menu_links_to_the_projects_guide(german_admin):
    html = german_admin.get(reverse("wagtailadmin_home")).content.decode()
    guide_url = reverse("editorial_guide:index")
    assert guide_url in html
    assert "guide.wagtail.org" not in html
    assert "Handbuch für die Redaktion" in html
    assert "Was ist neu in Wagtail" not in html


def test_guide_is_shown_in_german_with_its_screenshots(german_admin):
    response = german_admin.get(reverse("editorial_guide:index"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "Handbuch für die Redaktion" in html
    assert 'src="img/dashboard.png"' in html
    image = german_admin.get(reverse("editorial_guide:index") + "img/dashboard.png")
    assert image.status_code == 200 and image["Content-Type"] == "image/png"
    # Only the guides and their screenshots, nothing else from the repository.
    for path in ("img/..%2F..%2FREADME.md", "img/.hidden.png", "img/redaktion.md", "README.md", "../README.md"):
        response = german_admin.get(reverse("editorial_guide:index") + path)
        assert response.status_code in (301, 404), path
        assert b"Stadtteilprojekt Heeren-Werve" not in response.content or response.status_code == 404
    english = german_admin.get(reverse("editorial_guide:page", args=["editor-guide.md"]))
    assert english.status_code == 200 and "Editor guide" in english.content.decode()


def test_guide_needs_admin_access(client):
    response = client.get(reverse("editorial_guide:index"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_subscribers_by_language_and_topics_by_name(german_admin, demo):
    Subscriber.objects.all().delete()
    field = FieldOfAction.objects.filter(locale=demo["de"]).first()
    make_subscriber("a@example.org", "de", ["news", f"field:{field.translation_key}"])
    make_subscriber("b@example.org", "de", ["events"])
    make_subscriber("c@example.org", "en", ["news"])
    html = german_admin.get(reverse("wagtailadmin_home")).content.decode()
    assert "<li>Deutsch: 2</li>" in html and "<li>Englisch: 1</li>" in html
    assert "<li>en: 1</li>" not in html

    listing = german_admin.get(reverse("subscribers:index")).content.decode()
    assert field.name in listing
    assert ">field:" not in listing and "field:" not in listing.split("<tbody")[1]
    assert "Englisch" in listing


def test_fund_list_says_yes_or_no(german_admin):
    assert Application.objects.exists()
    flagged = Application.objects.first()
    Application.objects.update(flagged=False)
    Application.objects.filter(pk=flagged.pk).update(flagged=True)
    html = german_admin.get(reverse("fund_applications:index")).content.decode()
    assert "True" not in html and "False" not in html
    assert "<span>Ja</span>" in html and "<span>Nein</span>" in html
