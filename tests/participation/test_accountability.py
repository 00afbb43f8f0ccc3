""" "You said, we did": the public status of contributions and the time of the first official answer, the block on
measure pages, the figures per year (against the data), the admin, and never any personal data."""

import statistics
from datetime import timedelta
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone, translation

from fund.models import Application
from participation.models import Contribution
from stadtteil.routing import url
from tests.participation.test_admin import edit_data, edit_url

SECRET_NAME = "Zacharias Geheimname"
SECRET_EMAIL = "zacharias.geheim@example.org"
FUND_NAME = "Hildegard Fondsgeheim"
FUND_EMAIL = "hildegard.fondsgeheim@example.org"
S = Contribution.PublicStatus


# --- status flow and the first answer ---------------------------------------------------------------------------
def test_first_answer_is_set_by_the_first_reply_and_never_changed(make_contribution):
    item = make_contribution(status=Contribution.Status.NEW)
    assert item.public_status == S.RECEIVED and item.first_answered_at is None
    item.public_status = S.IN_REVIEW
    item.save()
    assert item.first_answered_at is None  # "under review" is no answer yet
    before = timezone.now()
    item.public_reply = "Wir schauen uns das an."
    item.save()
    first = item.first_answered_at
    assert first is not None and before <= first <= timezone.now()
    # Later changes (a new reply, a decision, even removing the reply) keep the first answer's time.
    item.public_reply = ""
    item.public_status = S.IMPLEMENTED
    item.public_reason = "Erledigt."
    item.save()
    item.refresh_from_db()
    assert item.first_answered_at == first


@pytest.mark.parametrize("status", [S.ANSWERED, S.IMPLEMENTED, S.NOT_IMPLEMENTED])
def test_an_answering_status_sets_the_first_answer(make_contribution, status):
    item = make_contribution(public_status=S.IN_REVIEW)
    assert item.first_answered_at is None
    item.public_status = status
    item.public_reason = "Begründung"
    item.save(update_fields=["public_status", "public_reason"])
    item.refresh_from_db()
    assert item.first_answered_at is not None


def test_a_given_first_answer_is_kept(make_contribution):
    # Imported or demo data bring their own (past) time.
    earlier = timezone.now() - timedelta(days=30)
    item = make_contribution(public_status=S.ANSWERED, first_answered_at=earlier)
    item.refresh_from_db()
    assert item.first_answered_at == earlier


@pytest.fixture
def new_contribution(make_contribution, green, playground):
    return make_contribution(
        message="Bitte eine Wasserpumpe am Sandkasten.",
        status=Contribution.Status.NEW,
        field_of_action=green["de"],
        measure=playground["de"],
        contact_name=SECRET_NAME,
        contact_email=SECRET_EMAIL,
        reply_consent=True,
    )


def test_admin_sets_status_and_reason_in_german(admin_client, new_contribution):
    html = admin_client.get(edit_url(new_contribution)).content.decode()
    for label in ["Sie haben gesagt, wir haben gehandelt", "Öffentlicher Status", "Öffentliche Begründung",
                  "Sprache der Begründung", "Erste offizielle Antwort", "nicht umgesetzt", "in Prüfung"]:  # fmt: skip
        assert label in html, label
    # A decision needs a public reason.
    response = admin_client.post(
        edit_url(new_contribution), edit_data(new_contribution, status="approved", public_status="not_implemented")
    )
    assert response.status_code == 200
    assert "Bitte geben Sie bei „umgesetzt“ und „nicht umgesetzt“ eine öffentliche Begründung an." in (
        response.content.decode()
    )
    new_contribution.refresh_from_db()
    assert new_contribution.first_answered_at is None
    # "In Prüfung" is no answer; "umgesetzt" with a reason is, and its time stays when staff edit again.
    data = edit_data(new_contribution, status="approved", public_status="in_review")
    assert admin_client.post(edit_url(new_contribution), data).status_code == 302
    new_contribution.refresh_from_db()
    assert new_contribution.first_answered_at is None
    data = edit_data(
        new_contribution, public_status="implemented", public_reason="Eine Pumpe steht.", public_reason_language="de"
    )
    assert admin_client.post(edit_url(new_contribution), data).status_code == 302
    new_contribution.refresh_from_db()
    first = new_contribution.first_answered_at
    assert first is not None and new_contribution.public_status == S.IMPLEMENTED
    assert new_contribution.moderated_by.username == "admin"
    data = edit_data(new_contribution, public_reply="Danke!", public_status="answered")
    assert admin_client.post(edit_url(new_contribution), data).status_code == 302
    new_contribution.refresh_from_db()
    assert new_contribution.first_answered_at == first
    # The edit view shows the time read-only; a posted value cannot change it.
    data = edit_data(new_contribution, first_answered_at="2020-01-01 10:00")
    admin_client.post(edit_url(new_contribution), data)
    new_contribution.refresh_from_db()
    assert new_contribution.first_answered_at == first


