from decimal import Decimal

from django.utils import timezone

from fund.models import Application, FundYear, budget_for
from tests.fund.conftest import make_application

S = Application.Status


def this_year():
    return timezone.localdate().year


def test_demo_budget_is_consistent(db):
    budget = budget_for(this_year())
    # Demo: approved 4500 + 1600 + 1200 + 500 + 300; settled paid 4500 + 1500.
    assert budget["total"] == Decimal("25000.00")
    assert budget["approved"] == Decimal("8100.00")
    assert budget["paid"] == Decimal("6000.00")
    assert budget["remaining"] == Decimal("16900.00")


def test_only_decided_applications_count(db):
    year = this_year()
    before = budget_for(year)
    make_application(year=year, status=S.RECEIVED, approved_amount=999)  # not decided: never counted
    make_application(year=year, status=S.REJECTED, approved_amount=999)
    make_application(year=year, status=S.APPROVED, approved_amount=Decimal("700"))
    make_application(year=year, status=S.SETTLED, approved_amount=Decimal("400"), paid_amount=Decimal("350"))
    make_application(year=year - 3, status=S.SETTLED, approved_amount=Decimal("400"), paid_amount=Decimal("400"))
    after = budget_for(year)
    assert after["approved"] - before["approved"] == Decimal("1100")
    assert after["paid"] - before["paid"] == Decimal("350")
    assert after["remaining"] == before["remaining"] - Decimal("1100")


def test_year_without_budget_is_zero(db):
    assert budget_for(1999) == {
        "year": 1999,
        "total": 0,
        "approved": 0,
        "paid": 0,
        "remaining": 0,
    }


def test_page_shows_live_budget_in_both_languages(client, pages):
    FundYear.objects.filter(year=this_year()).update(budget=Decimal("30000"))
    german = client.get(pages["de"].url).content.decode()
    assert "Noch verfügbar" in german
    assert "30.000\xa0€" in german and "8.100\xa0€" in german and "21.900\xa0€" in german
    english = client.get(pages["en"].url).content.decode()
    assert "Still available" in english
    assert "€30,000" in english and "€21,900" in english


def test_new_approval_changes_page(client, pages):
    make_application(year=this_year(), status=S.APPROVED, approved_amount=Decimal("900"))
    assert "16.000\xa0€" in client.get(pages["de"].url).content.decode()
