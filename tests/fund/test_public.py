from decimal import Decimal

from django.utils import timezone

from fund.models import Application
from home.models import HomePage
from stadtteil.routing import url
from tests.conftest import demo_url
from tests.fund.conftest import make_application


def test_public_list_only_funded_with_consent(client, pages):
    for page in pages.values():
        html = client.get(page.url).content.decode()
        assert "Blumenampeln in der Mittelstraße" in html  # proof submitted, consent
        assert "Weihnachtsbeleuchtung für die Neue Mitte" in html  # settled, consent
        assert "Tauschregal im Stadtteilbüro" not in html  # approved, no consent
        assert "Graffiti-Workshop" not in html  # consent but only received
        assert "Werbeflyer" not in html  # rejected
        # Never personal data.
        assert "Beispiel Person" not in html and "antrag1@example.org" not in html
    assert "Geförderte Projekte" in client.get(pages["de"].url).content.decode()
    assert "Funded projects" in client.get(pages["en"].url).content.decode()


def test_public_list_query_budget(client, pages, django_assert_max_num_queries):
    fund = pages["de"].url
    client.get(fund)  # creates the image renditions once
    # 30 for the page, 2 for the site's preview image (og:image; kept with the shared page data when caching is on).
    with django_assert_max_num_queries(32):
        assert client.get(fund).status_code == 200
    for number in range(25):
        make_application(
            title=f"Projekt {number}",
            year=timezone.localdate().year,
            status=Application.Status.SETTLED,
            approved_amount=Decimal(100),
            paid_amount=Decimal(100),
            consent_publish=True,
        )
    with django_assert_max_num_queries(32):
        response = client.get(fund)
    assert "Projekt 24" in response.content.decode()


def test_home_teaser_in_both_languages(client, pages):
    german = client.get(demo_url(HomePage)).content.decode()
    assert "Noch verfügbar in" in german and "16.900\xa0€" in german and f'href="{pages["de"].url}"' in german
    english = client.get(demo_url(HomePage, lang="en")).content.decode()
    assert "Still available in" in english and "€16,900" in english and f'href="{pages["en"].url}"' in english


def test_map_layer_only_funded_with_consent(client, pages):
    html = client.get(pages["en"].url).content.decode()
    assert "data-map-load" in html and f'data-geojson="{url(pages["en"], "geojson")}"' in html
    data = client.get(url(pages["de"], "geojson")).json()
    titles = {feature["properties"]["title"] for feature in data["features"]}
    assert "Blumenampeln in der Mittelstraße" in titles
    assert "Tauschregal im Stadtteilbüro" not in titles and "Graffiti-Workshop an der Bergstraße" not in titles
    flowers = next(f for f in data["features"] if f["properties"]["title"] == "Blumenampeln in der Mittelstraße")
    assert flowers["properties"]["field_of_action"] == "Zuschuss: 1.200\xa0€"
    assert set(flowers["properties"]) >= {"title", "colour", "status_label", "grant", "year"}
    assert "Beispiel Person" not in str(data) and "@example.org" not in str(data)
    english = client.get(url(pages["en"], "geojson")).json()
    assert any(f["properties"]["field_of_action"] == "Grant: €1,200" for f in english["features"])


def test_budget_names_every_amount_for_the_phone_layout(client, pages):
    """On phones the budget is one block per year: each amount carries its column's name ("Noch verfügbar"
    too), hidden from screen readers, which name the cells by the column headers as in the table."""
    for language, label in (("de", "Noch verfügbar"), ("en", "Still available")):
        html = client.get(pages[language].url).content.decode()
        table = html[html.index('<table class="fund-budget__table">') : html.index("</table>")]
        assert f'<th scope="col">{label}</th>' in table
        rows = table.split("<tr>")[2:]
        assert rows
        for row in rows:
            assert f'<span class="cell-label" aria-hidden="true">{label}</span>' in row
            assert row.count('class="cell-label" aria-hidden="true"') == 4
