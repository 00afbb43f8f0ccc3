"""Demo content of the news app: categories, news from 2016 to today, venues and past and upcoming events.

Event dates are relative to the day the demo is loaded, so there are always upcoming events to show.
"""

import datetime

from django.utils import timezone

from news.models import (
    EventIndexPage,
    EventPage,
    EventPageMeasure,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageCategory,
    NewsPageFieldOfAction,
    NewsPageMeasure,
    Venue,
)
from projects.demo import FIELDS
from projects.models import FieldOfAction, ProjectPage
from stadtteil.demo import Demo

MONTHS = [
    ("Januar", "January"),
    ("Februar", "February"),
    ("März", "March"),
    ("April", "April"),
    ("Mai", "May"),
    ("Juni", "June"),
    ("Juli", "July"),
    ("August", "August"),
    ("September", "September"),
    ("Oktober", "October"),
    ("November", "November"),
    ("Dezember", "December"),
]

CATEGORIES = {
    "bauen": ("Bauen und Gestalten", "Building and design", "construction"),
    "beteiligung": ("Beteiligung", "Participation", "participation"),
    "verfuegungsfonds": ("Verfügungsfonds", "Neighbourhood fund", "neighbourhood-fund"),
    "stadtteilleben": ("Stadtteilleben", "Community life", "community-life"),
    "stadtteilbuero": ("Stadtteilbüro", "District office", "district-office"),
}