def test_admin_list_filters_by_public_status(admin_client, make_contribution):
    make_contribution(message="Umgesetzter Vorschlag XY", public_status=S.IMPLEMENTED, public_reason="Fertig.")
    make_contribution(message="Geprüfter Vorschlag XY", public_status=S.IN_REVIEW)
    index = reverse("participation_contribution:index")
    html = admin_client.get(index).content.decode()
    assert "Öffentlicher Status" in html  # column and filter, in German
    filtered = admin_client.get(f"{index}?public_status=implemented").content.decode()
    assert "Umgesetzter Vorschlag XY" in filtered and "Geprüfter Vorschlag XY" not in filtered
    filtered = admin_client.get(f"{index}?public_status=in_review").content.decode()
    assert "Geprüfter Vorschlag XY" in filtered and "Umgesetzter Vorschlag XY" not in filtered
    answered = admin_client.get(f"{index}?answered=true").content.decode()
    assert "Umgesetzter Vorschlag XY" in answered and "Geprüfter Vorschlag XY" not in answered


# --- the measure page -------------------------------------------------------------------------------------------
@pytest.fixture
def playground_contributions(make_contribution, playground):
    common = {"measure": playground["de"], "contact_name": SECRET_NAME, "contact_email": SECRET_EMAIL}
    return [
        make_contribution(message="Rutsche für die Kleinen", public_status=S.RECEIVED, **common),
        make_contribution(
            message="Wippe am Eingang",
            public_status=S.IMPLEMENTED,
            public_reason="Die Wippe steht seit März.",
            public_reason_language="de",
            **common,
        ),
        make_contribution(
            message="A zip line please",
            language="en",
            public_status=S.NOT_IMPLEMENTED,
            public_reason="The playground is too small for a safe zip line.",
            public_reason_language="en",
            **common,
        ),
        make_contribution(message="Unveröffentlichter Wunsch", status=Contribution.Status.NEW, **common),
    ]


def _outcomes(html):
    section = BeautifulSoup(html, "html.parser").select_one("section.measure-outcomes")
    assert section is not None
    counts = {dt.get_text(strip=True): int(dd.get_text(strip=True)) for dt, dd in
              ((div.dt, div.dd) for div in section.select("dl.outcome-counts > div"))}  # fmt: skip
    return section, counts


