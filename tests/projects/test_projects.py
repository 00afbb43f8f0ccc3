"""Measures: overview filters and sorting, plan sums and downloads, timeline, map, open data, admin validation."""

import csv
import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import HomePage
from places.formatting import format_euro
from projects.models import FieldOfAction, FinancingRow, Milestone, Phase, ProjectIndexPage, ProjectPage
from stadtteil import routing
from stadtteil.page_cache import bump_version
from tests.conftest import demo_page, demo_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def index_de(demo):
    return ProjectIndexPage.objects.get(locale=demo["de"])


@pytest.fixture
def index_en(demo):
    return ProjectIndexPage.objects.get(locale=demo["en"])


def measures_of(index):
    return list(ProjectPage.objects.child_of(index).live().select_related("field_of_action"))


def titles_in(html, measures):
    """The measures whose titles appear in the HTML, in the order they appear."""
    found = [(html.find(f">{m.title}<"), m.title) for m in measures if f">{m.title}<" in html]
    return [title for _pos, title in sorted(found)]


def add_measure(index, title, field, total=100000, **extra):
    page = ProjectPage(
        title=title,
        slug=re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"),
        locale=index.locale,
        summary=f"Summary of {title}",
        field_of_action=field,
        status=extra.pop("status", "planned"),
        priority=extra.pop("priority", "medium"),
        start_year=2026,
        start_quarter=1,
        end_year=2027,
        end_quarter=4,
        responsible_body="Stadt Kamen",
        total_cost=Decimal(total),
        financing_rows=[
            FinancingRow(source="federal", amount=Decimal(total) * Decimal("0.4")),
            FinancingRow(source="municipal", amount=Decimal(total) * Decimal("0.6")),
        ],
        **extra,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


# --- overview ---------------------------------------------------------------------------------------------------
def test_overview_in_both_languages(client, index_de, index_en):
    german = client.get(index_de.url).content.decode()
    english = client.get(index_en.url).content.decode()
    count = len(measures_of(index_de))
    assert count >= 10
    assert f"{count} Maßnahmen gefunden" in german
    assert f"{count} measures found" in english
    assert 'aria-live="polite"' in german
    assert "Neue Mitte Heeren-Werve" in german and "New centre of Heeren-Werve" in english
    assert "New centre of Heeren-Werve" not in german
    # Cards show English field names on English pages, though relations were created in German.
    assert "Green and open spaces" in english and "Grün- und Freiraum" not in english
    assert "2.400.000\u00a0€" in german and "€2,400,000" in english


def test_filter_by_field_of_action_includes_further_fields(client, index_de, demo):
    field = FieldOfAction.objects.get(locale=demo["de"], name="Grün- und Freiraum")
    expected = [
        m
        for m in ProjectPage.objects.child_of(index_de).live().prefetch_related("further_fields")
        if m.field_of_action_id == field.pk or field in m.further_fields.all()
    ]
    others = [m for m in measures_of(index_de) if m not in expected]
    assert expected and others
    html = client.get(index_de.url, {"field": field.pk}).content.decode()
    assert f"{len(expected)} Maßnahmen gefunden" in html
    assert sorted(titles_in(html, measures_of(index_de))) == sorted(m.title for m in expected)
    assert f'<option value="{field.pk}" selected>' in html


def test_filter_in_english_uses_english_fields(client, index_en, demo):
    field = FieldOfAction.objects.get(locale=demo["en"], name="Climate protection")
    html = client.get(index_en.url, {"field": field.pk}).content.decode()
    # The list in <main> (the head's preview image may show the Neue Mitte square).
    main = html[html.index("<main") : html.index("</main>")]
    assert "Climate adaptation on the Seseke bank" in main
    assert "Neue Mitte" not in main and "New centre" not in main


@pytest.mark.parametrize(("param", "value"), [("status", "completed"), ("priority", "high"), ("status", "planned")])
def test_filter_by_status_and_priority(client, index_de, param, value):
    expected = [m.title for m in measures_of(index_de) if getattr(m, param) == value]
    assert expected
    html = client.get(index_de.url, {param: value}).content.decode()
    assert sorted(titles_in(html, measures_of(index_de))) == sorted(expected)
    label = "Maßnahme gefunden" if len(expected) == 1 else "Maßnahmen gefunden"
    assert f"{len(expected)} {label}" in html


def test_combined_filters_and_empty_result(client, index_de):
    html = client.get(index_de.url, {"status": "planned", "priority": "high"}).content.decode()
    expected = [m for m in measures_of(index_de) if m.status == "planned" and m.priority == "high"]
    assert not expected
    assert "0 Maßnahmen gefunden" in html
    assert "Keine Maßnahme passt zu diesen Filtern." in html


def test_unknown_filter_values_are_ignored(client, index_de):
    response = client.get(index_de.url, {"field": "abc", "status": "nonsense", "sort": "x", "priority": "9"})
    assert response.status_code == 200
    assert f"{len(measures_of(index_de))} Maßnahmen gefunden" in response.content.decode()


def test_sort_by_cost_and_title(client, index_de):
    measures = measures_of(index_de)
    html = client.get(index_de.url, {"sort": "cost"}).content.decode()
    by_cost = [m.title for m in sorted(measures, key=lambda m: (-m.total_cost, m.title.lower()))]
    assert titles_in(html, measures) == by_cost
    html = client.get(index_de.url, {"sort": "title"}).content.decode()
    assert titles_in(html, measures) == sorted((m.title for m in measures), key=str.lower)
    html = client.get(index_de.url, {"sort": "start"}).content.decode()
    first = min(measures, key=lambda m: (m.start_index, m.end_index, m.title.lower()))
    assert titles_in(html, measures)[0] == first.title


# --- plan -------------------------------------------------------------------------------------------------------
def expected_sums(index):
    """Subtotals per German field name (of the main field) and the grand total, computed from the rows."""
    per_field = {}
    grand = Decimal(0)
    for measure in measures_of(index):
        key = measure.field_of_action.translation_key
        per_field[key] = per_field.get(key, Decimal(0)) + measure.total_cost
        grand += measure.total_cost
    return per_field, grand


def test_plan_subtotals_and_total_match_data(client, index_de):
    per_field, grand = expected_sums(index_de)
    response = client.get(routing.url(index_de, "plan"))
    assert response.status_code == 200
    groups = response.context["groups"]
    assert {g["field"].translation_key: g["totals"]["total_cost"] for g in groups} == per_field
    assert response.context["grand_total"]["total_cost"] == grand
    financed = sum(row.amount for m in measures_of(index_de) for row in m.financing_rows.all())
    assert sum(response.context["grand_total"]["sources"].values()) == financed
    html = response.content.decode()
    assert "Gesamtsumme" in html
    assert format_euro(grand, "de") in html
    for group in groups:
        assert f"Zwischensumme {group['field'].name}" in html
        assert format_euro(group["totals"]["total_cost"], "de") in html


def test_plan_in_english_uses_english_format(client, index_en):
    _per_field, grand = expected_sums(index_en)
    html = client.get(routing.url(index_en, "plan")).content.decode()
    assert "Grand total" in html
    assert f"€{int(grand):,}" in html
    assert "Subtotal Green and open spaces" in html
    assert demo_url(ProjectPage, "neue-mitte", "en") in html
    assert 'hreflang="de" href="http://testserver/de/massnahmen/plan/"' in html


def test_plan_puts_the_totals_first_and_labels_every_amount(client, index_de, index_en):
    """The grand total comes before the table (on a phone it is on the first screen); the source columns have
    short headers with the full name for screen readers; every cell carries its column's name for the stacked
    phone layout, hidden from screen readers (they hear the column headers), so that nothing is heard twice."""
    for index, language, heading, label in (
        (index_de, "de", "Gesamtsumme der {} Maßnahmen", "Städtebauförderung: Anteil Bund"),
        (index_en, "en", "Grand total of {} measures", "Urban development funding: federal share"),
    ):
        _per_field, grand = expected_sums(index)
        measures = measures_of(index)
        html = client.get(routing.url(index, "plan")).content.decode()
        start = html.index('<section class="plan-summary"')
        summary = html[start : html.index("</section>", start)]
        assert heading.format(len(measures)) in summary
        assert f"<dd>{format_euro(grand, language)}</dd>" in summary
        assert start < html.index("<table")
        assert f'<span class="visually-hidden">{label}</span>' in html
        # A label in every measure row, every subtotal and the grand total.
        groups = {m.field_of_action.translation_key for m in measures}
        assert (
            html.count(f'<span class="cell-label" aria-hidden="true">{label}</span>') == len(measures) + len(groups) + 1
        )
    html = client.get(routing.url(index_de, "plan")).content.decode()
    assert '<span aria-hidden="true">Bund</span>' in html and '<span aria-hidden="true">Stadt</span>' in html
    assert '<span class="cell-label" aria-hidden="true">Zeitraum</span>' in html
    assert 'data-scroll-hint="plan-scroll-hint"' in html and 'id="plan-scroll-hint" hidden' in html


def test_plan_csv(client, index_de):
    per_field, grand = expected_sums(index_de)
    response = client.get(routing.url(index_de, "plan_csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:2] == ["Handlungsfeld", "Maßnahme"]
    cost = header.index("Gesamtkosten (€)")
    measures = [row for row in rows[1:] if row[1]]
    assert len(measures) == len(measures_of(index_de))
    assert rows[-1][0] == "Gesamtsumme" and Decimal(rows[-1][cost]) == grand
    subtotals = [row for row in rows if row[0].startswith("Zwischensumme ")]
    assert sorted(Decimal(row[cost]) for row in subtotals) == sorted(per_field.values())
    assert "Neue Mitte Heeren-Werve" in {row[1] for row in measures}


def test_plan_csv_english_uses_commas(client, index_en):
    response = client.get(routing.url(index_en, "plan_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Field of action", "Measure"]
    assert rows[-1][0] == "Grand total"


def test_plan_xlsx(client, index_de):
    _per_field, grand = expected_sums(index_de)
    response = client.get(routing.url(index_de, "plan_xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    cost = rows[0].index("Gesamtkosten (€)")
    assert rows[-1][0] == "Gesamtsumme" and rows[-1][cost] == grand
    titles = {row[1] for row in rows[1:]}
    assert "Umgestaltung des Luisenparks" in titles
    assert len([row for row in rows[1:] if row[1]]) == len(measures_of(index_de))


# --- timeline and map -------------------------------------------------------------------------------------------
def test_timeline_both_languages_with_alternate_urls(client):
    german = client.get("/de/massnahmen/plan/zeitplan/")
    english = client.get("/en/measures/plan/timeline/")
    assert german.status_code == english.status_code == 200
    de_html, en_html = german.content.decode(), english.content.decode()
    assert "Zeitplan der Maßnahmen" in de_html and "Timeline of the measures" in en_html
    assert "<caption" in de_html and 'scope="row"' in de_html
    assert 'hreflang="en" href="http://testserver/en/measures/plan/timeline/"' in de_html
    assert 'hreflang="de" href="http://testserver/de/massnahmen/plan/zeitplan/"' in en_html
    # The other language's path leads to this language's one.
    response = client.get("/en/measures/plan/zeitplan/")
    assert response.status_code == 302 and response["Location"] == "/en/measures/plan/timeline/"


def test_timeline_bars_carry_their_period(client, index_de):
    """Each bar is drawn in percent of its column with the period as its label (shown on phones, where the
    start and end columns are folded away); numbers in SVG never take the German decimal comma."""
    html = client.get(routing.url(index_de, "timeline")).content.decode()
    labels = re.findall(
        r'<text class="timeline__bar-label" x="([\d.]+)%" y="38" text-anchor="(start|end)">([^<]+)</text>', html
    )
    assert len(labels) == len(measures_of(index_de))
    assert {text for _x, _anchor, text in labels} == {m.period_label for m in measures_of(index_de)}
    assert {anchor for _x, anchor, _text in labels} == {"start", "end"}
    assert re.search(r'<rect x="[\d.]+%" y="4" width="[\d.]+%"', html)
    assert not re.search(r'x1?="\d+,\d+', html)
    assert 'data-scroll-hint="timeline-scroll-hint"' in html


def test_map_loads_no_tiles_before_consent(client, index_de, index_en):
    german = client.get(routing.url(index_de, "map")).content.decode()
    english = client.get(routing.url(index_en, "map")).content.decode()
    assert "Karte laden" in german and "Load map" in english
    assert "tile.openstreetmap.org" not in re.sub(r'data-tile-url="[^"]*"', "", german)
    assert "leaflet-1.9.4/leaflet.js" in german
    located = [m for m in measures_of(index_de) if m.has_location]
    assert located and len(located) < len(measures_of(index_de))
    for measure in located:
        assert measure.title in german
    # The alternate link and the other language's path are about the map's address in each language.
    assert 'hreflang="de" href="http://testserver/de/massnahmen/karte/"' in english
    assert client.get("/de/massnahmen/map/")["Location"] == "/de/massnahmen/karte/"


def test_map_tile_url_is_configurable(client, index_de, settings):
    settings.PROJECTS_MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.PROJECTS_MAP_ATTRIBUTION = "Example tiles"
    html = client.get(routing.url(index_de, "map")).content.decode()
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert "Example tiles" in html


def test_sitemap_lists_the_sub_views(client):
    xml = client.get("/sitemap.xml").content.decode()
    # The sitemap lists every language's tree, with the routable sub-views of the measures overview.
    for path in (
        "/de/massnahmen/plan/",
        "/de/massnahmen/plan/zeitplan/",
        "/de/massnahmen/karte/",
        "/en/measures/plan/",
        "/en/measures/plan/timeline/",
        "/en/measures/map/",
    ):
        assert f"http://testserver{path}<" in xml


# --- open data --------------------------------------------------------------------------------------------------
def test_geojson_is_valid_and_localized(client, index_de, index_en):
    german = client.get(routing.url(index_de, "data_geojson"))
    english = client.get(routing.url(index_en, "data_geojson"))
    assert german["Content-Type"].startswith("application/geo+json")
    de_data, en_data = json.loads(german.content), json.loads(english.content)
    for data in (de_data, en_data):
        assert data["type"] == "FeatureCollection"
        for feature in data["features"]:
            assert feature["type"] == "Feature"
            assert feature["geometry"]["type"] == "Point"
            lon, lat = feature["geometry"]["coordinates"]
            assert 7.6 < lon < 7.8 and 51.5 < lat < 51.7  # longitude first (RFC 7946), in Heeren-Werve
            assert feature["properties"]["title"] and feature["properties"]["colour"].startswith("#")
    located = {m.title for m in measures_of(index_de) if m.has_location}
    assert {f["properties"]["title"] for f in de_data["features"]} == located
    en_titles = {f["properties"]["title"] for f in en_data["features"]}
    assert "New centre of Heeren-Werve" in en_titles and "Neue Mitte Heeren-Werve" not in en_titles
    assert all(f["properties"]["url"].startswith(f"http://testserver{index_en.url}") for f in en_data["features"])
    assert all(f["properties"]["url"].startswith(f"http://testserver{index_de.url}") for f in de_data["features"])
    en_fields = {f["properties"]["field_of_action"] for f in en_data["features"]}
    assert "Green and open spaces" in en_fields and "Grün- und Freiraum" not in en_fields
    assert {f["properties"]["status_label"] for f in en_data["features"]} <= {
        "planned",
        "in preparation",
        "being implemented",
        "completed",
    }


def test_open_data_json_and_csv(client, index_de, index_en):
    data = client.get(routing.url(index_de, "data_json")).json()
    assert data["language"] == "de"
    assert len(data["measures"]) == len(measures_of(index_de))
    neue_mitte = next(m for m in data["measures"] if m["title"] == "Neue Mitte Heeren-Werve")
    assert neue_mitte["total_cost_eur"] == 2400000
    assert sum(neue_mitte["financing_eur"].values()) == 2400000
    response = client.get(routing.url(index_en, "data_csv"))
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == len(measures_of(index_de))
    assert "New centre of Heeren-Werve" in {row["title"] for row in rows}


# --- measure page and home page ---------------------------------------------------------------------------------
def test_measure_page_both_languages(client, index_en):
    page = demo_page(ProjectPage, "neue-mitte")
    german = client.get(page.url).content.decode()
    english = client.get(demo_url(ProjectPage, "neue-mitte", "en")).content.decode()
    assert "Kosten und Finanzierung" in german and "Costs and financing" in english
    assert "Städtebauförderung: Anteil Bund" in german and "960.000\u00a0€" in german
    assert "€960,000" in english
    assert "Public space" in english and "Öffentlicher Raum" not in english
    assert "In Leichter Sprache" in german and "In easy read" in english
    assert "Karte laden" in german and 'data-lat="51.584120"' in german
    assert "projects/print.css" in german
    assert routing.url(page, "qr") in german
    assert "Zuletzt aktualisiert" in german or "Last updated" in german
    assert f'<a href="{routing.url(index_en, "map")}">' in english


def test_qr_code_is_svg_of_the_page_url(client, demo):
    response = client.get(routing.url(demo_page(ProjectPage, "neue-mitte", "en"), "qr"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content and b"<path" in response.content


def test_home_page_shows_featured_measures(client, demo):
    german = client.get(demo_url(HomePage)).content.decode()
    english = client.get(demo_url(HomePage, lang="en")).content.decode()
    assert "Ausgewählte Maßnahmen" in german and "Featured measures" in english
    assert "Neue Mitte Heeren-Werve" in german and "New centre of Heeren-Werve" in english
    featured = german.split("Ausgewählte Maßnahmen", 1)[1].split("</section>", 1)[0]
    assert "Spielplatz Rosenstraße" not in featured  # not featured


def test_measure_page_sections_hook_is_the_seam_for_related_news(client):
    def section(request, page):
        return {"order": 20, "template": "projects/includes/home_section.html", "measures": [page], "index": None}

    url = demo_url(ProjectPage, "neue-mitte", "en")
    assert "Featured measures" not in client.get(url).content.decode()
    bump_version()  # sections are kept until content changes; a new hook comes with a deployment
    with hooks.register_temporarily("project_page_sections", section):
        html = client.get(url).content.decode()
    assert "Featured measures" in html


def test_demo_content_is_idempotent(demo):
    def counts():
        models = (ProjectPage, FieldOfAction, FinancingRow, Phase, Milestone)
        return tuple(model.objects.count() for model in models)

    before = counts()
    assert before[1] == 16 and 20 <= before[0] <= 24
    assert before[3] == 12 and before[4] >= 2 * 30  # six phases and the milestones, in both languages
    call_command("load_demo", stdout=io.StringIO())
    assert counts() == before


# --- admin validation -------------------------------------------------------------------------------------------
def edit_data(page, **changes):
    values = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "field_of_action": page.field_of_action_id,
        "status": page.status,
        "priority": page.priority,
        "start_year": page.start_year,
        "start_quarter": page.start_quarter,
        "end_year": page.end_year,
        "end_quarter": page.end_quarter,
        "responsible_body": page.responsible_body,
        "total_cost": "1000",
        "spent_amount": "0",
        "latitude": "51.58",
        "longitude": "7.70",
        "address": page.address,
        "easy_read_summary": "",
        "phase": page.phase_id or "",
        "progress": str(page.progress),
        "participation_level": page.participation_level,
        "participation_note": page.participation_note,
        "participation_until": page.participation_until.isoformat() if page.participation_until else "",
        "body": streamfield([]),
        "financing_rows": inline_formset([{"source": "federal", "amount": "600", "programme": ""}]),
        "gallery_images": inline_formset([]),
        "related_documents": inline_formset([]),
        "milestones": inline_formset([]),
        "comments": inline_formset([]),
    }
    values.update(changes)
    return nested_form_data(values)


@pytest.fixture
def neue_mitte(index_de):
    return ProjectPage.objects.child_of(index_de).get(slug="neue-mitte")


def test_admin_views_render(admin_client, neue_mitte, index_de):
    assert admin_client.get(f"/admin/pages/{neue_mitte.pk}/edit/").status_code == 200
    assert admin_client.get(f"/admin/pages/add/projects/projectpage/{index_de.pk}/").status_code == 200
    listing = admin_client.get("/admin/snippets/projects/fieldofaction/")
    assert listing.status_code == 200 and "Grün- und Freiraum" in listing.content.decode()


def test_admin_accepts_valid_data(admin_client, neue_mitte):
    response = admin_client.post(f"/admin/pages/{neue_mitte.pk}/edit/", edit_data(neue_mitte))
    assert response.status_code == 302
    assert ProjectPage.objects.get(pk=neue_mitte.pk).get_latest_revision_as_object().total_cost == Decimal(1000)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"total_cost": "-5"}, "Beträge dürfen nicht negativ sein."),
        (
            {"financing_rows": inline_formset([{"source": "federal", "amount": "-1", "programme": ""}])},
            "Beträge dürfen nicht negativ sein.",
        ),
        (
            {"financing_rows": inline_formset([{"source": "federal", "amount": "3000", "programme": ""}])},
            "Die Finanzierungszeilen ergeben zusammen 3.000\u00a0€, mehr als die Gesamtkosten von 1.000\u00a0€.",
        ),
        ({"end_year": "2015"}, "Das Ende des Umsetzungszeitraums darf nicht vor seinem Beginn liegen."),
        ({"latitude": "95"}, "Der Breitengrad muss zwischen -90 und 90 Grad liegen."),
        ({"longitude": "-181"}, "Der Längengrad muss zwischen -180 und 180 Grad liegen."),
        ({"longitude": ""}, "Geben Sie Breiten- und Längengrad an oder keinen von beiden."),
        ({"spent_amount": "5000"}, "Der ausgegebene Betrag darf nicht höher sein als die Gesamtkosten."),
        (
            {"financing_rows": inline_formset([{"source": "other", "amount": "10", "programme": ""}])},
            "Nennen Sie das andere Förderprogramm.",
        ),
    ],
)
def test_admin_validation_messages(admin_client, neue_mitte, changes, message):
    response = admin_client.post(f"/admin/pages/{neue_mitte.pk}/edit/", edit_data(neue_mitte, **changes))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert ProjectPage.objects.get(pk=neue_mitte.pk).get_latest_revision_as_object().total_cost == Decimal(2400000)


@pytest.mark.parametrize(
    ("language", "slug", "found", "next_label", "previous_label"),
    [
        ("de", "testmassnahmen", "30 Maßnahmen gefunden", "Nächste Seite", "Vorherige Seite"),
        ("en", "test-measures", "30 measures found", "Next page", "Previous page"),
    ],
)
def test_overview_is_paginated_with_the_filters_kept(client, demo, language, slug, found, next_label,
                                                     previous_label):  # fmt: skip
    index = ProjectIndexPage(title="Test", slug=slug, locale=demo[language])
    demo[f"{language}_home"].add_child(instance=index)
    index.save_revision().publish()
    field = FieldOfAction.objects.filter(locale=demo[language]).first() or FieldOfAction.objects.first()
    for number in range(30):
        # Titles sort by number (A–Z): page 1 holds 00–23, page 2 holds 24–29.
        add_measure(index, f"Testmassnahme {number:02d}", field, status="planned")
    first = client.get(f"/{language}/{slug}/?status=planned&sort=title").content.decode()
    assert found in first
    assert first.count('class="card measure-card"') == 24
    assert ">Testmassnahme 23<" in first and ">Testmassnahme 24<" not in first
    assert f'href="?status=planned&amp;sort=title&amp;page=2" rel="next">{next_label}' in first
    second = client.get(f"/{language}/{slug}/?status=planned&sort=title&page=2").content.decode()
    assert found in second  # the count is of all measures, not of this page
    assert second.count('class="card measure-card"') == 6
    assert ">Testmassnahme 24<" in second and ">Testmassnahme 29<" in second
    assert ">Testmassnahme 00<" not in second
    assert f'rel="prev"><span aria-hidden="true">‹</span> {previous_label}' in second
    assert '<span aria-current="page">' in second
    # Bad page numbers give a page, never an error.
    assert client.get(f"/{language}/{slug}/?page=abc").status_code == 200
    last = client.get(f"/{language}/{slug}/?sort=title&page=999")
    assert last.status_code == 200
    assert ">Testmassnahme 29<" in last.content.decode()


# --- query budgets ----------------------------------------------------------------------------------------------
# base.html (menu, footer, settings, language links) costs about 27 of these; the measures add about 6.
QUERY_BUDGET = 40


@pytest.mark.parametrize(
    "path",
    ["", "?field=FIELD&sort=cost", "?phase=PHASE", "plan/", "plan/zeitplan/", "open-data/geojson/", "karte/",
     "open-data/milestones/csv/"],
)  # fmt: skip
def test_query_count_does_not_grow_with_measures(client, demo, django_assert_max_num_queries, path):
    index = ProjectIndexPage(title="Testmaßnahmen", slug="testmassnahmen", locale=demo["de"])
    demo["de_home"].add_child(instance=index)
    index.save_revision().publish()
    fields = list(FieldOfAction.objects.filter(locale=demo["de"]))
    phases = list(Phase.objects.filter(locale=demo["de"]))
    image = get_image_model().objects.first()
    url = f"{index.url}{path.replace('FIELD', str(fields[0].pk)).replace('PHASE', str(phases[0].pk))}"

    def add(count, start):
        for i in range(start, start + count):
            add_measure(
                index,
                f"Testmaßnahme {i}",
                fields[i % len(fields)],
                latitude=Decimal("51.58"),
                longitude=Decimal("7.7"),
                image=image,
                further_fields=[fields[(i + 1) % len(fields)]],
                phase=phases[i % len(phases)],
                milestones=[
                    Milestone(title=f"Meilenstein {i}", planned_date=datetime.date(2026, 3, 31)),
                    Milestone(title=f"Meilenstein {i}b", planned_date=datetime.date(2027, 3, 31)),
                ],
            )

    def count_queries():
        client.get(url)  # warm up: renditions and site caches
        with django_assert_max_num_queries(QUERY_BUDGET) as captured:
            response = client.get(url)
        assert response.status_code == 200
        assert "Testma" in response.content.decode()
        return len(captured.captured_queries)

    add(5, 0)
    few = count_queries()
    add(45, 5)
    many = count_queries()
    assert many == few, f"{url}: {few} queries with 5 measures, {many} with 50"
