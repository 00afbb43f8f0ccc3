"""News and events linked to measures and fields of action: admin, pages, listing filter, measure pages, demo."""

import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.utils import timezone

from news.models import EventPage, EventPageMeasure, NewsIndexPage, NewsPage, NewsPageFieldOfAction, NewsPageMeasure
from projects.models import ProjectPage
from stadtteil import routing
from stadtteil.page_cache import bump_version
from tests.conftest import demo_url

from .conftest import english, news

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content.decode(), "html.parser")


def listed_titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".news-list .card__title a")]


def related(response):
    box = soup(response).select_one(".news-related")
    assert box is not None, "no related measures box"
    return {
        "measures": [(a.get_text(strip=True), a["href"]) for a in box.select(".news-related__measures a")],
        "fields": box.select_one(".news-related__fields").get_text(" ", strip=True)
        if box.select_one(".news-related__fields")
        else "",
    }


# --- admin --------------------------------------------------------------------------------------------------------
def test_admin_edit_forms_have_the_related_inlines(admin_client):
    item = news("luisenpark-umgestaltet")
    html = admin_client.get(f"/admin/pages/{item.pk}/edit/").content.decode()
    assert 'name="measure_links-TOTAL_FORMS"' in html
    assert 'name="field_links-TOTAL_FORMS"' in html
    event = EventPage.objects.get(slug="infoabend-spielplatz-rosenstrasse")
    html = admin_client.get(f"/admin/pages/{event.pk}/edit/").content.decode()
    assert 'name="measure_links-TOTAL_FORMS"' in html