@pytest.mark.parametrize(
    ("language", "heading", "labels"),
    [
        ("de", "Sie haben gesagt, wir haben gehandelt",
         ["eingegangen", "in Prüfung", "beantwortet", "umgesetzt", "nicht umgesetzt"]),
        ("en", "You said, we did",
         ["received", "under review", "answered", "implemented", "not implemented"]),
    ],
)  # fmt: skip
def test_measure_shows_what_came_in_and_what_became_of_it(client, playground, playground_contributions, language,
                                                          heading, labels):  # fmt: skip
    html = client.get(playground[language].url).content.decode()
    section, counts = _outcomes(html)
    assert section.h2.get_text(strip=True) == heading
    approved = Contribution.objects.approved().filter(measure=playground["de"])
    expected = [approved.filter(public_status=value).count() for value in S.values]
    assert counts == dict(zip(labels, expected, strict=True))
    text = section.get_text(" ", strip=True)
    assert "Rutsche für die Kleinen" in text and "Wippe am Eingang" in text and "A zip line please" in text
    assert "Unveröffentlichter Wunsch" not in html
    # Each reason in its own language, marked as such.
    german_reason = section.find(string=lambda s: s and "Die Wippe steht seit März." in s).find_parent(lang=True)
    assert german_reason["lang"] == "de"
    english_reason = section.find(string=lambda s: s and "too small for a safe zip line" in s).find_parent(lang=True)
    assert english_reason["lang"] == "en"
    assert ("Begründung" if language == "de" else "Reason") in text
    for secret in (SECRET_NAME, "Geheimname", SECRET_EMAIL):
        assert secret not in html


def test_measure_block_links_the_figures(client, pages, playground, playground_contributions):
    for language in ("de", "en"):
        html = client.get(playground[language].url).content.decode()
        assert f'href="{url(pages[language], "figures")}"' in html, language


def test_measure_without_published_contributions_has_no_block(client, make_contribution):
    from projects.models import ProjectPage

    measure = ProjectPage.objects.get(locale__language_code="de", slug="modernisierung-zechensiedlungen")
    Contribution.objects.filter(measure=measure).delete()
    make_contribution(message="Noch nicht frei", measure=measure, status=Contribution.Status.NEW)
    html = client.get(measure.url).content.decode()
    assert "measure-outcomes" not in html and "Noch nicht frei" not in html


# --- the figures ------------------------------------------------------------------------------------------------
def expected_contribution_figures(year):
    """Computed here, from the database, independently of participation.accountability."""
    rows = [
        item
        for item in Contribution.objects.exclude(status=Contribution.Status.REJECTED)
        if timezone.localtime(item.created_at).year == year
    ]
    days = [
        (item.first_answered_at - item.created_at).total_seconds() / 86400 for item in rows if item.first_answered_at
    ]
    return {
        "received": len(rows),
        "published": sum(1 for item in rows if item.status == Contribution.Status.APPROVED),
        "answered": len(days),
        "percent": round(100 * len(days) / len(rows)) if rows else None,
        "median": statistics.median(days) if days else None,
        "late": sum(1 for value in days if value > 14),
        "statuses": {value: sum(1 for item in rows if item.public_status == value) for value in S.values},
    }


def expected_fund_figures(year):
    applications = list(Application.objects.filter(year=year))
    funded = [item for item in applications if item.status in Application.FUNDED_STATUSES]
    return {
        "applications": len(applications),
        "funded": len(funded),
        "rejected": sum(1 for item in applications if item.status == Application.Status.REJECTED),
        "granted": sum((item.approved_amount or Decimal(0) for item in funded), Decimal(0)),
    }


def _facts(html):
    page = BeautifulSoup(html, "html.parser")
    return {
        div.dt.get_text(" ", strip=True): div.dd.get_text(" ", strip=True)
        for div in page.select("main dl.figures-facts > div")
    }


@pytest.fixture
def more_data(make_contribution):
    """Contributions of this year with known answer times (some late), personal data, and a fund application."""
    now = timezone.now()
    for number, days in enumerate([1, 3, 20, None, 40]):
        created = now - timedelta(hours=1)
        make_contribution(
            message=f"Zahlenbeitrag {number}",
            created_at=created - timedelta(days=days or 0),
            first_answered_at=created if days is not None else None,
            public_status=S.ANSWERED if days is not None else S.RECEIVED,
            contact_name=SECRET_NAME,
            contact_email=SECRET_EMAIL,
        )
    make_contribution(message="Spam", status=Contribution.Status.REJECTED, rejection_reason="Werbung")
    Application.objects.create(
        applicant_type=Application.ApplicantType.PERSON,
        name=FUND_NAME,
        email=FUND_EMAIL,
        phone="0171 999888777",
        title="Geheimes Fondsprojekt",
        description="Beschreibung",
        goals="Ziele",
        address="Geheimweg 7",
        start_date=timezone.localdate(),
        end_date=timezone.localdate(),
        total_cost=Decimal("1000"),
        own_contribution=Decimal("500"),
        requested_grant=Decimal("500"),
        status=Application.Status.APPROVED,
        approved_amount=Decimal("450"),
    )


