import csv
import io
from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from fund import links
from fund.models import Application, Attachment
from fund.purge import due, purge
from tests.fund.conftest import PDF, make_application, status_path

S = Application.Status


def finished(status, days_ago, **fields):
    application = make_application(status=status, **fields)
    application.status_changes.create(to_status=status, at=timezone.now() - timedelta(days=days_ago))
    return application


def test_purge_after_retention(client, pages, settings):
    settings.FUND_RETENTION = timedelta(days=365)
    old = finished(S.SETTLED, 400, approved_amount=Decimal("500"), paid_amount=Decimal("500"), title="Alt")
    Attachment.objects.create(application=old, file=SimpleUploadedFile("r.pdf", PDF), original_name="r.pdf")
    stored = old.attachments.get().file
    recent = finished(S.REJECTED, 100, title="Neu")
    running = finished(S.APPROVED, 900, approved_amount=Decimal("500"), title="Läuft")
    path = status_path(links.status_url(old))
    assert purge() == 1
    old.refresh_from_db()
    assert old.name == "" and old.email == "" and old.phone == "" and old.purged_at
    assert not old.attachments.exists() and not stored.storage.exists(stored.name)
    # Amounts and title stay for the funding report; the others keep everything.
    assert old.paid_amount == Decimal("500") and old.title == "Alt"
    for other in (recent, running):
        other.refresh_from_db()
        assert other.email == "max@example.org" and other.purged_at is None
    assert client.get(path).status_code == 404
    assert purge() == 0  # idempotent


def test_purge_command(pages, settings):
    settings.FUND_RETENTION = timedelta(days=1)
    application = finished(S.REJECTED, 10)
    expected = due().count()
    out = io.StringIO()
    call_command("purge_fund_applications", stdout=out)
    assert f"from {expected} application" in out.getvalue()
    application.refresh_from_db()
    assert application.purged_at is not None


def content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_csv_export(admin_client, pages):
    response = admin_client.get("/admin/fund_applications/?export=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(content(response).decode("utf-8-sig"))))
    titles = {row[next(key for key in row if "titel" in key.lower() or "title" in key.lower())] for row in rows}
    assert "Weihnachtsbeleuchtung für die Neue Mitte" in titles
    assert len(rows) == Application.objects.count()
    assert not any("@" in value for row in rows for value in row.values())  # no contact data in the report


def test_xlsx_export(admin_client, pages):
    response = admin_client.get("/admin/fund_applications/?export=xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(content(response))).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "Blumenampeln in der Mittelstraße" in values


def test_sums_per_year_export(admin_client, pages):
    year = str(timezone.localdate().year)
    response = admin_client.get("/admin/fund_years/?export=csv")
    rows = list(csv.reader(io.StringIO(content(response).decode("utf-8-sig"))))
    row = next(row for row in rows if row[0] == year)
    assert [Decimal(value) for value in row[1:]] == [
        Decimal("25000"),
        Decimal("8100"),
        Decimal("6000"),
        Decimal("16900"),
    ]