# (date, German slug, English slug, categories, German title, English title, German teaser, English teaser,
#  German paragraph, English paragraph, image text or None)
NEWS = [
    (
        datetime.date(2016, 3, 15),
        "heeren-werve-im-foerderprogramm",
        "heeren-werve-joins-funding-programme",
        ["bauen"],
        "Heeren-Werve im Förderprogramm „Aktive Stadt- und Ortsteilzentren“",
        "Heeren-Werve joins the programme “Active town and district centres”",
        "Bund und Land fördern ab diesem Jahr die Maßnahmen des Integrierten Handlungskonzepts.",
        "From this year on, the federal government and the state fund the measures of the integrated action plan.",
        "Das Integrierte Handlungskonzept wurde 2015 gemeinsam mit den Bewohnerinnen und Bewohnern erarbeitet. Nun ist der Stadtteil in das Städtebauförderprogramm aufgenommen worden.",
        "The integrated action plan was drawn up with the residents in 2015. Now the district has been accepted into the urban development funding programme.",
        "Förderung für Heeren-Werve",
    ),
    (
        datetime.date(2017, 5, 2),
        "stadtteilbuero-eroeffnet",
        "district-office-opens",
        ["stadtteilbuero"],
        "Das Stadtteilbüro in der Mittelstraße 14 ist eröffnet",
        "The district office at Mittelstraße 14 has opened",
        "Das Stadtteilmanagement hat sein Büro bezogen und lädt dienstags und mittwochs zur Sprechstunde ein.",
        "The district management has moved into its office and holds office hours on Tuesdays and Wednesdays.",
        "Im Stadtteilbüro gibt es Auskunft zu allen Maßnahmen, zum Verfügungsfonds und zu den Terminen im Stadtteil. Kommen Sie einfach vorbei.",
        "At the district office you can find out about all measures, the neighbourhood fund and the events in the district. Just drop in.",
        None,
    ),
    (
        datetime.date(2017, 10, 10),
        "wettbewerb-neue-mitte",
        "neue-mitte-design-competition",
        ["bauen", "beteiligung"],
        "Wettbewerb für die Neue Mitte entschieden",
        "Design competition for the Neue Mitte decided",
        "15 Landschaftsarchitekturbüros haben Entwürfe für den Platz an der Märkischen Straße eingereicht.",
        "15 landscape architecture offices submitted designs for the square at Märkische Straße.",
        "Die Jury hat einen Siegerentwurf gewählt, der beide Ufer miteinander verbindet. Alle Entwürfe waren zwei Wochen lang im Stadtteil ausgestellt.",
        "The jury chose a winning design that connects both banks. All designs were on show in the district for two weeks.",
        "Wettbewerb Neue Mitte",
    ),
    (
        datetime.date(2018, 6, 20),
        "verfuegungsfonds-startet",
        "neighbourhood-fund-starts",
        ["verfuegungsfonds"],
        "Verfügungsfonds: Ideen aus dem Stadtteil werden gefördert",
        "Neighbourhood fund: ideas from the district receive grants",
        "Bewohnerinnen, Gruppen, Vereine und Geschäfte können einen Zuschuss von 50 Prozent beantragen.",
        "Residents, groups, clubs and shops can apply for a grant of 50 per cent.",
        "Gefördert werden bis zu 5.000 Euro je Projekt. Über die Anträge entscheidet das Stadtteilgremium; nach dem Abschluss weisen die Antragstellenden die Ausgaben mit Fotos und Rechnungen nach.",
        "Grants of up to 5,000 euros per project are possible. The district committee decides on the applications; after completion the applicants prove the spending with photos and invoices.",
        None,
    ),
    (
        datetime.date(2019, 4, 12),
        "luisenpark-umgestaltet",
        "luisenpark-redesigned",
        ["bauen"],
        "Der Luisenpark ist neu gestaltet",
        "Luisenpark has been redesigned",
        "Neue Wege, Bänke und Beete: Der Luisenpark lädt wieder zum Verweilen ein.",
        "New paths, benches and flower beds: Luisenpark invites you to linger again.",
        "Die Wege sind nun breiter und ohne Stufen erreichbar. Die Pflanzungen wurden mit Anregungen aus dem Stadtteil ausgewählt.",
        "The paths are now wider and can be reached without steps. The plants were chosen with suggestions from the district.",
        "Luisenpark",
    ),
    (
        datetime.date(2020, 11, 30),
        "weihnachtsbeleuchtung-im-ortskern",
        "christmas-lights-in-the-centre",
        ["verfuegungsfonds", "stadtteilleben"],
        "Weihnachtsbeleuchtung im Ortskern",
        "Christmas lights in the centre",
        "Mit Mitteln aus dem Verfügungsfonds leuchtet der Ortskern in der Adventszeit.",
        "With money from the neighbourhood fund, the centre is lit up during Advent.",
        "Die Werbegemeinschaft „Wir in Heeren-Werve“ hat die Beleuchtung beantragt und die Hälfte der Kosten selbst getragen.",
        "The traders' association “Wir in Heeren-Werve” applied for the lights and paid half of the costs itself.",
        None,
    ),
    (
        datetime.date(2021, 7, 8),
        "oeffentlicher-buecherschrank",
        "public-bookcase",
        ["verfuegungsfonds", "stadtteilleben"],
        "Ein öffentlicher Bücherschrank für Heeren-Werve",
        "A public bookcase for Heeren-Werve",
        "Bücher bringen, Bücher mitnehmen: Der neue Bücherschrank steht allen offen.",
        "Bring books, take books: the new public bookcase is open to everyone.",
        "Ehrenamtliche kümmern sich um den Schrank. Der Verfügungsfonds hat die Hälfte der Anschaffung übernommen.",
        "Volunteers look after the bookcase. The neighbourhood fund paid half of the purchase.",
        None,
    ),
    (
        datetime.date(2022, 9, 1),
        "neue-mitte-fertiggestellt",
        "neue-mitte-completed",
        ["bauen"],
        "Die Neue Mitte ist fertig",
        "The Neue Mitte is completed",
        "Der neue Platz an der Märkischen Straße verbindet die beiden Ufer und ist ein Treffpunkt für alle.",
        "The new square at Märkische Straße connects the two banks and is a meeting place for everyone.",
        "Mit einem Fest wurde der Platz eingeweiht. Sitzstufen, Bäume und ein Wasserspiel laden zum Aufenthalt ein.",
        "The square was opened with a festival. Seating steps, trees and a water feature invite people to stay.",
        "Neue Mitte eingeweiht",
    ),
    (
        datetime.date(2023, 5, 16),
        "bewegungspark-bergstrasse",
        "exercise-park-bergstrasse",
        ["bauen"],
        "Sport- und Bewegungspark: zweiter Bauabschnitt abgeschlossen",
        "Sport and exercise park: second construction phase completed",
        "Am Sport- und Bewegungspark an der Bergstraße sind die ersten beiden von vier Bauabschnitten fertig.",
        "At the sport and exercise park at Bergstraße, the first two of four construction phases are completed.",
        "In den Bauabschnitten drei und vier folgen weitere Bewegungsangebote und ein Baumlehrpfad.",
        "Construction phases three and four will add more exercise equipment and a tree trail.",
        None,
    ),
    (
        datetime.date(2024, 3, 5),
        "schaetze-im-dorf",
        "treasures-of-the-village",
        ["beteiligung", "stadtteilleben"],
        "„Schätze im Dorf“: das Verzeichnis der Angebote im Stadtteil",
        "“Schätze im Dorf”: the directory of what the district offers",
        "Die neue Broschüre aus dem Zukunftsdialog soziale Infrastruktur stellt Geschäfte, Dienste und Vereine vor.",
        "The new brochure from the future dialogue on social infrastructure presents shops, services and clubs.",
        "Die Broschüre liegt in Geschäften und Arztpraxen aus. Fehlt ein Angebot? Schreiben Sie uns.",
        "The brochure is available in shops and doctors' surgeries. Is something missing? Write to us.",
        None,
    ),
    (
        datetime.date(2024, 12, 17),
        "stadtteilbuero-sagt-danke",
        "district-office-says-thank-you",
        ["stadtteilbuero"],
        "Das Stadtteilbüro sagt Danke",
        "The district office says thank you",
        "Nach acht Jahren endet das Stadtteilmanagement. Die Netzwerke im Stadtteil arbeiten weiter.",
        "After eight years the district management comes to an end. The networks in the district carry on.",
        "Von 2017 bis 2024 war das Stadtteilbüro Anlaufstelle für viele Fragen und Ideen. Ansprechpartnerin ist nun die Stadtverwaltung.",
        "From 2017 to 2024 the district office was the first port of call for many questions and ideas. The town administration is now your contact.",
        None,
    ),
    (
        datetime.date(2025, 6, 10),
        "blumenampeln",
        "flower-baskets",
        ["verfuegungsfonds", "stadtteilleben"],
        "Blumenampeln schmücken die Hauptstraßen",
        "Flower baskets brighten the main streets",
        "Geschäftsleute und Nachbarschaften haben Blumenampeln aufgehängt, gefördert vom Verfügungsfonds.",
        "Traders and neighbours have put up flower baskets with a grant from the neighbourhood fund.",
        "Die Pflege übernehmen Patinnen und Paten aus der Nachbarschaft.",
        "Sponsors from the neighbourhood take care of the plants.",
        None,
    ),
    (
        datetime.date(2026, 10, 20),
        "spielplatz-rosenstrasse-planung",
        "rosenstrasse-playground-planning",
        ["bauen", "beteiligung"],
        "Spielplatz Rosenstraße: Kinder planen mit",
        "Rosenstrasse playground: children help with the plans",
        "Für den neuen Spielplatz an der Rosenstraße sammeln wir Ideen von Kindern und Eltern.",
        "We are collecting ideas from children and parents for the new playground at Rosenstraße.",
        "Bei einer Planungswerkstatt konnten Kinder ihre Wünsche malen und basteln. Die Ergebnisse fließen in den Entwurf ein.",
        "At a planning workshop children drew and built models of their wishes. The results will shape the design.",
        "Spielplatz Rosenstraße",
    ),
    (
        datetime.date(2026, 11, 12),
        "lebendiger-adventskalender-2026",
        "living-advent-calendar-2026",
        ["stadtteilleben"],
        "Lebendiger Adventskalender 2026: Türen gesucht",
        "Living advent calendar 2026: doors wanted",
        "Wer öffnet in diesem Jahr ein Fenster oder eine Tür? Noch sind Abende im Dezember frei.",
        "Who will open a window or a door this year? Some evenings in December are still free.",
        "Beim Lebendigen Adventskalender öffnet jeden Abend eine andere Familie, ein Verein oder ein Geschäft seine Tür für eine halbe Stunde mit Liedern, Geschichten und Tee.",
        "In the living advent calendar a different family, club or shop opens its door every evening for half an hour with songs, stories and tea.",
        None,
    ),
]