@pytest.mark.parametrize("language", ["de", "en"])
def test_year_figures_match_the_data(client, pages, more_data, language):
    year = timezone.localdate().year
    response = client.get(url(pages[language], "figures_year", args=[year]))
    assert response.status_code == 200
    facts = _facts(response.content.decode())
    expected = expected_contribution_figures(year)
    fund = expected_fund_figures(year)
    assert expected["answered"] >= 1 and fund["applications"] >= 1
    with translation.override(language):
        median = floatformat(round(expected["median"], 1), 1)
        from places.formatting import format_euro

        granted = format_euro(fund["granted"])
    if language == "de":
        assert facts["Eingegangene Beiträge"] == str(expected["received"])
        assert facts["davon veröffentlicht"] == str(expected["published"])
        assert facts["Beantwortet"] == f"{expected['answered']} ({expected['percent']} %)"
        assert facts["Tage bis zur ersten Antwort (Median)"] == median
        assert facts["Nach mehr als 14 Tagen beantwortet"] == str(expected["late"])
        assert facts["Noch nicht beantwortet"] == str(expected["received"] - expected["answered"])
        assert facts["umgesetzt"] == str(expected["statuses"]["implemented"])
        assert facts["nicht umgesetzt"] == str(expected["statuses"]["not_implemented"])
        assert facts["Anträge"] == str(fund["applications"])
        assert facts["Gefördert"].startswith(str(fund["funded"]))
        assert facts["Abgelehnt"] == str(fund["rejected"])
        assert facts["Bewilligte Zuschüsse"] == granted
    else:
        assert facts["Contributions received"] == str(expected["received"])
        assert facts["Answered"] == f"{expected['answered']} ({expected['percent']} %)"
        assert facts["Median days to the first answer"] == median
        assert facts["Answered after more than 14 days"] == str(expected["late"])
        assert facts["under review"] == str(expected["statuses"]["in_review"])
        assert facts["Applications"] == str(fund["applications"])
        assert facts["Rejected"] == str(fund["rejected"])
        assert facts["Grants approved"] == granted


@pytest.mark.parametrize(("language", "caption"), [("de", "Beiträge und Anträge an den Verfügungsfonds pro Jahr"),
                                                   ("en", "Contributions and fund applications per year")])  # fmt: skip
def test_overview_has_a_row_per_year(client, pages, more_data, language, caption):
    overview = url(pages[language], "figures")
    page = BeautifulSoup(client.get(overview).content, "html.parser")
    assert page.select_one("main table caption").get_text(strip=True) == caption
    rows = {
        row.th.get_text(strip=True): [cell.get_text(strip=True) for cell in row.select("td")]
        for row in page.select("main table tbody tr")
    }
    this_year = timezone.localdate().year
    years = {timezone.localtime(item.created_at).year for item in Contribution.objects.all()} | {this_year}
    years |= set(Application.objects.values_list("year", flat=True))
    assert set(rows) == {str(year) for year in years}
    for year in years:
        expected = expected_contribution_figures(year)
        fund = expected_fund_figures(year)
        row = rows[str(year)]
        assert row[0] == str(expected["received"])
        assert row[1] == (f"{expected['percent']} %" if expected["percent"] is not None else "–")
        assert row[3:6] == [str(fund["applications"]), str(fund["funded"]), str(fund["rejected"])]
    # Each year links to its page, in the page's language.
    link = page.select_one(f'main table a[href$="/{this_year}/"]')
    assert link["href"] == url(pages[language], "figures_year", args=[this_year])


