"""What the public sees: approved contributions only, replies, counts, filters, pagination, GeoJSON, measure pages,
and never any personal data."""

import json

import pytest

from home.models import HomePage
from participation.models import Contribution, ParticipationPage
from stadtteil.routing import url
from tests.conftest import demo_page, demo_url

SECRET_NAME = "Zacharias Geheimname"
SECRET_EMAIL = "zacharias.geheim@example.org"


@pytest.fixture
def secret(make_contribution, green, playground):
    """An approved contribution with a place, a reply and personal data."""
    return make_contribution(
        message="Mehr Schaukeln bitte, die Kinder stehen Schlange.",
        field_of_action=green["de"],
        measure=playground["de"],
        latitude="51.582500",
        longitude="7.705500",
        address="Spielplatz Rosenstraße",
        public_reply="Zwei zusätzliche Schaukeln sind eingeplant.",
        contact_name=SECRET_NAME,
        contact_email=SECRET_EMAIL,
        reply_consent=True,
    )


def _urls(green, playground):
    """Every public place of contributions: the participation page (filtered too), its GeoJSON, the measure page,
    the home page."""
    urls = []
    for language in ("de", "en"):
        page = demo_page(ParticipationPage, lang=language)
        urls += [page.url, f"{page.url}?field={green[language].pk}", url(page, "geojson")]
        urls += [playground[language].url, demo_url(HomePage, lang=language)]
    return [*urls, f"{url(demo_page(ParticipationPage), 'geojson')}?measure={playground['de'].pk}"]


def test_personal_data_is_never_rendered_publicly(client, secret, pages, green, playground):
    for target in _urls(green, playground):
        response = client.get(target)
        assert response.status_code == 200, target
        body = response.content.decode()
        assert SECRET_NAME not in body, target
        assert "Geheimname" not in body, target
        assert SECRET_EMAIL not in body, target
    # …while the contribution itself is public on these pages.
    assert secret.message in client.get(pages["de"].url).content.decode()
    assert secret.message in client.get(playground["de"].url).content.decode()
    assert secret.message in client.get(playground["en"].url).content.decode()


def test_nothing_is_public_before_approval(client, make_contribution, green, playground):
    for status in (Contribution.Status.NEW, Contribution.Status.REJECTED):
        make_contribution(
            message=f"Noch nicht freigegeben ({status})",
            status=status,
            field_of_action=green["de"],
            measure=playground["de"],
            latitude="51.58",
            longitude="7.70",
        )
    for target in _urls(green, playground):
        assert "Noch nicht freigegeben" not in client.get(target).content.decode(), target


def test_approved_contribution_and_reply_are_shown_in_both_languages(client, secret, pages):
    german = client.get(pages["de"].url).content.decode()
    assert secret.message in german
    assert "Antwort des Stadtteilbüros" in german
    assert secret.public_reply in german
    assert f'id="beitrag-{secret.pk}"' in german
    english = client.get(pages["en"].url).content.decode()
    assert "Reply of the district office" in english
    assert secret.public_reply in english
    # A German text on the English page is marked as German for screen readers.
    assert 'lang="de"' in english
    assert "Green and open spaces" in english


def test_newest_first(client, pages, make_contribution):
    from datetime import timedelta

    from django.utils import timezone

    make_contribution(message="Älterer Beitrag ABC", created_at=timezone.now() - timedelta(days=3))
    make_contribution(message="Neuester Beitrag XYZ")
    html = client.get(pages["de"].url).content.decode()
    assert html.index("Neuester Beitrag XYZ") < html.index("Älterer Beitrag ABC")


def test_filter_by_field_of_action_in_both_languages(client, make_contribution, pages, green, demo):
    from projects.models import FieldOfAction

    other = FieldOfAction.objects.get(locale=demo["de"], name="Wohnen")
    make_contribution(message="Grüner Beitrag", field_of_action=green["de"])
    make_contribution(message="Wohnbeitrag", field_of_action=other)
    german = client.get(f"{pages['de'].url}?field={green['de'].pk}").content.decode()
    assert "Grüner Beitrag" in german and "Wohnbeitrag" not in german
    english = client.get(f"{pages['en'].url}?field={green['en'].pk}").content.decode()
    assert "Grüner Beitrag" in english and "Wohnbeitrag" not in english
    # An unknown filter shows everything instead of failing.
    everything = client.get(pages["de"].url + "?field=abc").content.decode()
    assert "Grüner Beitrag" in everything and "Wohnbeitrag" in everything


def test_counts_per_field_of_action_and_measure(client, make_contribution, pages, green, playground):
    before_green = Contribution.objects.approved().filter(field_of_action=green["de"]).count()
    before_playground = Contribution.objects.approved().filter(measure=playground["de"]).count()
    for _ in range(3):
        make_contribution(field_of_action=green["de"], measure=playground["de"])
    make_contribution(field_of_action=green["de"], status=Contribution.Status.NEW)
    html = client.get(pages["de"].url).content.decode()
    assert f"Grün- und Freiraum: <strong>{before_green + 3}</strong>" in html
    assert f"Spielplatz Rosenstraße</a>: <strong>{before_playground + 3}</strong>" in html
    english = client.get(pages["en"].url).content.decode()
    assert f"Green and open spaces: <strong>{before_green + 3}</strong>" in english
    measure_page = client.get(playground["de"].url).content.decode()
    assert f"{before_playground + 3} veröffentlichte Beiträge zu dieser Maßnahme" in measure_page


