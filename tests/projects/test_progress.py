"""Progress of measures: phase, percentage and milestones (measure page, cards and phase filter, timeline, plan
exports, open data) and the participation level beside the opinion form."""

import csv
import datetime
import io
import json

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.test.utils.form_data import inline_formset

from participation.models import ParticipationPage
from projects.models import Milestone, Phase, ProjectIndexPage, ProjectPage
from stadtteil.routing import url
from tests.conftest import demo_page, demo_url, publish
from tests.factories import MilestoneFactory

from .test_projects import edit_data, measures_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(demo):
    """The demo's exercise park, phases 3 and 4 (under construction, one milestone reached late, one overdue), in
    both languages."""
    de = demo_page(ProjectPage, "bewegungspark-bergstrasse-3-4")
    return {"de": de, "en": de.get_translation(demo["en"])}


@pytest.fixture
def plan(demo):
    """The demo's plan of measures (the index of all measures) in both languages."""
    return {"de": demo_page(ProjectIndexPage), "en": demo_page(ProjectIndexPage, lang="en")}


def main_of(html):
    return html[html.index("<main") : html.index("</main>")]


def section(html, css_class):
    start = html.index(f'class="{css_class}"')
    return html[start : html.index("</section>", start)]


def test_measure_page_shows_phase_percentage_and_milestones_in_words(client, pages):
    german = section(client.get(pages["de"].url).content.decode(), "measure-progress")
    english = section(client.get(pages["en"].url).content.decode(), "measure-progress")
    assert "Aktuelle Phase: <strong>Bau</strong>. 35 % erledigt." in german
    assert "Current phase: <strong>Construction</strong>. 35 % done." in english
    for html in (german, english):
        # A progress element with its value in text, named by the sentence above it.
        assert (
            '<progress class="measure-progress__bar" max="100" value="35" aria-labelledby="progress-summary">' in html
        )
    assert "2 von 4 Meilensteinen erreicht. 3 sind später als geplant." in german
    assert "2 of 4 milestones reached. 3 are later than planned." in english
    # Planned against actual, and late ones said in words (not by colour only).
    assert "Baubeginn Bauabschnitt 3" in german and "Start of construction, phase 3" in english
    assert '<time datetime="2025-07-01">1. Juli 2025</time>' in german
    assert '<time datetime="2025-08-18">18. August 2025</time>' in german
    assert "48 Tage später als geplant erreicht" in german
    assert "Reached 48 days later than planned" in english
    overdue = (timezone.localdate() - datetime.date(2026, 9, 30)).days
    assert overdue > 0
    assert f"Verspätet: nicht erreicht, {overdue} Tage nach dem geplanten Termin" in german
    assert f"Late: not reached, {overdue} days after the planned date" in english
    assert "Noch nicht erreicht" in german and "Not reached yet" in english  # the tree trail, still ahead


def test_cards_show_a_progress_line_and_the_phase_filter_works_in_both_languages(client, demo, pages, plan):
    construction = Phase.objects.get(locale=demo["de"], name="Bau")
    expected = {m.title for m in measures_of(pages["de"].get_parent()) if m.phase_id == construction.pk}
    assert len(expected) == 2
    german = main_of(client.get(plan["de"].url, {"phase": construction.pk}).content.decode())
    assert "2 Maßnahmen gefunden" in german
    assert all(f">{title}<" in german for title in expected)
    assert ">Neue Mitte Heeren-Werve<" not in german
    assert "Phase: Bau · 35 % erledigt · <strong>1 Meilenstein überfällig</strong>" in german
    assert f'<option value="{construction.pk}" selected>Bau</option>' in german

    english_phase = construction.get_translation(demo["en"])
    english = main_of(client.get(plan["en"].url, {"phase": english_phase.pk}).content.decode())
    assert "2 measures found" in english
    assert ">Sport and exercise park Bergstraße, phases 3 and 4 with a tree trail<" in english
    assert "Phase: Construction · 35 % done · <strong>1 milestone overdue</strong>" in english
    # The German phase's id (a link shared across the language switch) filters the English list the same way.
    switched = main_of(client.get(plan["en"].url, {"phase": construction.pk}).content.decode())
    assert "2 measures found" in switched and f'<option value="{english_phase.pk}" selected>' in switched
    # All phases are offered, in the editors' order.
    options = english[
        english.index('id="filter-phase"') : english.index("</select>", english.index('id="filter-phase"'))
    ]
    names = ["Idea", "Planning", "Participation", "Tender", "Construction", "Completed"]
    assert [options.index(f">{name}<") for name in names] == sorted(options.index(f">{name}<") for name in names)