# German news slug -> (German measure slugs from projects/demo.py, field-of-action keys from projects.demo.FIELDS)
NEWS_LINKS = {
    "heeren-werve-im-foerderprogramm": ([], ["identitaet"]),
    "stadtteilbuero-eroeffnet": (["stadtteilbuero"], []),
    "wettbewerb-neue-mitte": (["neue-mitte"], ["raum", "stadtgestalt"]),
    "verfuegungsfonds-startet": (["verfuegungsfonds"], ["identitaet"]),
    "luisenpark-umgestaltet": (["luisenpark"], ["gruen"]),
    "weihnachtsbeleuchtung-im-ortskern": (["verfuegungsfonds"], ["handel"]),
    "oeffentlicher-buecherschrank": (["verfuegungsfonds"], []),
    "neue-mitte-fertiggestellt": (["neue-mitte"], ["raum"]),
    "bewegungspark-bergstrasse": (["bewegungspark-bergstrasse-1-2", "bewegungspark-bergstrasse-3-4"], ["gruen"]),
    "schaetze-im-dorf": (["zukunftsdialog"], ["handel", "bildung"]),
    "stadtteilbuero-sagt-danke": (["stadtteilbuero"], []),
    "blumenampeln": (["verfuegungsfonds"], ["stadtgestalt"]),
    "spielplatz-rosenstrasse-planung": (["spielplatz-rosenstrasse"], []),
}
# German event slug (or its prefix, for the dated ones) -> German measure slugs
EVENT_LINKS = {
    "lebendiger-adventskalender-": ["neue-mitte"],
    "infoabend-spielplatz-rosenstrasse": ["spielplatz-rosenstrasse"],
    "spaziergang-bewegungspark": ["bewegungspark-bergstrasse-3-4"],
}


