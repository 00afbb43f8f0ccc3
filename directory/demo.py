"""Demo content of the district directory ("Schätze im Dorf"): the page and 20 entries, German and English.
The names and details are invented examples."""

from datetime import time
from decimal import Decimal

from wagtail.rich_text import RichText

from directory.models import DirectoryEntry, DirectoryPage
from stadtteil.demo import Demo

DAYS = {"Mo": 0, "Di": 1, "Mi": 2, "Do": 3, "Fr": 4, "Sa": 5, "So": 6}

# name (de, en), category, description (de, en), street, phone, step-free, opening hours
ENTRIES = [
    (
        ("Bäckerei Sonnenkorn", "Sonnenkorn bakery"),
        "shop",
        ("Brot und Brötchen aus eigener Backstube.", "Bread and rolls from our own bakehouse."),
        "Mittelstraße 3",
        "02307 100001",
        True,
        "Mo-Sa 06:00-13:00; So 07:00-11:00",
    ),
    (
        ("Blumen Werve", "Werve flowers"),
        "shop",
        ("Sträuße, Pflanzen und Grabschmuck.", "Bouquets, plants and grave decorations."),
        "Mittelstraße 21",
        "02307 100002",
        True,
        "Mo-Fr 09:00-18:00; Sa 09:00-13:00",
    ),
    (
        ("Buchladen am Markt", "Bookshop on the market"),
        "shop",
        ("Bücher, Zeitschriften und Bestellservice.", "Books, magazines and an ordering service."),
        "Märkische Straße 10",
        "02307 100003",
        False,
        "Di-Fr 10:00-18:00; Sa 10:00-14:00",
    ),
    (
        ("Fahrradwerkstatt Kette", "Kette bicycle workshop"),
        "service",
        ("Reparatur und Verkauf von Fahrrädern.", "Bicycle repairs and sales."),
        "Bergstraße 5",
        "02307 100004",
        True,
        "Mo-Fr 10:00-18:00",
    ),
    (
        ("Friseursalon Schnittpunkt", "Schnittpunkt hairdresser"),
        "service",
        ("Haarschnitte für die ganze Familie.", "Haircuts for the whole family."),
        "Heerener Straße 44",
        "02307 100005",
        True,
        "Di-Fr 09:00-18:00; Sa 08:00-13:00",
    ),
    (
        ("Apotheke Heeren", "Heeren pharmacy"),
        "service",
        ("Arzneimittel, Beratung und Botendienst.", "Medicines, advice and delivery."),
        "Heerener Straße 60",
        "02307 100006",
        True,
        "Mo-Fr 08:00-18:30; Sa 08:30-13:00",
    ),
    (
        ("Versicherungsbüro Lenz", "Lenz insurance office"),
        "service",
        ("Beratung zu Versicherungen und Vorsorge.", "Advice on insurance and pensions."),
        "Rosenstraße 2",
        "02307 100007",
        False,
        "Mo-Do 09:00-17:00; Fr 09:00-13:00",
    ),
    (
        ("Café Seseke", "Café Seseke"),
        "restaurant",
        ("Kaffee, Kuchen und Frühstück am Fluss.", "Coffee, cake and breakfast by the river."),
        "Seseke-Weg 2",
        "02307 100008",
        True,
        "Mi-So 09:00-18:00",
    ),
    (
        ("Gaststätte Zur Zeche", "Zur Zeche inn"),
        "restaurant",
        ("Traditionelle Küche im alten Bergmannshaus.", "Traditional food in an old miner's house."),
        "Zechenstraße 7",
        "02307 100009",
        False,
        "Di-Sa 17:00-01:00; So 11:00-15:00",
    ),
    (
        ("Pizzeria Luisenpark", "Luisenpark pizzeria"),
        "restaurant",
        ("Pizza und Pasta, auch zum Mitnehmen.", "Pizza and pasta, also to take away."),
        "Luisenstraße 12",
        "02307 100010",
        True,
        "Mo-So 11:30-22:00",
    ),
    (
        ("Kiosk Nachtlicht", "Nachtlicht kiosk"),
        "shop",
        ("Getränke, Zeitungen und Snacks bis spät.", "Drinks, newspapers and snacks until late."),
        "Bahnhofstraße 1",
        "02307 100011",
        True,
        "Mo-Sa 18:00-02:00",
    ),
    (
        ("Sportverein Heeren 1920 e. V.", "Heeren 1920 sports club"),
        "club",
        ("Fußball, Turnen und Gesundheitssport.", "Football, gymnastics and health sport."),
        "Bergstraße 30",
        "02307 100012",
        True,
        "",
    ),
    (
        ("Heimatverein Heeren-Werve e. V.", "Heeren-Werve local history society"),
        "club",
        ("Geschichte des Stadtteils und Führungen.", "History of the district and guided walks."),
        "Mittelstraße 14",
        "02307 100013",
        False,
        "",
    ),
    (
        ("Chor Glück auf", "Glück auf choir"),
        "club",
        ("Gemischter Chor, Proben donnerstags.", "Mixed choir, rehearsals on Thursdays."),
        "Kirchstraße 4",
        "",
        False,
        "",
    ),
    (
        ("Werbegemeinschaft Wir in Heeren-Werve", "Wir in Heeren-Werve traders' association"),
        "club",
        ("Rund 50 Geschäfte, die den Stadtteil beleben.", "About 50 businesses that bring the district to life."),
        "Mittelstraße 14",
        "02307 100015",
        True,
        "",
    ),
    (
        ("Evangelische Kirchengemeinde Heeren-Werve", "Protestant parish Heeren-Werve"),
        "church",
        ("Gottesdienste, Jugendarbeit und Seniorenkreis.", "Services, youth work and a seniors' group."),
        "Kirchstraße 1",
        "02307 100016",
        True,
        "So 10:00-12:00",
    ),
    (
        ("Katholische Gemeinde St. Barbara", "Catholic parish of St Barbara"),
        "church",
        ("Messen und Gemeindeleben.", "Masses and parish life."),
        "Barbarastraße 3",
        "02307 100017",
        True,
        "Sa 18:00-19:00; So 09:30-11:00",
    ),
    (
        ("Stadtteilbüro Heeren-Werve", "District office Heeren-Werve"),
        "institution",
        ("Beratung und Beteiligung im Stadtteil.", "Advice and participation in the district."),
        "Mittelstraße 14",
        "02307 100018",
        True,
        "Di 10:00-12:00; Mi 15:00-18:00",
    ),
    (
        ("Stadtteilbibliothek", "District library"),
        "institution",
        ("Bücher, Medien und Lesungen für alle.", "Books, media and readings for everyone."),
        "Schulstraße 8",
        "02307 100019",
        True,
        "Di-Fr 10:00-17:00; Sa 10:00-13:00",
    ),
    (
        ("Grundschule Heeren-Werve", "Heeren-Werve primary school"),
        "institution",
        ("Offene Ganztagsgrundschule.", "Primary school with afternoon care."),
        "Schulstraße 12",
        "02307 100020",
        True,
        "Mo-Fr 07:30-16:00",
    ),
]


