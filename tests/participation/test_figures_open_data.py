"""The contribution figures as open data (JSON and CSV below the figures page): the same values as the page and
the data, totals only, in both languages, with conditional GET for harvesters."""

import csv
import datetime
import io

import pytest
from bs4 import BeautifulSoup
from django.template.defaultfilters import floatformat
from django.utils import timezone, translation
from django.utils.http import http_date, parse_http_date

from fund.models import Application
from participation.models import Contribution
from stadtteil.routing import subpath, url
from tests.factories import ContributionFactory
from tests.participation.test_accountability import (  # noqa: F401 (more_data: the fixture, used by every test here)
    FUND_EMAIL,
    FUND_NAME,
    SECRET_EMAIL,
    SECRET_NAME,
    expected_contribution_figures,
    expected_fund_figures,
    more_data,
)

# This year's contributions with known answer times and personal data, and a fund application.
pytestmark = pytest.mark.usefixtures("more_data")


def figures_url(pages, language, kind="", *args):
    """The figures page in `language`, or its JSON or CSV file (`kind` "json", "csv"), or a year ("year", 2026)."""
    return url(pages[language], f"figures_{kind}" if kind else "figures", args=args or None)


def expected_years():
    years = {timezone.localtime(item.created_at).year for item in Contribution.objects.all()}
    years |= set(Application.objects.values_list("year", flat=True))
    return sorted(years | {timezone.localdate().year}, reverse=True)


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def assert_year_matches_the_data(record, number):
    """One year of a file against the data, counted here independently of participation.accountability."""
    expected = expected_contribution_figures(number)
    fund = expected_fund_figures(number)
    assert int(record["year"]) == number
    assert int(record["contributions_received"]) == expected["received"]
    assert int(record["contributions_published"]) == expected["published"]
    assert int(record["answered"]) == expected["answered"]
    assert int(record["not_answered_yet"]) == expected["received"] - expected["answered"]
    assert int(record["answered_after_target"]) == expected["late"]
    if expected["percent"] is None:
        assert record["answered_percent"] in (None, "")
        assert record["median_days_to_first_answer"] in (None, "")
    else:
        assert int(record["answered_percent"]) == expected["percent"]
        assert float(record["median_days_to_first_answer"]) == round(expected["median"], 1)
    for status, count in expected["statuses"].items():
        assert int(record[f"status_{status}"]) == count
    assert int(record["fund_applications"]) == fund["applications"]
    assert int(record["fund_funded"]) == fund["funded"]
    assert int(record["fund_rejected"]) == fund["rejected"]
    assert float(record["fund_granted_eur"]) == float(fund["granted"])


