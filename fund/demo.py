"""Demo content of the fund: the page in German and English, this year's budget, and a year of applications in
every status. Applications are data in the applicant's language, not translated content."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from fund.models import Application, FundPage, FundYear, StatusChange
from stadtteil.demo import EXAMPLE_NOTE_DE, Demo

BUDGET = Decimal("25000.00")

S = Application.Status
FLOW = {
    S.RECEIVED: [],
    S.REVIEW: [S.REVIEW],
    S.COMMITTEE: [S.REVIEW, S.COMMITTEE],
    S.APPROVED: [S.REVIEW, S.COMMITTEE, S.APPROVED],
    S.REJECTED: [S.REVIEW, S.REJECTED],
    S.CARRIED_OUT: [S.REVIEW, S.COMMITTEE, S.APPROVED, S.CARRIED_OUT],
    S.PROOF: [S.REVIEW, S.COMMITTEE, S.APPROVED, S.CARRIED_OUT, S.PROOF],
    S.SETTLED: [S.REVIEW, S.COMMITTEE, S.APPROVED, S.CARRIED_OUT, S.PROOF, S.SETTLED],
}

# title, applicant type, organisation, cost, grant, status, approved, paid, public, days ago, photo colour
APPLICATIONS = [
    (
        "Weihnachtsbeleuchtung für die Neue Mitte",
        "business",
        "Wir in Heeren-Werve",
        9000,
        4500,
        S.SETTLED,
        4500,
        4500,
        True,
        300,
        "#1f3a5f",
    ),
    (
        "Öffentlicher Bücherschrank am Luisenpark",
        "group",
        "Leseratten Heeren",
        3200,
        1600,
        S.SETTLED,
        1600,
        1500,
        True,
        280,
        "#5f3a1f",
    ),
    (
        "Blumenampeln in der Mittelstraße",
        "club",
        "Heimatverein Heeren-Werve e. V.",
        2400,
        1200,
        S.PROOF,
        1200,
        None,
        True,
        220,
        "#3a5f1f",
    ),
    (
        "Lebendiger Adventskalender",
        "group",
        "Nachbarschaft Rosenstraße",
        1000,
        500,
        S.CARRIED_OUT,
        500,
        None,
        True,
        150,
        None,
    ),
    ("Tauschregal im Stadtteilbüro", "person", "", 600, 300, S.APPROVED, 300, None, False, 90, None),
    (
        "Tag der offenen Tür der Vereine",
        "club",
        "Sportverein Heeren 1920 e. V.",
        4000,
        2000,
        S.COMMITTEE,
        None,
        None,
        True,
        40,
        None,
    ),
    (
        "Sommerfest im Luisenpark",
        "club",
        "Festausschuss Heeren-Werve e. V.",
        12000,
        6000,
        S.REVIEW,
        None,
        None,
        True,
        20,
        None,
    ),
    (
        "Graffiti-Workshop an der Bergstraße",
        "group",
        "Jugendtreff Werve",
        1800,
        900,
        S.RECEIVED,
        None,
        None,
        True,
        5,
        None,
    ),
    (
        "Werbeflyer für ein Geschäft",
        "business",
        "Musterladen Heeren",
        1000,
        500,
        S.REJECTED,
        None,
        None,
        False,
        120,
        None,
    ),
]


def load(demo: Demo):
    t = demo.t
    demo.translated_page(
        FundPage,
        ("verfuegungsfonds", "neighbourhood-fund"),
        ("Verfügungsfonds", "Neighbourhood fund"),
        show_in_menus=False,
        intro=(
            "<p>Sie haben eine Idee für Heeren-Werve? Der Verfügungsfonds übernimmt die Hälfte der Kosten kleiner "
            "Projekte von Bewohnerinnen und Bewohnern, Gruppen, Vereinen und Geschäften – bis zu 5.000 € je "
            "Projekt.</p>"
            "<ul><li>Sie stellen den Antrag online.</li><li>Das Stadtteilgremium entscheidet.</li>"
            "<li>Nach dem Projekt weisen Sie die Ausgaben mit Fotos und Rechnungen nach.</li></ul>",
            "<p>Do you have an idea for Heeren-Werve? The neighbourhood fund pays half the cost of small projects "
            "by residents, groups, clubs and shops – up to €5,000 per project.</p>"
            "<ul><li>You apply online.</li><li>The district committee decides.</li>"
            "<li>After the project, you prove the spending with photos and invoices.</li></ul>",
        ),
        note=True,
        search_description=t(
            "Zuschuss für Projekte im Stadtteil: Der Verfügungsfonds zahlt die Hälfte, bis zu 5.000 €.",
            "Grants for projects in the district: the neighbourhood fund pays half, up to €5,000.",
        ),
    )

    today = timezone.localdate()
    year = today.year
    FundYear.objects.get_or_create(year=year, defaults={"budget": BUDGET})
    FundYear.objects.get_or_create(year=year - 1, defaults={"budget": BUDGET})
    start_of_year = timezone.make_aware(timezone.datetime(year, 1, 2, 10))
    for number, row in enumerate(APPLICATIONS, start=1):
        title, kind, organisation, cost, grant, status, approved, paid, public, days_ago, colour = row
        if Application.objects.filter(title=title, year=year).exists():
            continue
        # Spread over the year so far; never before 2 January of this year (the funding year).
        created = max(start_of_year, timezone.now() - timedelta(days=days_ago * (today.timetuple().tm_yday / 366)))
        application = Application.objects.create(
            created_at=created,
            year=year,
            applicant_type=kind,
            name=f"Beispiel Person {number}",
            organisation=organisation,
            email=f"antrag{number}@example.org",
            title=title,
            description=f"{title}: ein Beispielprojekt für den Verfügungsfonds. {EXAMPLE_NOTE_DE}",
            goals="Mehr Begegnung und ein schöneres Ortsbild in Heeren-Werve.",
            address="Mittelstraße 14, 59174 Kamen",
            start_date=date(year, 3, 1),
            end_date=date(year, 12, 31),
            total_cost=Decimal(cost),
            own_contribution=Decimal(cost - grant),
            requested_grant=Decimal(grant),
            above_cap_reason="Großes Fest für den ganzen Stadtteil mit Bühne und Technik." if grant > 5000 else "",
            status=status,
            approved_amount=Decimal(approved) if approved else None,
            conditions="Förderhinweis auf allen Plakaten." if approved else "",
            rejection_reason="Werbung für ein einzelnes Geschäft kann nicht gefördert werden."
            if status == S.REJECTED
            else "",
            paid_amount=Decimal(paid) if paid else None,
            consent_publish=public,
            latitude=Decimal("51.5870") + Decimal(number) / 2000,
            longitude=Decimal("7.7010") + Decimal(number) / 1000,
            photo=demo.image(title, "Verfügungsfonds", colour=colour, size=(800, 450)) if colour else None,
        )
        steps = [S.RECEIVED, *FLOW[status]]
        for index, step in enumerate(steps):
            StatusChange.objects.create(
                application=application,
                from_status=steps[index - 1] if index else "",
                to_status=step,
                user=demo.user if index else None,
                at=created + timedelta(days=7 * index),
            )
    demo.log(f"  fund: {Application.objects.filter(year=year).count()} applications in {year}")