@pytest.mark.parametrize("page", ["abc", "0", "-1", "99999", "1.5", ""])
def test_bad_page_numbers_never_fail(client, make_contribution, pages, page):
    for number in range(12):
        make_contribution(message=f"Beitrag {number}")
    response = client.get(f"{pages['de'].url}?page={page}")
    assert response.status_code == 200
    assert 'aria-current="page"' in response.content.decode()


def test_pagination_links_keep_the_filter(client, make_contribution, pages, green):
    for number in range(12):
        make_contribution(message=f"Beitrag {number}", field_of_action=green["de"])
    html = client.get(f"{pages['de'].url}?field={green['de'].pk}").content.decode()
    assert f"?field={green['de'].pk}&amp;page=2" in html
    assert 'aria-label="Seiten der Beiträge"' in html


def test_geojson_has_approved_places_only_and_no_personal_data(client, secret, make_contribution, pages, playground):
    make_contribution(message="Ohne Ort")
    make_contribution(message="Neu mit Ort", status=Contribution.Status.NEW, latitude="51.58", longitude="7.7")
    response = client.get(url(pages["de"], "geojson"))
    assert response["Content-Type"].startswith("application/geo+json")
    data = json.loads(response.content)
    messages = [feature["properties"]["message"] for feature in data["features"]]
    assert secret.message in messages
    assert "Ohne Ort" not in messages and "Neu mit Ort" not in messages
    feature = next(f for f in data["features"] if f["properties"]["id"] == secret.pk)
    assert feature["geometry"]["coordinates"] == [7.7055, 51.5825]
    assert feature["properties"]["measure"] == "Spielplatz Rosenstraße"
    assert feature["properties"]["reply"] == secret.public_reply
    assert feature["properties"]["url"].endswith(f"{pages['de'].url}#beitrag-{secret.pk}")
    assert set(feature["properties"]) == {
        "id", "message", "language", "date", "date_label", "field_of_action", "colour", "measure", "measure_url",
        "place", "reply", "public_status", "public_status_label", "url",
    }  # fmt: skip
    assert feature["properties"]["public_status"] == secret.public_status
    assert feature["properties"]["public_status_label"] == str(secret.get_public_status_display())
    english = json.loads(client.get(url(pages["en"], "geojson")).content)
    feature = next(f for f in english["features"] if f["properties"]["id"] == secret.pk)
    assert feature["properties"]["measure"] == "Playground Rosenstraße"
    assert feature["properties"]["date_label"] != feature["properties"]["date"]
    assert feature["properties"]["field_of_action"] == "Green and open spaces"
    labels = {"received", "under review", "answered", "implemented", "not implemented"}
    assert {f["properties"]["public_status_label"] for f in english["features"]} <= labels
    # Narrowed to one measure (the measure page's map layer).
    narrowed = json.loads(client.get(f"{url(pages['de'], 'geojson')}?measure={playground['de'].pk}").content)
    assert {f["properties"]["id"] for f in narrowed["features"]} == {
        c.pk for c in Contribution.objects.approved().filter(measure=playground["de"]).exclude(latitude=None)
    }


def test_thanks_page_redirects_to_its_language(client, pages):  # about the paths themselves
    assert client.get("/en/participation/danke/")["Location"] == "/en/participation/thanks/"
    assert client.get("/de/beteiligung/thanks/")["Location"] == "/de/beteiligung/danke/"


def test_home_page_teaser(client, demo):
    assert "Sagen Sie Ihre Meinung" in client.get(demo["de_home"].url).content.decode()
    assert "Have your say" in client.get(demo["en_home"].url).content.decode()


def test_participation_page_in_menu_and_language_switcher(client, pages):
    # The alternate links' values are the point: written out.
    html = client.get(pages["de"].url).content.decode()
    assert 'hreflang="en" href="http://testserver/en/participation/"' in html
    thanks = client.get(url(pages["de"], "thanks")).content.decode()
    assert 'href="/en/participation/thanks/"' in thanks


@pytest.mark.parametrize("language", ["de", "en"])
def test_query_count_does_not_grow_with_contributions(client, make_contribution, pages, green, playground, language,
                                                      django_assert_max_num_queries):  # fmt: skip
    def make(count):
        for number in range(count):
            make_contribution(
                message=f"Beitrag {number}",
                field_of_action=green["de"],
                measure=playground["de"],
                public_reply="Danke!",
                latitude="51.58",
                longitude="7.70",
            )

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    target = pages[language].url
    make(5)
    client.get(target)  # warm caches (site root paths)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(target).status_code == 200
    few = len(queries)  # now: the next request empties the query log
    make(45)
    client.get(target)  # new content renews the data shared between requests (menu, footer): warm it again
    with django_assert_max_num_queries(few):
        response = client.get(target)
    assert response.status_code == 200
    assert few <= 50  # most of them are the base template's (menu, footer, settings)


def test_measure_page_query_count_does_not_grow(client, make_contribution, playground):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    target = playground["de"].url
    for number in range(5):
        make_contribution(message=f"Beitrag {number}", measure=playground["de"])
    client.get(target)
    with CaptureQueriesContext(connection) as queries:
        client.get(target)
    few = len(queries)  # now: the next request empties the query log
    for number in range(45):
        make_contribution(message=f"Mehr {number}", measure=playground["de"])
    client.get(target)  # new content renews the data shared between requests (menu, footer): warm it again
    with CaptureQueriesContext(connection) as many:
        client.get(target)
    assert len(many) == few > 0
