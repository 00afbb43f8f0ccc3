"""Staff: moderation in the Wagtail admin, exports, deletion."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from participation.models import Contribution
from tests.conftest import staff_login


@pytest.fixture
def new_contribution(make_contribution, green, playground):
    return make_contribution(
        message="Bitte mehr Fahrradständer am Markt.",
        status=Contribution.Status.NEW,
        field_of_action=green["de"],
        measure=playground["de"],
        contact_name="Zacharias Geheimname",
        contact_email="zacharias.geheim@example.org",
        reply_consent=True,
    )


def edit_data(contribution, **changes):
    data = {
        "message": contribution.message,
        "field_of_action": contribution.field_of_action_id or "",
        "measure": contribution.measure_id or "",
        "address": contribution.address,
        "latitude": "",
        "longitude": "",
        "status": contribution.status,
        "rejection_reason": contribution.rejection_reason,
        "public_reply": contribution.public_reply,
        "public_status": contribution.public_status,
        "public_reason": contribution.public_reason,
        "public_reason_language": contribution.public_reason_language,
    }
    data.update(changes)
    return data


def edit_url(contribution):
    return reverse("participation_contribution:edit", args=[contribution.pk])


def test_list_and_filters(admin_client, new_contribution, green, playground):
    index = reverse("participation_contribution:index")
    response = admin_client.get(index)
    assert response.status_code == 200
    assert "Bitte mehr Fahrradständer am Markt." in response.content.decode()
    for query in [
        "status=new",
        f"field_of_action={green['de'].pk}",
        f"measure={playground['de'].pk}",
        f"status=new&field_of_action={green['de'].pk}&measure={playground['de'].pk}",
    ]:
        html = admin_client.get(f"{index}?{query}").content.decode()
        assert "Bitte mehr Fahrradständer am Markt." in html, query
    html = admin_client.get(f"{index}?status=approved").content.decode()
    assert "Bitte mehr Fahrradständer am Markt." not in html
    assert reverse("participation_export_csv") in response.content.decode()


def test_each_row_opens_the_contribution(admin_client, new_contribution):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(admin_client.get(reverse("participation_contribution:index")).content, "html.parser")
    links = [a["href"] for a in page.select("table.listing tbody tr td a[href]")]
    assert edit_url(new_contribution) in links
    # The link is the row's number, and it opens the edit view with the message.
    (number,) = [a for a in page.select("table.listing tbody td a") if a["href"] == edit_url(new_contribution)][:1]
    assert number.get_text(strip=True) == str(new_contribution.pk)
    assert "Bitte mehr Fahrradständer am Markt." in admin_client.get(number["href"]).content.decode()


def test_admin_search(admin_client, new_contribution):
    index = reverse("participation_contribution:index")
    assert "Bitte mehr Fahrradständer" in admin_client.get(f"{index}?q=Fahrradständer").content.decode()
    assert "Bitte mehr Fahrradständer" not in admin_client.get(f"{index}?q=Kletterturm").content.decode()


def test_edit_view_shows_personal_data_read_only(admin_client, new_contribution):
    html = admin_client.get(edit_url(new_contribution)).content.decode()
    assert "zacharias.geheim@example.org" in html
    assert 'name="contact_email"' not in html


def test_reject_needs_a_reason(admin_client, new_contribution):
    response = admin_client.post(edit_url(new_contribution), edit_data(new_contribution, status="rejected"))
    assert response.status_code == 200
    assert "Bitte geben Sie einen Grund an" in response.content.decode()
    new_contribution.refresh_from_db()
    assert new_contribution.status == Contribution.Status.NEW
    response = admin_client.post(
        edit_url(new_contribution), edit_data(new_contribution, status="rejected", rejection_reason="Werbung")
    )
    assert response.status_code == 302
    new_contribution.refresh_from_db()
    assert new_contribution.status == Contribution.Status.REJECTED
    assert new_contribution.moderated_by.username == "admin"
    assert new_contribution.moderated_at is not None


def test_approve_with_reply_publishes_it(admin_client, client, new_contribution, pages, playground):
    assert new_contribution.message not in client.get(pages["de"].url).content.decode()
    response = admin_client.post(
        edit_url(new_contribution),
        edit_data(new_contribution, status="approved", public_reply="Wir prüfen zwei Standorte."),
    )
    assert response.status_code == 302
    new_contribution.refresh_from_db()
    assert new_contribution.status == Contribution.Status.APPROVED
    assert new_contribution.replied_at is not None
    assert new_contribution.moderated_by.username == "admin"
    client.logout()
    for url in [pages["de"].url, pages["en"].url, playground["de"].url]:
        html = client.get(url).content.decode()
        assert new_contribution.message in html, url
        assert "Wir prüfen zwei Standorte." in html, url
        assert "Zacharias" not in html and "zacharias.geheim" not in html, url


def test_admin_log_holds_no_personal_data_or_message(admin_client, new_contribution):
    admin_client.post(edit_url(new_contribution), edit_data(new_contribution, status="approved"))
    entries = ModelLogEntry.objects.filter(object_id=str(new_contribution.pk))
    assert entries.exists()
    for entry in entries:
        text = f"{entry.label} {entry.data}"
        assert "Zacharias" not in text and "Fahrradständer" not in text


def test_delete_removes_the_row_with_its_personal_data(admin_client, new_contribution):
    url = reverse("participation_contribution:delete", args=[new_contribution.pk])
    assert admin_client.post(url).status_code == 302
    assert not Contribution.objects.filter(pk=new_contribution.pk).exists()
    assert not Contribution.objects.filter(contact_email="zacharias.geheim@example.org").exists()


def test_csv_export(admin_client, new_contribution):
    response = admin_client.get(reverse("participation_export_csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Nummer", "Eingegangen", "Status"]
    assert len(rows) == Contribution.objects.count() + 1
    row = next(r for r in rows if r[0] == str(new_contribution.pk))
    assert "Bitte mehr Fahrradständer am Markt." in row
    assert "Zacharias Geheimname" in row and "zacharias.geheim@example.org" in row
    assert "neu" in row and "Grün- und Freiraum" in row and "Spielplatz Rosenstraße" in row
    # "You said, we did" for staff too: public status, reason, first official answer.
    header = rows[0]
    assert header[11:14] == ["Öffentlicher Status", "Öffentliche Begründung", "Erste offizielle Antwort"]
    assert row[11] == "eingegangen" and row[13] == ""


def test_csv_export_keeps_formulas_as_text(admin_client, make_contribution):
    make_contribution(message='=HYPERLINK("http://evil.example")', status=Contribution.Status.NEW)
    content = admin_client.get(reverse("participation_export_csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in content


def test_xlsx_export(admin_client, new_contribution, make_contribution):
    make_contribution(message="=1+1", status=Contribution.Status.NEW)
    response = admin_client.get(reverse("participation_export_xlsx"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Nummer", "Eingegangen", "Status")
    assert len(rows) == Contribution.objects.count() + 1
    row = next(r for r in rows if r[0] == new_contribution.pk)
    assert "Bitte mehr Fahrradständer am Markt." in row
    assert "zacharias.geheim@example.org" in row
    formula_row = next(r for r in rows if r[6] == "'=1+1")
    assert formula_row  # neutralised like in every export (stadtteil.exports): text, never a formula


@pytest.mark.parametrize("name", ["participation_export_csv", "participation_export_xlsx"])
def test_exports_are_for_staff_only(client, name, db):
    url = reverse(name)
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    # A logged-in user without admin access gets nothing either.
    user = get_user_model().objects.create_user("resident", "resident@example.org", "a-long-password-123")
    staff_login(client, user)
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert b"Geheimname" not in response.content


def test_editor_without_permission_cannot_export(client, db):
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("editor", "editor@example.org", "a-long-password-123")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    staff_login(client, user)
    response = client.get(reverse("participation_export_csv"))
    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not response.content