class _Links:
    """The German measures and fields of action the demo links to, looked up once (absent ones are skipped)."""

    def __init__(self, demo):
        slugs = {slug for measures, _fields in NEWS_LINKS.values() for slug in measures}
        slugs |= {slug for measures in EVENT_LINKS.values() for slug in measures}
        self.measures = {m.slug: m for m in ProjectPage.objects.filter(locale=demo.de, slug__in=slugs)}
        names = {entry[0]: entry[1] for entry in FIELDS}
        by_name = {f.name: f for f in FieldOfAction.objects.filter(locale=demo.de, name__in=names.values())}
        self.fields = {key: by_name[name] for key, name in names.items() if name in by_name}

    def news(self, slug):
        measures, fields = NEWS_LINKS.get(slug, ([], []))
        return {
            "measure_links": [NewsPageMeasure(measure=self.measures[s]) for s in measures if s in self.measures],
            "field_links": [NewsPageFieldOfAction(field=self.fields[k]) for k in fields if k in self.fields],
        }

    def event(self, slug):
        measures = next((m for prefix, m in EVENT_LINKS.items() if slug.startswith(prefix)), [])
        return {"measure_links": [EventPageMeasure(measure=self.measures[s]) for s in measures if s in self.measures]}


def load(demo: Demo):
    categories = _categories(demo)
    links = _Links(demo)
    news_index = _news(demo, categories, links)
    venues = _venues(demo)
    event_index = _events(demo, venues, links)
    # Parents before children: a translated page needs its translated parent.
    for index_page in (news_index, event_index):
        for child in index_page.get_children().specific():
            demo.translate(child)


def _categories(demo: Demo):
    categories = {}
    for slug, (name_de, name_en, slug_en) in CATEGORIES.items():
        categories[slug] = demo.translated_snippet(
            NewsCategory, "slug", slug=demo.t(slug, slug_en), name=demo.t(name_de, name_en)
        )
    return categories


def _news(demo: Demo, categories, links):
    t = demo.t
    index = demo.translated_page(
        NewsIndexPage,
        ("aktuelles", "news"),
        ("Aktuelles", "News"),
        show_in_menus=True,
        intro=(
            "Neuigkeiten aus dem Stadtteilprojekt: Baustellen, Beteiligung, geförderte Ideen und Leben im Stadtteil.",
            "News from the district project: construction, participation, funded ideas and life in the district.",
        ),
    )
    for number, item in enumerate(NEWS):
        date, slug, slug_en, cats, title, title_en, teaser, teaser_en, text, text_en, image_text = item
        t(slug, slug_en)
        extra = {}
        if image_text:
            extra["image"] = demo.image(
                f"Aktuelles: {image_text}", image_text, colour=("#1f5f3a", "#2d4f7c")[number % 2]
            )
            extra["image_alt"] = t(
                f"Illustration mit Häusern und dem Schriftzug „{image_text}“",
                f"Illustration with houses and the words “{image_text}”",
            )
        if number % 4 == 1:
            extra["contact_name"] = "Stadtteilprojekt Heeren-Werve"
            extra["contact_role"] = t("Stadt Kamen, Planung und Bauen", "Town of Kamen, planning and building")
            extra["contact_email"] = "stadtteilprojekt@example.org"
            extra["contact_phone"] = "02307 148-0"
        demo.page(
            index,
            NewsPage,
            slug,
            title=t(title, title_en),
            date=date,
            teaser=t(teaser, teaser_en),
            body=[("paragraph", t(f"<p>{text}</p>", f"<p>{text_en}</p>")), demo.note()],
            category_links=[NewsPageCategory(category=categories[c]) for c in cats],
            **links.news(slug),
            **extra,
        )
    return index


