"""The short form on measure pages, the form pages (surveys, registrations), the purge of personal data."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from participation.models import Contribution, FormPage
from participation.tasks import purge_personal_data, schedule_purge
from projects.models import ProjectPage
from stadtteil.routing import reverse_alternates, url
from tests.conftest import demo_url


def test_measure_page_carries_the_short_form(client, pages, playground, make_contribution):
    make_contribution(message="Sandkasten mit Sonnensegel", measure=playground["de"])
    send = reverse_alternates("participation:send")
    html = client.get(playground["de"].url).content.decode()
    assert "Ihre Meinung" in html
    assert f'action="{send["de"]}"' in html
    assert "csrfmiddlewaretoken" not in html  # measure pages stay cacheable
    assert f'name="measure" value="{playground["de"].pk}"' in html
    assert "Sandkasten mit Sonnensegel" in html
    english = client.get(playground["en"].url).content.decode()
    assert "Your opinion" in english
    assert f'action="{send["en"]}"' in english
    assert f'name="measure" value="{playground["en"].pk}"' in english
    assert "Sandkasten mit Sonnensegel" in english
    # The map layer script and its data source come with the include (the measure has a location).
    assert "participation/map-layer.js" in html
    assert f'data-geojson="{url(pages["de"], "geojson")}?measure={playground["de"].pk}"' in html


def test_other_measures_do_not_show_this_measures_contributions(client, playground, make_contribution):
    make_contribution(message="Nur für den Spielplatz", measure=playground["de"])
    assert "Nur für den Spielplatz" not in client.get(demo_url(ProjectPage, "neue-mitte")).content.decode()


def test_measure_form_submission_returns_to_the_measure(pages, playground):
    # As a browser sends it: no CSRF token (the form is on a cacheable page), an Origin header of this site.
    client = Client(enforce_csrf_checks=True)
    send = reverse_alternates("participation:send")
    response = client.post(
        send["de"],
        {"message": "Bitte eine Wippe!", "measure": playground["de"].pk, "origin": "measure"},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 302
    assert response["Location"] == f"{url(pages['de'], 'thanks')}?measure={playground['de'].pk}"
    contribution = Contribution.objects.get(message="Bitte eine Wippe!")
    assert contribution.measure.pk == playground["de"].pk
    assert contribution.field_of_action_id == playground["de"].field_of_action_id
    assert contribution.language == "de"
    thanks = client.get(response["Location"]).content.decode()
    assert f'href="{playground["de"].url}"' in thanks
    english = client.post(
        send["en"],
        {"message": "A seesaw!", "measure": playground["en"].pk, "origin": "measure"},
        HTTP_REFERER="http://testserver" + playground["en"].url,
    )
    assert english["Location"] == f"{url(pages['en'], 'thanks')}?measure={playground['en'].pk}"
    thanks = client.get(english["Location"]).content.decode()
    assert f'href="{playground["en"].url}"' in thanks
    assert Contribution.objects.get(message="A seesaw!").measure.pk == playground["de"].pk
    assert Contribution.objects.get(message="A seesaw!").language == "en"


def test_measure_form_from_another_site_is_refused(playground, mailoutbox):
    client = Client(enforce_csrf_checks=True)
    data = {"message": "Untergeschoben", "measure": playground["de"].pk, "origin": "measure"}
    send = reverse_alternates("participation:send")["de"]
    for headers in ({"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_REFERER": "https://evil.example/page"}, {}):
        response = client.post(send, data, **headers)
        assert response.status_code == 403
        assert "Das Formular konnte nicht gesendet werden" in response.content.decode()  # the styled CSRF page
    assert client.get(send).status_code == 405
    assert not Contribution.objects.filter(message="Untergeschoben").exists()
    assert not mailoutbox


def test_invalid_measure_form_shows_the_full_form_with_the_input(playground):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse_alternates("participation:send")["de"],
        {"message": "", "measure": playground["de"].pk, "origin": "measure", "contact_name": "Erika"},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bitte schreiben Sie Ihre Nachricht." in html
    assert 'value="Erika"' in html
    assert f'<option value="{playground["de"].pk}" selected>' in html
    # The full form is sent on with the participation page's own CSRF token.
    assert "csrfmiddlewaretoken" in html
    assert not Contribution.objects.filter(contact_name="Erika").exists()


# --- form pages -------------------------------------------------------------------------------------------------
@pytest.fixture
def survey(demo):
    return FormPage.objects.get(locale=demo["de"], slug="umfrage-spielplatz-rosenstrasse")


def test_form_page_renders_in_both_languages(client, survey, demo):
    german = client.get(survey.url).content.decode()
    assert "Wie alt sind die Kinder" in german
    assert "<legend>Wie alt sind die Kinder" in german
    english = client.get(survey.get_translation(demo["en"]).url).content.decode()
    assert "How old are the children" in english
    assert "Climbing tower" in english


def test_form_page_errors_are_translated_and_nothing_stored(client, survey, demo):
    before = FormSubmission.objects.count()
    response = client.post(survey.url, {"ihre_anregungen": "Mehr Bänke"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dieses Feld muss ausgefüllt werden." in html
    assert "Mehr Bänke" in html
    assert FormSubmission.objects.count() == before
    english = client.post(survey.get_translation(demo["en"]).url, {}).content.decode()
    assert "This field is required." in english


def test_form_page_submission_is_stored_mailed_and_exported(client, admin_client, survey,
                                                           django_capture_on_commit_callbacks):  # fmt: skip
    data = {
        "wie_alt_sind_die_kinder_die_den_spielplatz_nutzen_wurden": ["3 bis 6 Jahre"],
        "was_wunschen_sie_sich_am_meisten": "Kletterturm",
        "ihre_anregungen": "Eine Wasserpumpe wäre toll.",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(survey.url, data)
    assert response.status_code == 200
    assert "Danke für Ihre Antworten!" in response.content.decode()
    submission = FormSubmission.objects.get(page=survey)
    assert submission.get_data()["ihre_anregungen"] == "Eine Wasserpumpe wäre toll."
    # The worker sent Wagtail's e-mail to the page's address.
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["beteiligung@example.org"]
    assert "Eine Wasserpumpe wäre toll." in mail.outbox[0].body

    listing = admin_client.get(f"/admin/forms/submissions/{survey.pk}/")
    assert listing.status_code == 200
    assert "Eine Wasserpumpe wäre toll." in listing.content.decode()
    export = admin_client.get(f"/admin/forms/submissions/{survey.pk}/?export=csv")
    assert export.status_code == 200
    content = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    assert "Eine Wasserpumpe wäre toll." in rows[1]
    assert "Kletterturm" in rows[1]


def test_english_form_page_submission_uses_the_same_field_names(client, survey, demo):
    english = survey.get_translation(demo["en"])
    response = client.post(
        english.url,
        {
            "wie_alt_sind_die_kinder_die_den_spielplatz_nutzen_wurden": ["under 3 years"],
            "was_wunschen_sie_sich_am_meisten": "Swings",
        },
    )
    assert response.status_code == 200
    assert "Thank you for your answers!" in response.content.decode()
    assert FormSubmission.objects.get(page=english).get_data()["was_wunschen_sie_sich_am_meisten"] == "Swings"


# --- purging personal data --------------------------------------------------------------------------------------
@pytest.fixture
def old_and_new(make_contribution):
    old = make_contribution(
        contact_name="Alte Person",
        contact_email="alt@example.org",
        reply_consent=True,
        created_at=timezone.now() - timedelta(days=200),
    )
    recent = make_contribution(
        contact_name="Neue Person",
        contact_email="neu@example.org",
        reply_consent=True,
        created_at=timezone.now() - timedelta(days=10),
    )
    return old, recent


def test_purge_command_blanks_personal_data_after_the_retention_period(old_and_new):
    old, recent = old_and_new
    out = io.StringIO()
    call_command("purge_participation", stdout=out)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.contact_name, old.contact_email, old.reply_consent) == ("", "", False)
    assert old.personal_data_purged_at is not None
    assert old.message  # the contribution itself stays
    assert recent.contact_name == "Neue Person" and recent.contact_email == "neu@example.org"
    assert "1" in out.getvalue()


def test_purge_command_dry_run_and_custom_period(old_and_new, settings):
    old, recent = old_and_new
    call_command("purge_participation", "--dry-run", stdout=io.StringIO())
    old.refresh_from_db()
    assert old.contact_name == "Alte Person"
    settings.PARTICIPATION_RETENTION_DAYS = 5
    call_command("purge_participation", stdout=io.StringIO())
    recent.refresh_from_db()
    assert recent.contact_email == ""


def test_periodic_task_purges(old_and_new):
    old, recent = old_and_new
    result = purge_personal_data.enqueue()
    assert result.return_value >= 1
    old.refresh_from_db()
    assert old.contact_email == ""
    # The immediate backend (tests) cannot defer: nothing is queued for later.
    assert schedule_purge() is False


SURVEY_ANSWERS = {
    "wie_alt_sind_die_kinder_die_den_spielplatz_nutzen_wurden": ["unter 3 Jahre"],
    "was_wunschen_sie_sich_am_meisten": "Schaukeln",
}


def test_form_page_honeypot_stores_nothing(client, survey):
    before = FormSubmission.objects.count()
    response = client.post(survey.url, {**SURVEY_ANSWERS, "website": "spam"})
    assert response.status_code == 200
    assert "Danke für Ihre Antworten!" in response.content.decode()
    assert FormSubmission.objects.count() == before


def test_form_page_rate_limit_keeps_the_answers(client, survey, settings):
    settings.PARTICIPATION_RATE_LIMIT = "1/h"
    assert "Danke" in client.post(survey.url, SURVEY_ANSWERS).content.decode()
    response = client.post(survey.url, {**SURVEY_ANSWERS, "ihre_anregungen": "Noch eine Idee"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "Sie haben in kurzer Zeit mehrere Beiträge gesendet" in html
    assert "Noch eine Idee" in html
    assert FormSubmission.objects.filter(page=survey).count() == 1


@pytest.mark.parametrize("language", ["de", "en"])
def test_map_layer_include_for_the_measures_map(rf, demo, pages, language):
    """What the lead includes in projects/map.html: the layer of all approved contributions, per language."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from projects.models import ProjectIndexPage

    index = ProjectIndexPage.objects.get(locale=demo[language])
    request = rf.get("/")
    with translation.override(language):
        html = render_to_string("participation/includes/map_layer.html", {"page": index, "request": request})
    assert f'data-geojson="{url(pages[language], "geojson")}"' in html
    assert "participation/map-layer.js" in html
    label = "Beiträge von Bürgerinnen und Bürgern" if language == "de" else "Contributions of residents"
    assert label in html