def test_timeline_shows_planned_and_actual_dates(client, pages, plan):
    german = client.get(url(plan["de"], "timeline")).content.decode()
    english = client.get(url(plan["en"], "timeline")).content.decode()
    assert "Baubeginn Bauabschnitt 3: geplant 01.07.2025, erreicht 18.08.2025 – <strong>verspätet</strong>" in german
    assert "Phase 3 completed: planned 30/09/2026 – <strong>overdue</strong>" in english
    assert "Baumlehrpfad eröffnet: geplant 31.10.2027</li>" in german
    # Drawn as well: a diamond where planned, a circle where reached.
    row = german[german.index(">Sport- und Bewegungspark Bergstraße, Bauabschnitte 3 und 4") :]
    row = row[: row.index("</tr>")]
    assert row.count('transform="rotate(45)"') == 4 and row.count("<circle") == 2


def test_plan_exports_carry_phase_progress_and_milestones(client, plan):
    response = client.get(url(plan["de"], "plan_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    phase, progress, milestones = (header.index(name) for name in ("Phase", "Fortschritt (%)", "Meilensteine"))
    park = next(row for row in rows if row[1].startswith("Sport- und Bewegungspark Bergstraße, Bauabschnitte 3"))
    assert park[phase] == "Bau" and park[progress] == "35"
    assert "Baubeginn Bauabschnitt 3 (geplant 2025-07-01, erreicht 2025-08-18, verspätet)" in park[milestones]
    assert "Bauabschnitt 3 fertig (geplant 2026-09-30, noch nicht erreicht, verspätet)" in park[milestones]

    sheet = load_workbook(io.BytesIO(client.get(url(plan["en"], "plan_xlsx")).content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    park = next(row for row in rows if (row[1] or "").startswith("Sport and exercise park Bergstraße, phases 3"))
    assert park[header.index("Phase")] == "Construction" and park[header.index("Progress (%)")] == 35
    assert "Tree trail opened (planned 2027-10-31)" in park[header.index("Milestones")]
    # The amounts keep their currency format; the progress column is a plain number.
    cost = header.index("Total cost (€)") + 1
    assert sheet.cell(row=2, column=cost).number_format == "#,##0 €"
    assert sheet.cell(row=2, column=header.index("Spent so far (€)") + 1).number_format == "#,##0 €"
    assert sheet.cell(row=2, column=header.index("Progress (%)") + 1).number_format == "General"


def test_open_data_contains_phase_progress_milestones_and_participation(client, pages, plan):
    german = client.get(url(plan["de"], "data_json")).json()
    park = next(m for m in german["measures"] if m["title"] == pages["de"].title)
    assert park["phase"] == "Bau" and park["progress_percent"] == 35
    assert park["participation_level"] == "consultation" and park["participation_level_label"] == "Konsultation"
    assert park["participation_until"] == "2027-03-31"
    assert park["milestones"][1] == {
        "title": "Baubeginn Bauabschnitt 3",
        "planned": "2025-07-01",
        "actual": "2025-08-18",
        "late": True,
        "days_late": 48,
    }
    geojson = json.loads(client.get(url(plan["en"], "data_geojson")).content)
    feature = next(f for f in geojson["features"] if f["properties"]["title"] == pages["en"].title)
    assert feature["properties"]["phase"] == "Construction"
    assert feature["properties"]["milestones"][1]["title"] == "Start of construction, phase 3"
    assert feature["properties"]["participation_level_label"] == "Consultation"
    rows = list(csv.DictReader(io.StringIO(client.get(url(plan["en"], "data_csv")).content.decode("utf-8-sig"))))
    park = next(row for row in rows if row["title"] == pages["en"].title)
    assert (park["phase"], park["progress_percent"], park["participation_level"]) == (
        "Construction",
        "35",
        "consultation",
    )


def test_milestone_files_list_every_milestone(client, plan):
    expected = Milestone.objects.filter(page__in=measures_of(plan["en"])).count()
    data = client.get(url(plan["en"], "milestones_json")).json()
    assert len(data["milestones"]) == expected and data["licence"] == "CC BY 4.0"
    first = data["milestones"][0]
    assert set(first) == {"measure_id", "measure", "measure_url", "position", "title", "planned", "actual", "late",
                          "days_late"}  # fmt: skip
    assert first["measure_url"].startswith("http://testserver" + plan["en"].url)
    response = client.get(url(plan["de"], "milestones_csv"))
    assert response["Content-Type"].startswith("text/csv") and response["Access-Control-Allow-Origin"] == "*"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == expected
    late = {row["title"] for row in rows if row["late"] == "True"}
    assert "Eröffnung des Platzes" in late and "Wettbewerb entschieden" in late
    assert "Stadtteilbüro eröffnet" not in late  # reached on the planned day


def test_participation_level_beside_the_opinion_form_in_both_languages(client, demo):
    de = demo_page(ProjectPage, "spielplatz-rosenstrasse")
    german = section(client.get(de.url).content.decode(), "measure-feedback")
    english = section(client.get(de.get_translation(demo["en"]).url).content.decode(), "measure-feedback")
    assert "Beteiligungsstufe: Mitentscheidung" in german and "Participation level: Co-decision" in english
    assert "Die Kinder aus der Nachbarschaft wählen aus drei Entwürfen die Spielgeräte aus." in german
    assert "The children of the neighbourhood choose the play equipment from three designs." in english
    assert '<time datetime="2027-01-31">31. Januar 2027</time>' in german
    assert '<time datetime="2027-01-31">31 January 2027</time>' in english
    # Beside the form: in the same section, before the form.
    assert german.index("Beteiligungsstufe") < german.index("<form")


def test_german_publication_brings_milestone_dates_to_the_translation(client, pages):
    de = pages["de"]
    de.progress = 40
    milestones = list(de.milestones.all())
    milestones[2].actual_date = datetime.date(2026, 11, 2)
    # A new first milestone: the translations keep their titles for the rows that moved down.
    new = MilestoneFactory.build(
        title="Vorplanung", planned_date=datetime.date(2024, 6, 30), actual_date=datetime.date(2024, 6, 1)
    )
    for order, milestone in enumerate([new, *milestones]):  # as the editor's form numbers the rows
        milestone.sort_order = order
    de.milestones = [new, *milestones]
    publish(de)
    en = ProjectPage.objects.get(pk=pages["en"].pk)
    assert en.progress == 40
    rows = [(m.title, m.actual_date, m.locale_id) for m in en.milestones.all()]
    assert len(rows) == 5
    assert rows[0] == ("Vorplanung", datetime.date(2024, 6, 1), en.locale_id)  # German until translated
    assert rows[1][0] == "Tender published"
    assert rows[3] == ("Phase 3 completed", datetime.date(2026, 11, 2), en.locale_id)
    assert en.phase.name == "Construction"
    english = client.get(en.url).content.decode()
    assert "Phase 3 completed" in english and "2 November 2026" in english


@pytest.mark.parametrize("value", ["101", "-1"])
def test_admin_refuses_a_progress_outside_0_to_100(admin_client, pages, value):
    page = pages["de"]
    data = edit_data(page, progress=value)
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Der Fortschritt muss eine Zahl von 0 bis 100 sein." in html or "größer oder gleich 0" in html


def test_admin_saves_milestones(admin_client, pages):
    page = pages["de"]
    data = edit_data(
        page,
        progress="50",
        milestones=inline_formset([{"title": "Neuer Meilenstein", "planned_date": "2027-05-31", "actual_date": ""}]),
    )
    response = admin_client.post(f"/admin/pages/{page.pk}/edit/", data)
    assert response.status_code == 302
    draft = ProjectPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert draft.progress == 50
    assert ("Neuer Meilenstein", datetime.date(2027, 5, 31), None) in [
        (m.title, m.planned_date, m.actual_date) for m in draft.milestones.all()
    ]


def test_participation_page_explains_the_levels_in_both_languages(client, demo):
    german = client.get(demo_url(ParticipationPage)).content.decode()
    english = client.get(demo_url(ParticipationPage, lang="en")).content.decode()
    assert "Wie viel Sie mitentscheiden können" in german and "How much you can decide" in english
    for level in ("Information", "Konsultation", "Mitwirkung", "Mitentscheidung"):
        assert f"<dt>{level}</dt>" in german
    for level in ("Information", "Consultation", "Collaboration", "Co-decision"):
        assert f"<dt>{level}</dt>" in english
    assert "Ihre Meinung ist gefragt und wird abgewogen" in german
    assert "Your opinion is asked for and weighed" in english