def _venues(demo: Demo):
    t = demo.t
    specs = {
        "mitte": {
            "name": t("Neue Mitte (Platz an der Märkischen Straße)", "Neue Mitte (square at Märkische Straße)"),
            "street": "Märkische Straße",
            "postcode": "59174",
            "accessibility_notes": t(
                "Ebener, gepflasterter Platz ohne Stufen. Sitzgelegenheiten vorhanden. Keine öffentliche Toilette.",
                "Level paved square without steps. Seating available. No public toilet.",
            ),
        },
        "saal": {
            "name": t("Bürgersaal Heeren-Werve (Beispielort)", "Heeren-Werve community hall (example venue)"),
            "street": "Mittelstraße 14",
            "postcode": "59174",
            "accessibility_notes": t(
                "Stufenloser Eingang, Türbreite 90 cm, barrierefreie Toilette im Erdgeschoss. Eine mobile Höranlage kann vorab bestellt werden.",
                "Step-free entrance, door width 90 cm, accessible toilet on the ground floor. A mobile hearing loop can be booked in advance.",
            ),
        },
        "park": {
            "name": t("Sport- und Bewegungspark Bergstraße", "Sport and exercise park at Bergstraße"),
            "street": "Bergstraße",
            "postcode": "59174",
            "accessibility_notes": t(
                "Befestigte Wege mit leichter Steigung; ein Teil der Geräte ist mit dem Rollstuhl nutzbar.",
                "Paved paths with a gentle slope; some of the equipment can be used from a wheelchair.",
            ),
        },
    }
    venues = {}
    for key, fields in specs.items():
        venues[key] = demo.translated_snippet(Venue, "name", **fields)
    return venues


def _event(demo, links, index, slug, **fields):
    return demo.page(index, EventPage, slug, **links.event(slug), **fields)


def _at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _first_wednesday(year, month):
    day = datetime.date(year, month, 1)
    return day + datetime.timedelta(days=(2 - day.weekday()) % 7)