def test_figures_show_no_personal_data(client, pages, more_data):
    year = timezone.localdate().year
    for target in [url(page, view, args=args) for page in pages.values()
                   for view, args in (("figures", None), ("figures_year", [year]))]:  # fmt: skip
        html = client.get(target).content.decode()
        for secret in (SECRET_NAME, "Geheimname", SECRET_EMAIL, FUND_NAME, FUND_EMAIL, "Geheimweg",
                       "Geheimes Fondsprojekt", "0171 999888777", "Zahlenbeitrag", "Erika Beispiel"):  # fmt: skip
            assert secret not in html, (target, secret)


def test_figures_routes(client, more_data):  # about the paths themselves
    year = timezone.localdate().year
    # The other language's path answers with a redirect to this language's one.
    response = client.get("/de/beteiligung/figures/")
    assert response.status_code == 302 and response["Location"] == "/de/beteiligung/zahlen/"
    response = client.get(f"/en/participation/zahlen/{year}/")
    assert response.status_code == 302 and response["Location"] == f"/en/participation/figures/{year}/"
    # A year without any data is not a page.
    assert client.get("/de/beteiligung/zahlen/1999/").status_code == 404
    html = client.get(f"/de/beteiligung/zahlen/{year}/").content.decode()
    assert f'hreflang="en" href="http://testserver/en/participation/figures/{year}/"' in html
    assert f'<link rel="canonical" href="http://testserver/de/beteiligung/zahlen/{year}/">' in html
    assert f"Beteiligung in Zahlen {year}" in html
    assert 'href="/de/beteiligung/zahlen/"' in client.get("/de/beteiligung/").content.decode()


def test_sitemap_lists_the_figures_with_their_translations(client, demo):
    from tests.stadtteil.test_findability import sitemap_entries

    entries = sitemap_entries(client)
    base = "http://testserver"
    overview = entries[f"{base}/de/beteiligung/zahlen/"]["alternates"]
    assert overview["en"] == f"{base}/en/participation/figures/"
    oldest = timezone.localtime(Contribution.objects.order_by("created_at").first().created_at).year
    for year in (oldest, timezone.localdate().year):
        alternates = entries[f"{base}/en/participation/figures/{year}/"]["alternates"]
        assert alternates["de"] == f"{base}/de/beteiligung/zahlen/{year}/"


@pytest.mark.parametrize(("language", "view"), [("de", "figures"), ("en", "figures"), ("de", "figures_year")])
def test_figures_query_count_does_not_grow(client, pages, make_contribution, language, view,
                                           django_assert_max_num_queries):  # fmt: skip
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    args = [timezone.localdate().year] if view == "figures_year" else None
    target = url(pages[language], view, args=args)
    client.get(target)  # warm caches (site root paths)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(target).status_code == 200
    few = len(queries)
    for number in range(40):
        make_contribution(message=f"Beitrag {number}", public_reply="Danke!" if number % 2 else "")
    client.get(target)  # new content renews the data shared between requests (menu, footer): warm it again
    with django_assert_max_num_queries(few):
        assert client.get(target).status_code == 200
    assert few <= 45  # most of them are the base template's (menu, footer, settings)


# --- the demo ---------------------------------------------------------------------------------------------------
def test_demo_has_every_status_in_both_languages_and_late_answers(db):
    public = Contribution.objects.approved()
    for language in ("de", "en"):
        statuses = set(public.filter(language=language).values_list("public_status", flat=True))
        assert statuses == set(S.values), language
    answered = [item for item in public if item.first_answered_at]
    assert any(item.days_to_first_answer > 14 for item in answered)
    assert any(item.days_to_first_answer <= 14 for item in answered)
    for item in public.filter(public_status__in=Contribution.DECISION_STATUSES):
        assert item.public_reason
    assert {item.public_reason_language for item in public.exclude(public_reason="")} == {"de", "en"}