def periods(spec):
    """'Mo-Fr 09:00-18:00; Sa 09:00-13:00' -> StreamField data."""
    blocks = []
    for part in filter(None, (p.strip() for p in spec.split(";"))):
        days, hours = part.split(" ")
        first, _, last = days.partition("-")
        opens, closes = hours.split("-")
        for day in range(DAYS[first], DAYS[last or first] + 1):
            blocks.append(
                (
                    "period",
                    {"weekday": str(day), "opens": time.fromisoformat(opens), "closes": time.fromisoformat(closes)},
                )
            )
    return blocks


def load(demo: Demo):
    t = demo.t
    page = demo.translated_page(
        DirectoryPage,
        ("schaetze-im-dorf", "directory"),
        ("Schätze im Dorf", "Treasures of the village"),
        show_in_menus=True,
        intro=(
            "<p>Geschäfte, Dienstleistungen, Gastronomie, Vereine, Kirchen und Einrichtungen in Heeren-Werve.</p>",
            "<p>Shops, services, restaurants, clubs, churches and institutions in Heeren-Werve.</p>",
        ),
        note=True,
        search_description=t(
            "Das Verzeichnis der Geschäfte, Vereine und Einrichtungen in Heeren-Werve.",
            "The directory of shops, clubs and institutions in Heeren-Werve.",
        ),
    )
    for number, (name, category, description, street, phone, step_free, hours) in enumerate(ENTRIES):
        # Both notes: an editor may have changed whether an existing entry is step-free.
        step_free_note = t("Stufenloser Zugang.", "Step-free entrance.")
        step_note = t("Eine Stufe am Eingang.", "One step at the entrance.")
        demo.translated_snippet(
            DirectoryEntry,
            "name",
            name=t(*name),
            category=category,
            description=t(*description),
            street=street,
            phone=phone,
            step_free=step_free,
            accessibility_notes=step_free_note if step_free else step_note,
            latitude=Decimal("51.5880") + Decimal(number % 5) / 1000,
            longitude=Decimal("7.7050") + Decimal(number // 5) / 1000,
            opening_hours=periods(hours),
        )
    _link_from_announcement(demo, page)
    demo.log(f"  directory: {DirectoryEntry.objects.filter(locale=demo.de).count()} entries")


def _link_from_announcement(demo: Demo, page):
    """The news item that announces the directory links to it (a page link: the English item links to the
    English directory). Added once; the English translation is synced as an editor would."""
    from news.models import NewsPage

    news = NewsPage.objects.filter(locale=demo.de, slug="schaetze-im-dorf").first()
    if news is None:
        return
    link = demo.t(
        f'<p>Alle Einträge finden Sie auch hier auf der Website: <a linktype="page" id="{page.pk}">Schätze im '
        "Dorf</a>, mit Öffnungszeiten und Angaben zur Barrierefreiheit.</p>",
        f'<p>You can also find every entry here on the website: <a linktype="page" id="{page.pk}">Treasures of '
        "the village</a>, with opening hours and accessibility information.</p>",
    )
    if any(f'id="{page.pk}"' in str(block.value.source) for block in news.body if block.block_type == "paragraph"):
        return
    news.body.insert(1, ("paragraph", RichText(link)))  # after the text, before the example note
    news.save_revision(user=demo.user, log_action=True).publish(user=demo.user)
    demo.sync(news)