def _events(demo: Demo, venues, links):
    t = demo.t
    index = demo.translated_page(
        EventIndexPage,
        ("termine", "events"),
        ("Termine", "Events"),
        show_in_menus=True,
        intro=(
            "Treffen, Feste und Informationsabende im Stadtteil. Alle Termine gibt es auch als Kalender zum Abonnieren.",
            "Meetings, festivals and information evenings in the district. All events are also available as a calendar to subscribe to.",
        ),
    )
    today = timezone.localdate()
    organiser_rud = t(
        "Netzwerk „Rund ums Dorf – zusammen für Heeren-Werve“", "Network “Rund ums Dorf – together for Heeren-Werve”"
    )
    body_rud = t(
        "<p>Einmal im Monat treffen sich Vereine, Geschäfte, Kirchengemeinden und alle Interessierten, um gemeinsame Aktionen im Stadtteil zu planen. Neue Gesichter sind herzlich willkommen.</p>",
        "<p>Once a month clubs, shops, parishes and everyone who is interested meet to plan joint activities in the district. New faces are very welcome.</p>",
    )
    teaser_rud = t(
        "Das monatliche Treffen des Netzwerks im Stadtteil: Ideen austauschen, Aktionen planen.",
        "The monthly meeting of the district network: share ideas, plan activities.",
    )
    # Monthly meetings on the first Wednesday: two past months and three to come.
    month_start = today.replace(day=1)
    for offset in range(-2, 3):
        index_month = month_start.month - 1 + offset
        year, month = month_start.year + index_month // 12, index_month % 12 + 1
        day = _first_wednesday(year, month)
        month_de, month_en = MONTHS[month - 1]
        _event(
            demo,
            links,
            index,
            t(f"rund-ums-dorf-{year}-{month:02d}", f"rund-ums-dorf-{year}-{month:02d}"),
            title=t(f"Rund ums Dorf: Treffen im {month_de} {year}", f"Rund ums Dorf: meeting in {month_en} {year}"),
            start=_at(day, 19),
            end=_at(day, 21),
            teaser=teaser_rud,
            venue=venues["saal"],
            organiser=organiser_rud,
            body=[("paragraph", body_rud), demo.note()],
        )
    # Living advent calendar: the first evening of December of this year (or next year after Christmas).
    advent_year = today.year if today < datetime.date(today.year, 12, 20) else today.year + 1
    first_door = datetime.date(advent_year, 12, 1)
    _event(
        demo,
        links,
        index,
        t(f"lebendiger-adventskalender-{advent_year}", f"living-advent-calendar-{advent_year}"),
        title=t(
            f"Lebendiger Adventskalender {advent_year}: das erste Türchen",
            f"Living advent calendar {advent_year}: the first door",
        ),
        start=_at(first_door, 18),
        end=_at(first_door, 18, 30),
        teaser=t(
            "Jeden Abend im Advent öffnet sich eine Tür im Stadtteil. Zum Auftakt singen wir auf der Neuen Mitte.",
            "Every evening in Advent a door opens in the district. We start by singing on the Neue Mitte square.",
        ),
        venue=venues["mitte"],
        location_details=t("Am Weihnachtsbaum", "By the Christmas tree"),
        organiser=organiser_rud,
        body=[
            (
                "paragraph",
                t(
                    "<p>Bringen Sie eine Tasse mit: Es gibt Tee und Gebäck. Die Liste aller Türchen liegt im Ortskern aus.</p>",
                    "<p>Bring a cup: there will be tea and biscuits. The list of all doors is available in the centre.</p>",
                ),
            ),
            demo.note(),
        ],
    )
    # An information evening with registration, three weeks ahead.
    info_day = today + datetime.timedelta(days=21)
    _event(
        demo,
        links,
        index,
        t("infoabend-spielplatz-rosenstrasse", "information-evening-rosenstrasse-playground"),
        title=t(
            "Infoabend: der neue Spielplatz an der Rosenstraße",
            "Information evening: the new playground at Rosenstraße",
        ),
        start=_at(info_day, 18, 30),
        end=_at(info_day, 20),
        teaser=t(
            "Das Planungsbüro stellt den Entwurf vor, der aus den Ideen der Kinder entstanden ist.",
            "The planners present the design that grew out of the children's ideas.",
        ),
        venue=venues["saal"],
        organiser=t("Stadt Kamen, Planung und Bauen", "Town of Kamen, planning and building"),
        organiser_url="https://www.kamen.de/",
        registration_url="https://example.org/anmeldung-spielplatz",
        body=[
            (
                "paragraph",
                t(
                    "<p>Bitte melden Sie sich an, damit wir genug Stühle aufstellen. Kinder sind herzlich willkommen.</p>",
                    "<p>Please register so that we can set out enough chairs. Children are very welcome.</p>",
                ),
            ),
            demo.note(),
        ],
    )
    # Past: an open-doors day and a walk along the tree trail.
    open_day = today - datetime.timedelta(days=75)
    _event(
        demo,
        links,
        index,
        t(f"tag-der-offenen-tuer-{open_day.year}", f"open-doors-day-{open_day.year}"),
        title=t("Tag der offenen Tür im Stadtteil", "Open-doors day in the district"),
        start=_at(open_day, 11),
        end=_at(open_day, 17),
        teaser=t(
            "Vereine, Geschäfte und Einrichtungen zeigen, was sie im Stadtteil anbieten.",
            "Clubs, shops and institutions show what they offer in the district.",
        ),
        venue=venues["mitte"],
        organiser=t("Werbegemeinschaft „Wir in Heeren-Werve“", "Traders' association “Wir in Heeren-Werve”"),
        body=[
            (
                "paragraph",
                t(
                    "<p>Rund 50 Betriebe der Werbegemeinschaft öffneten ihre Türen, dazu gab es ein Tauschregal und Musik.</p>",
                    "<p>About 50 businesses of the traders' association opened their doors, with a swap shelf and music.</p>",
                ),
            ),
            demo.note(),
        ],
    )
    walk_day = today - datetime.timedelta(days=40)
    _event(
        demo,
        links,
        index,
        t("spaziergang-bewegungspark", "walk-exercise-park"),
        title=t("Spaziergang durch den Sport- und Bewegungspark", "Walk through the sport and exercise park"),
        start=_at(walk_day, 15),
        end=_at(walk_day, 16, 30),
        teaser=t(
            "Wie geht es weiter mit den Bauabschnitten drei und vier? Ein Rundgang vor Ort.",
            "What is next for construction phases three and four? A tour on site.",
        ),
        venue=venues["park"],
        organiser=t("Stadt Kamen, Planung und Bauen", "Town of Kamen, planning and building"),
        body=[demo.note()],
    )
    return index
