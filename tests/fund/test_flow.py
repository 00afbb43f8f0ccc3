from decimal import Decimal

import pytest
from django.core import mail

from fund.models import Application, FundYear, budget_for
from tests.fund.conftest import make_application

S = Application.Status


def admin_data(application, **overrides):
    fields = [
        "status", "approved_amount", "paid_amount", "conditions", "rejection_reason", "staff_notes",
        "applicant_type", "name", "organisation", "email", "phone", "language", "title", "description", "goals",
        "address", "latitude", "longitude", "start_date", "end_date", "total_cost", "own_contribution",
        "requested_grant", "above_cap_reason",
    ]  # fmt: skip
    data = {}
    for name in fields:
        value = getattr(application, name)
        data[name] = "" if value is None else str(value)
    for flag in ("consent_publish", "flagged"):
        if getattr(application, flag):
            data[flag] = "on"
    data.update({key: "" if value is None else str(value) for key, value in overrides.items()})
    return data


@pytest.fixture
def edit(admin_client, django_capture_on_commit_callbacks):
    def _edit(application, **overrides):
        with django_capture_on_commit_callbacks(execute=True):
            response = admin_client.post(
                f"/admin/fund_applications/edit/{application.pk}/", admin_data(application, **overrides)
            )
        application.refresh_from_db()
        return response

    return _edit


def test_admin_lists_applications(admin_client, pages):
    response = admin_client.get("/admin/fund_applications/")
    assert response.status_code == 200
    assert "Sommerfest im Luisenpark" in response.content.decode()
    assert admin_client.get("/admin/fund_applications/?status=settled").status_code == 200
    assert admin_client.get("/admin/fund_years/").status_code == 200


def test_each_application_row_opens_the_application(admin_client, pages):
    from bs4 import BeautifulSoup

    application = Application.objects.get(title="Sommerfest im Luisenpark")
    page = BeautifulSoup(admin_client.get("/admin/fund_applications/").content, "html.parser")
    (link,) = [a for a in page.select("table.listing tbody td a") if a.get_text(strip=True) == application.reference]
    assert link["href"] == f"/admin/fund_applications/edit/{application.pk}/"
    assert "Sommerfest im Luisenpark" in admin_client.get(link["href"]).content.decode()


def test_full_status_flow_logs_and_mails(edit, admin_user, admin_client, pages):
    application = make_application(requested_grant=Decimal("500"))
    year = application.year
    before = budget_for(year)
    steps = [
        ({"status": S.REVIEW}, "in Prüfung"),
        ({"status": S.COMMITTEE}, "beim Stadtteilgremium"),
        ({"status": S.APPROVED, "approved_amount": "450", "conditions": "Förderlogo zeigen"}, "450\xa0€"),
        ({"status": S.CARRIED_OUT}, "durchgeführt"),
        ({"status": S.PROOF}, "Nachweis eingereicht"),
        ({"status": S.SETTLED, "paid_amount": "420"}, "Wir haben 420\xa0€ ausgezahlt"),
    ]
    for number, (change, text) in enumerate(steps, start=1):
        response = edit(application, **change)
        assert response.status_code == 302, response.context["form"].errors
        assert application.status == change["status"]
        assert len(mail.outbox) == number
        assert text in mail.outbox[-1].body and application.reference in mail.outbox[-1].subject
        assert mail.outbox[-1].subject.startswith("Neues zu Ihrem Antrag an den Verfügungsfonds")
    history = list(application.status_changes.values_list("from_status", "to_status", "user"))
    assert history == [
        (S.RECEIVED, S.REVIEW, admin_user.pk),
        (S.REVIEW, S.COMMITTEE, admin_user.pk),
        (S.COMMITTEE, S.APPROVED, admin_user.pk),
        (S.APPROVED, S.CARRIED_OUT, admin_user.pk),
        (S.CARRIED_OUT, S.PROOF, admin_user.pk),
        (S.PROOF, S.SETTLED, admin_user.pk),
    ]
    after = budget_for(year)
    assert after["approved"] - before["approved"] == Decimal("450")
    assert after["paid"] - before["paid"] == Decimal("420")
    # The history with who and when is shown on the edit page.
    page = admin_client.get(f"/admin/fund_applications/edit/{application.pk}/").content.decode()
    assert "Statusverlauf" in page and "admin" in page


def test_saving_without_status_change_sends_nothing(edit, pages):
    application = make_application()
    assert edit(application, staff_notes="Rückfrage telefonisch").status_code == 302
    assert application.staff_notes == "Rückfrage telefonisch"
    assert mail.outbox == [] and not application.status_changes.exists()


def test_steps_cannot_be_skipped(edit, pages):
    application = make_application()
    response = edit(application, status=S.APPROVED, approved_amount="500")
    assert response.status_code == 200
    assert application.status == S.RECEIVED and mail.outbox == []


def test_approval_needs_amount_within_request(edit, pages):
    application = make_application(status=S.COMMITTEE)
    response = edit(application, status=S.APPROVED)
    assert "Bitte geben Sie den bewilligten Betrag ein." in response.content.decode()
    response = edit(application, status=S.APPROVED, approved_amount="600")
    assert "nicht höher sein als der beantragte Zuschuss" in response.content.decode()
    assert application.status == S.COMMITTEE


def test_rejection_needs_reason_and_mails_it(edit, pages):
    application = make_application(status=S.REVIEW, language="en")
    response = edit(application, status=S.REJECTED)
    assert "Bitte geben Sie den Grund der Ablehnung an" in response.content.decode()
    assert edit(application, status=S.REJECTED, rejection_reason="Not in the district.").status_code == 302
    body = mail.outbox[0].body
    assert "New status: rejected" in body and "Not in the district." in body


def test_paid_amount_not_above_approved(edit, pages):
    application = make_application(status=S.PROOF, approved_amount=Decimal("500"))
    response = edit(application, status=S.SETTLED, paid_amount="600")
    assert "nicht höher sein als der bewilligte Betrag" in response.content.decode()
    assert application.status == S.PROOF


def test_change_status_refuses_invalid_steps(db):
    application = make_application()
    with pytest.raises(ValueError):
        application.change_status(S.SETTLED)
    assert not application.status_changes.exists()


def test_settling_without_amount_pays_the_approved(db):
    application = make_application(status=S.PROOF, approved_amount=Decimal("300"))
    application.change_status(S.SETTLED)
    assert application.paid_amount == Decimal("300")


def test_budget_admin(admin_client, pages):
    response = admin_client.post("/admin/fund_years/new/", {"year": "2031", "budget": "12000"})
    assert response.status_code == 302
    assert FundYear.objects.get(year=2031).figures["remaining"] == Decimal("12000")