@pytest.mark.parametrize("language", ["de", "en"])
def test_json_has_every_year_as_the_data_says(client, pages, language):
    response = client.get(figures_url(pages, language, "json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["language"] == language
    assert data["licence"] == "CC BY 4.0"
    assert data["source"] == "http://testserver" + figures_url(pages, language)
    assert data["answer_target_days"] == 14
    labels = {"de": ("umgesetzt", "in Prüfung"), "en": ("implemented", "under review")}[language]
    assert (data["statuses"]["implemented"], data["statuses"]["in_review"]) == labels
    assert [record["year"] for record in data["years"]] == expected_years()
    this_year = timezone.localdate().year
    assert data["years"][0]["year"] == this_year and data["years"][0]["fund_applications"] >= 1
    for record in data["years"]:
        assert_year_matches_the_data(record, record["year"])
    assert datetime.datetime.fromisoformat(data["modified"]) <= timezone.now()


@pytest.mark.parametrize("language", ["de", "en"])
def test_csv_has_the_json_values(client, pages, language):
    response = client.get(figures_url(pages, language, "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="contribution-figures-{language}.csv"'
    assert response["Access-Control-Allow-Origin"] == "*"
    rows = read_csv(response)
    years = client.get(figures_url(pages, language, "json")).json()["years"]
    assert list(rows[0]) == list(years[0])
    assert [int(row["year"]) for row in rows] == expected_years()
    for row in rows:
        assert_year_matches_the_data(row, int(row["year"]))


@pytest.mark.parametrize("language", ["de", "en"])
def test_files_say_what_the_figures_page_shows(client, pages, language):
    page = BeautifulSoup(client.get(figures_url(pages, language)).content, "html.parser")
    shown = {
        row.th.get_text(strip=True): [cell.get_text(strip=True) for cell in row.select("td")]
        for row in page.select("main table tbody tr")
    }
    years = client.get(figures_url(pages, language, "json")).json()["years"]
    assert set(shown) == {str(record["year"]) for record in years}
    for record in years:
        cells = shown[str(record["year"])]
        percent = record["answered_percent"]
        median = record["median_days_to_first_answer"]
        with translation.override(language):
            median_text = floatformat(median, 1) if median is not None else "–"
        assert cells == [
            str(record["contributions_received"]),
            f"{percent} %" if percent is not None else "–",
            median_text,
            str(record["fund_applications"]),
            str(record["fund_funded"]),
            str(record["fund_rejected"]),
        ]


def test_files_hold_no_personal_data(client, pages):
    ContributionFactory(
        message="Bitte rufen Sie mich an, Zacharias",
        contact_name="Ottilie Privatperson",
        contact_email="ottilie.privat@example.org",
        reply_consent=True,
        public_reply="Wir melden uns.",
        address="Privatweg 3",
    )
    secrets = [SECRET_NAME, SECRET_EMAIL, FUND_NAME, FUND_EMAIL, "Zahlenbeitrag", "Geheimes Fondsprojekt",
               "Geheimweg", "0171 999888777", "Ottilie", "ottilie.privat", "Bitte rufen", "Wir melden uns",
               "Privatweg", "@"]  # fmt: skip
    for language in ("de", "en"):
        for kind in ("json", "csv"):
            body = client.get(figures_url(pages, language, kind)).content.decode()
            assert '"year"' in body or "year," in body
            for secret in secrets:
                assert secret not in body, (language, kind, secret)


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_pollers_get_304_until_the_figures_change(client, pages, kind):
    address = figures_url(pages, "de", kind)
    first = client.get(address)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(address, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(address, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304

    # Later, the office answers a contribution: its moderation time moves the file's.
    later = datetime.datetime.fromtimestamp(parse_http_date(first["Last-Modified"]) + 5, tz=datetime.UTC)
    Contribution.objects.filter(pk=Contribution.objects.approved().first().pk).update(
        public_status=Contribution.PublicStatus.IMPLEMENTED, moderated_at=later
    )
    again = client.get(address, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200
    assert again["Last-Modified"] == http_date(later.timestamp())
    assert client.get(address, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


@pytest.mark.parametrize(
    ("language", "labels"),
    [
        ("de", ("Offene Daten", "Beteiligungszahlen als JSON", "Beteiligungszahlen als CSV")),
        ("en", ("Open data", "Contribution figures as JSON", "Contribution figures as CSV")),
    ],
)
def test_figures_pages_link_the_files(client, pages, language, labels):
    year = timezone.localdate().year
    for address in (figures_url(pages, language), figures_url(pages, language, "year", year)):
        page = BeautifulSoup(client.get(address).content, "html.parser")
        section = page.select_one("main section.open-data")
        assert section.h2.get_text(strip=True) == labels[0]
        links = {link.get_text(strip=True): link["href"] for link in section.select("a")}
        assert links == {
            labels[1]: figures_url(pages, language, "json"),
            labels[2]: figures_url(pages, language, "csv"),
        }
        for href in links.values():
            assert client.get(href).status_code == 200


def test_other_language_path_redirects_and_files_stay_out_of_the_sitemap(client, pages):
    from tests.stadtteil.test_findability import sitemap_entries

    # The English path below the German page, and the other way round.
    response = client.get(pages["de"].url + subpath(pages["en"], "figures_json"))
    assert response.status_code == 302 and response["Location"] == figures_url(pages, "de", "json")
    response = client.get(pages["en"].url + subpath(pages["de"], "figures_csv"))
    assert response.status_code == 302 and response["Location"] == figures_url(pages, "en", "csv")
    # Like the other open-data files: found through the page and the data catalogue, not the sitemap.
    entries = sitemap_entries(client)
    assert "http://testserver" + figures_url(pages, "de") in entries
    assert not [url for url in entries if url.endswith(("/json/", "/csv/"))]