def test_editor_links_a_measure_and_a_field_in_the_admin(admin_client, measure, field):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    item = news("lebendiger-adventskalender-2026")  # no links yet
    data = nested_form_data(
        {
            "title": item.title,
            "slug": item.slug,
            "date": item.date.isoformat(),
            "teaser": item.teaser,
            "body": streamfield([]),
            "category_links": inline_formset([]),
            "measure_links": inline_formset([{"measure": measure("luisenpark").pk}]),
            "field_links": inline_formset([{"field": field("Klimaschutz").pk}]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/{item.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    item.refresh_from_db()
    assert [link.measure.slug for link in item.measure_links.all()] == ["luisenpark"]
    assert [link.field.name for link in item.field_links.all()] == ["Klimaschutz"]


# --- news and event pages -----------------------------------------------------------------------------------------
def test_news_page_shows_related_measures_and_fields_in_german(client, measure):
    box = related(client.get(news("wettbewerb-neue-mitte").url))
    assert box["measures"] == [("Neue Mitte Heeren-Werve", measure("neue-mitte").url)]
    assert "Öffentlicher Raum" in box["fields"] and "Stadtgestalt und Baustruktur" in box["fields"]


def test_news_page_shows_related_measures_and_fields_in_english(client, measure):
    en_item = news("wettbewerb-neue-mitte", "en")
    # The translation's measure rows point at the German pages (the page localizes them when rendering); the
    # fields of action are localized when the facts are copied (stadtteil/facts.py).
    assert [link.measure.locale.language_code for link in en_item.measure_links.all()] == ["de"]
    assert [link.field.locale.language_code for link in en_item.field_links.all()] == ["en", "en"]
    box = related(client.get(en_item.url))
    en_measure = english(measure("neue-mitte"))
    assert box["measures"] == [(en_measure.title, en_measure.url)]
    assert "Public space" in box["fields"] and "Öffentlicher Raum" not in box["fields"]
    # Each field links to the English listing filtered by it.
    links = soup(client.get(en_item.url)).select(".news-related__fields a")
    assert links and all(a["href"].startswith(f"{demo_url(NewsIndexPage, lang='en')}?field=") for a in links)
    assert client.get(links[0]["href"]).status_code == 200


def test_a_measure_without_live_translation_falls_back_to_the_linked_one(client, measure):
    # Like Wagtail's Page.localized: a missing or unpublished translation gives the source page.
    german = measure("luisenpark")
    english(german).unpublish()
    box = related(client.get(news("luisenpark-umgestaltet", "en").url))
    assert box["measures"] == [("Umgestaltung des Luisenparks", german.url)]
    english(german).delete()
    box = related(client.get(news("luisenpark-umgestaltet", "en").url))
    assert box["measures"] == [("Umgestaltung des Luisenparks", german.url)]


def test_unpublished_measures_are_not_linked(client, measure):
    measure("luisenpark").unpublish()
    english(measure("luisenpark")).unpublish()
    assert soup(client.get(news("luisenpark-umgestaltet").url)).select(".news-related__measures a") == []
    assert soup(client.get(news("luisenpark-umgestaltet", "en").url)).select(".news-related__measures a") == []


def test_event_page_shows_related_measures_in_both_languages(client, measure):
    event = EventPage.objects.get(slug="infoabend-spielplatz-rosenstrasse")
    assert related(client.get(event.url))["measures"] == [
        ("Spielplatz Rosenstraße", measure("spielplatz-rosenstrasse").url)
    ]
    en_event = english(event)
    en_measure = english(measure("spielplatz-rosenstrasse"))
    assert related(client.get(en_event.url))["measures"] == [(en_measure.title, en_measure.url)]


def test_news_page_without_links_has_no_box(client):
    item = news("lebendiger-adventskalender-2026")
    assert not item.measure_links.exists() and not item.field_links.exists()
    assert soup(client.get(item.url)).select_one(".news-related") is None


@pytest.mark.parametrize("count", [5, 50])
def test_news_page_queries_do_not_grow_with_links(client, demo, make_news, django_assert_max_num_queries, count):
    make_news(3)
    item = NewsPage.objects.get(slug="testnachricht-001")
    measures = list(ProjectPage.objects.filter(locale=demo["de"]))
    fields = [m.field_of_action for m in measures]
    for number in range(count):
        NewsPageMeasure.objects.create(page=item, measure=measures[number % len(measures)])
        NewsPageFieldOfAction.objects.create(page=item, field=fields[number % len(fields)])
    url = item.url
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(46):  # the news page's budget (42) plus three for the links
        response = client.get(url)
    assert len(related(response)["measures"]) == min(count, len(measures))


# --- listing filter -----------------------------------------------------------------------------------------------
def test_listing_filters_by_field_of_action_in_german(client, field, news_index):
    green = field("Grün- und Freiraum")
    titles = listed_titles(client.get(f"{news_index.url}?field={green.pk}"))
    assert "Der Luisenpark ist neu gestaltet" in titles
    assert "Sport- und Bewegungspark: zweiter Bauabschnitt abgeschlossen" in titles
    # Linked only through its measure, whose main field is "Grün- und Freiraum".
    assert "Spielplatz Rosenstraße: Kinder planen mit" in titles
    assert "Das Stadtteilbüro sagt Danke" not in titles
    page = soup(client.get(f"{news_index.url}?field={green.pk}"))
    assert page.select_one("#news-filter-field option[selected]").get_text() == "Grün- und Freiraum"
    assert "Grün- und Freiraum" in page.select_one(".news-count").get_text()
    # No duplicates: the Bergstraße news links two measures and the field itself.
    assert len(titles) == len(set(titles))


def test_listing_filters_by_field_of_action_in_english(client, field):
    green = field("Grün- und Freiraum", "en")
    listing = demo_url(NewsIndexPage, lang="en")
    titles = listed_titles(client.get(f"{listing}?field={green.pk}"))
    assert "Luisenpark has been redesigned" in titles
    assert "Rosenstrasse playground: children help with the plans" in titles
    assert "The district office says thank you" not in titles
    options = [o.get_text() for o in soup(client.get(listing)).select("#news-filter-field option")]
    assert "Green and open spaces" in options and "Grün- und Freiraum" not in options


def test_field_filter_combines_with_category_and_year(client, field, news_index):
    public = field("Öffentlicher Raum")
    assert listed_titles(client.get(f"{news_index.url}?field={public.pk}&year=2022")) == ["Die Neue Mitte ist fertig"]
    assert listed_titles(client.get(f"{news_index.url}?field={public.pk}&category=beteiligung")) == [
        "Wettbewerb für die Neue Mitte entschieden"
    ]
    year = routing.url(news_index, "year", kwargs={"year": 2017})
    assert listed_titles(client.get(f"{year}?field={public.pk}")) == ["Wettbewerb für die Neue Mitte entschieden"]


@pytest.mark.parametrize("value", ["abc", "99999999", "", "-1"])
def test_unknown_field_values_are_ignored(client, news_index, value):
    unfiltered = soup(client.get(news_index.url)).select_one(".news-count").get_text(strip=True)
    page = soup(client.get(f"{news_index.url}?field={value}"))
    assert page.select_one(".news-count").get_text(strip=True) == unfiltered


def test_a_german_field_id_filters_the_english_listing_by_the_same_field(client, field):
    # The language switcher keeps the query string: /de/aktuelles/?field=<German id> becomes /en/news/?field=<same>.
    german = field("Grün- und Freiraum")
    listing = demo_url(NewsIndexPage, lang="en")
    unfiltered = soup(client.get(listing)).select_one(".news-count").get_text(strip=True)
    filtered = soup(client.get(f"{listing}?field={german.pk}")).select_one(".news-count").get_text(strip=True)
    assert filtered != unfiltered
    assert filtered.endswith("Green and open spaces")
    english = soup(client.get(f"{listing}?field={german.pk}"))
    assert english.select_one('select[name="field"] option[selected]').get_text(strip=True) == "Green and open spaces"


def test_pagination_keeps_the_field_filter(client, demo, make_news, field):
    index = make_news(15)
    green = field("Grün- und Freiraum")
    for item in NewsPage.objects.child_of(index):
        NewsPageFieldOfAction.objects.create(page=item, field=green)
    page = soup(client.get(f"{index.url}?field={green.pk}"))
    assert f"field={green.pk}" in page.select_one(".pagination a[href*='page=2']")["href"]


@pytest.mark.parametrize("count", [5, 50])
def test_filtered_listing_queries_do_not_grow(
    client, demo, make_news, field, measure, django_assert_max_num_queries, count
):
    index = make_news(count)
    green = field("Grün- und Freiraum")
    park = measure("luisenpark")
    for number, item in enumerate(NewsPage.objects.child_of(index)):
        if number % 2:
            NewsPageFieldOfAction.objects.create(page=item, field=green)
        else:
            NewsPageMeasure.objects.create(page=item, measure=park)
    url = f"{index.url}?field={green.pk}"
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(40):  # the listing's budget (39) plus the fields of action
        response = client.get(url)
    assert response.context["news_page"].paginator.count == count
    assert len(response.context["news_page"].object_list) == min(count, 10)


# --- measure pages ------------------------------------------------------------------------------------------------
def section_titles(response, selector):
    return [a.get_text(strip=True) for a in soup(response).select(f"{selector} .card__title a")]


def test_measure_page_shows_related_news_newest_first_in_german(client, measure):
    response = client.get(measure("neue-mitte").url)
    assert section_titles(response, ".measure-news") == [
        "Die Neue Mitte ist fertig",
        "Wettbewerb für die Neue Mitte entschieden",
    ]
    assert "Lebendiger Adventskalender" in " ".join(section_titles(response, ".measure-events"))


def test_measure_page_shows_related_news_and_events_in_english(client, measure):
    response = client.get(english(measure("neue-mitte")).url)
    assert section_titles(response, ".measure-news") == [
        "The Neue Mitte is completed",
        "Design competition for the Neue Mitte decided",
    ]
    links = [a["href"] for a in soup(response).select(".measure-news a, .measure-events a")]
    assert links and all(href.startswith("/en/") for href in links)  # English pages only (their URL prefix)
    assert "Living advent calendar" in " ".join(section_titles(response, ".measure-events"))
    html = response.content.decode()
    assert "Die Neue Mitte ist fertig" not in html


def test_measure_page_shows_only_upcoming_events(client, measure):
    # The walk through the exercise park is in the past; only news remain.
    response = client.get(measure("bewegungspark-bergstrasse-3-4").url)
    assert section_titles(response, ".measure-events") == []
    assert section_titles(response, ".measure-news") == ["Sport- und Bewegungspark: zweiter Bauabschnitt abgeschlossen"]
    upcoming = client.get(measure("spielplatz-rosenstrasse").url)
    assert section_titles(upcoming, ".measure-events") == ["Infoabend: der neue Spielplatz an der Rosenstraße"]
    english_page = client.get(english(measure("spielplatz-rosenstrasse")).url)
    assert section_titles(english_page, ".measure-events") == ["Information evening: the new playground at Rosenstraße"]
    assert section_titles(english_page, ".measure-news") == ["Rosenstrasse playground: children help with the plans"]


def test_measure_page_without_news_has_no_section(client, measure):
    response = client.get(measure("klimaanpassung-seseke").url)
    assert soup(response).select(".measure-news, .measure-events") == []


@pytest.mark.parametrize("count", [5, 50])
def test_measure_page_queries_do_not_grow_with_news(client, demo, make_news, make_events, measure, count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = measure("klimaanpassung-seseke").url

    def queries():
        client.get(url)  # warm up: renditions and site caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured.captured_queries), response

    baseline, _response = queries()  # the measure page without linked news or events
    park = measure("klimaanpassung-seseke")
    for item in NewsPage.objects.child_of(make_news(count)):
        NewsPageMeasure.objects.create(page=item, measure=park)
    for event in EventPage.objects.child_of(make_events(count)):
        EventPageMeasure.objects.create(page=event, measure=park)
    # In the admin these links are saved by publishing the news or event, which renews the shared page data.
    bump_version()
    with_section, response = queries()
    assert len(section_titles(response, ".measure-news")) == 4
    assert len(section_titles(response, ".measure-events")) == 4
    # The section costs the same few queries with 5 and with 50 linked items (measured: 8).
    assert with_section - baseline <= 9, (baseline, with_section)


# --- demo ---------------------------------------------------------------------------------------------------------
def test_demo_links_news_and_events_in_both_languages_and_is_idempotent(demo):
    def counts():
        return {
            model: {code: model.objects.filter(page__locale=demo[code]).count() for code in ("de", "en")}
            for model in (NewsPageMeasure, NewsPageFieldOfAction, EventPageMeasure)
        }

    before = counts()
    for model, per_language in before.items():
        assert per_language["de"] == per_language["en"] >= 3, model
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == before


def test_upcoming_demo_event_is_linked(demo):
    event = EventPage.objects.get(slug="infoabend-spielplatz-rosenstrasse", locale=demo["de"])
    assert event.end > timezone.now() - datetime.timedelta(days=1)
    assert [link.measure.slug for link in event.measure_links.all()] == ["spielplatz-rosenstrasse"]


def test_preview_shows_unsaved_links_localized(admin_client, measure, field):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    item = news("lebendiger-adventskalender-2026")
    data = nested_form_data(
        {
            "title": item.title,
            "slug": item.slug,
            "date": item.date.isoformat(),
            "teaser": item.teaser,
            "body": streamfield([]),
            "category_links": inline_formset([]),
            "measure_links": inline_formset([{"measure": measure("luisenpark").pk}]),
            "field_links": inline_formset([{"field": field("Klimaschutz").pk}]),
        }
    )
    url = f"/admin/pages/{item.pk}/edit/preview/"
    assert admin_client.post(url, data).json()["is_valid"]
    html = admin_client.get(url).content.decode()
    assert "Umgestaltung des Luisenparks" in html and "Klimaschutz" in html
    assert not item.measure_links.exists()  # only in the preview
