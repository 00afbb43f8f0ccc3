"""Sub-views whose path reads differently per language (stadtteil.routing): URLs, redirects, alternates, sitemap."""

import pytest
from django.test import override_settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, Site

from news.models import EventIndexPage
from participation.accountability import figure_years
from participation.models import ParticipationPage
from projects.models import ProjectIndexPage
from stadtteil import routing


def pages(model):
    return {page.locale.language_code: page for page in model.objects.live().select_related("locale")}


@pytest.fixture
def measures(demo):
    return pages(ProjectIndexPage)


def test_url_of_a_sub_view_in_each_language(measures):
    de, en = measures["de"], measures["en"]
    assert routing.url(de, "map") == de.url + "karte/"
    assert routing.url(en, "map") == en.url + "map/"
    assert routing.url(de, "timeline") == de.url + "plan/zeitplan/"
    assert routing.url(en, "timeline") == en.url + "plan/timeline/"
    # A route with one path for all languages is built the same way.
    assert routing.url(de, "plan") == de.url + "plan/"
    assert routing.url(en, "plan") == en.url + "plan/"


def test_alternates_name_the_sub_view_in_every_language(measures):
    de, en = measures["de"], measures["en"]
    expected = {"de": de.url + "karte/", "en": en.url + "map/"}
    assert routing.alternates(de, "map") == expected
    assert routing.alternates(en, "map") == expected


def test_other_languages_path_redirects_to_the_pages_own(client, measures):
    de, en = measures["de"], measures["en"]
    response = client.get(de.url + "map/")
    assert response.status_code == 302
    assert response["Location"] == de.url + "karte/"
    response = client.get(en.url + "plan/zeitplan/")
    assert response.status_code == 302
    assert response["Location"] == en.url + "plan/timeline/"
    assert client.get(en.url + "map/").status_code == 200


def test_redirect_keeps_the_route_arguments(client, demo):
    year = next(iter(figure_years()))
    participation = pages(ParticipationPage)["en"]
    response = client.get(f"{participation.url}zahlen/{year}/")
    assert response.status_code == 302
    assert response["Location"] == f"{participation.url}figures/{year}/"
    assert client.get(response["Location"]).status_code == 200


def test_a_sub_view_without_redirects_answers_under_every_path(client, demo):
    events = pages(EventIndexPage)["de"]
    for sub in ("vergangene/", "past/"):
        response = client.get(events.url + sub)
        assert response.status_code == 200
        assert response.context["alternate_urls"]["de"] == events.url + "vergangene/"


def test_sitemap_entry_carries_the_key_shared_by_the_translations(measures):
    entries = {}
    for language, page in measures.items():
        entry = {"location": "https://example.org" + page.url, "lastmod": None}
        entries[language] = routing.sitemap_entry(entry, page, "map")
    assert entries["de"]["location"] == "https://example.org" + measures["de"].url + "karte/"
    assert entries["en"]["location"] == "https://example.org" + measures["en"].url + "map/"
    assert entries["de"]["alternate_key"] == entries["en"]["alternate_key"] == "map"


THREE_LANGUAGES = [("de", _("German")), ("en", _("English")), ("fr", _("French"))]


@override_settings(LANGUAGES=THREE_LANGUAGES, WAGTAIL_CONTENT_LANGUAGES=THREE_LANGUAGES)
def test_a_third_language_needs_no_app_code(client, measures):
    """A language without paths of its own uses the English ones; its alternates and redirects follow."""
    de = measures["de"]
    french = Locale.objects.create(language_code="fr")
    home = Page.objects.get(pk=Site.objects.get(is_default_site=True).root_page_id)
    home.copy_for_translation(french).save_revision().publish()
    fr = de.copy_for_translation(french)
    fr.save_revision().publish()
    fr.refresh_from_db()
    assert fr.url.startswith("/fr/")
    assert routing.url(fr, "map") == fr.url + "map/"
    assert routing.alternates(de, "map")["fr"] == fr.url + "map/"
    response = client.get(fr.url + "karte/")
    assert response.status_code == 302
    assert response["Location"] == fr.url + "map/"
    assert client.get(fr.url + "map/").status_code == 200
