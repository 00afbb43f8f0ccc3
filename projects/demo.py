"""Demo content of the measures: the eight fields of action and twelve example measures in Heeren-Werve.

Costs, financing and periods are plausible examples, not the figures of the real plan.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from projects.change_notes import ChangeNote
from projects.models import (
    FieldOfAction,
    FinancingRow,
    GalleryImage,
    Milestone,
    Phase,
    ProjectIndexPage,
    ProjectPage,
)
from stadtteil.demo import Demo

FIELDS = [
    # key, German, English, description (de, en), colour, icon
    (
        "wohnen",
        "Wohnen",
        "Housing",
        "Modernisierung und Erhalt der Bergarbeitersiedlungen, Villen und Fachwerkhäuser.",
        "Modernising and preserving the miners' settlements, villas and half-timbered houses.",
        "#8a3b12",
        "house",
    ),
    (
        "handel",
        "Einzelhandel und Nahversorgung",
        "Retail and local supply",
        "Ein lebendiges Zentrum mit Geschäften für den täglichen Bedarf.",
        "A lively centre with shops for everyday needs.",
        "#7a1f5c",
        "shop",
    ),
    (
        "bildung",
        "Bildung und Qualifizierung",
        "Education and skills",
        "Angebote für Lernen, Beratung und Qualifizierung im Stadtteil.",
        "Opportunities for learning, advice and skills in the district.",
        "#0b5394",
        "book",
    ),
    (
        "gruen",
        "Grün- und Freiraum",
        "Green and open spaces",
        "Parks, Spiel- und Bewegungsflächen für alle Generationen.",
        "Parks, play and exercise areas for all generations.",
        "#1f6b2e",
        "tree",
    ),
    (
        "klima",
        "Klimaschutz",
        "Climate protection",
        "Energie sparen, Flächen entsiegeln, den Stadtteil an Hitze und Starkregen anpassen.",
        "Saving energy, unsealing surfaces, adapting the district to heat and heavy rain.",
        "#00695c",
        "leaf",
    ),
    (
        "raum",
        "Öffentlicher Raum",
        "Public space",
        "Plätze und Straßen, auf denen man sich gerne aufhält.",
        "Squares and streets where people like to spend time.",
        "#5b3f99",
        "square",
    ),
    (
        "stadtgestalt",
        "Stadtgestalt und Baustruktur",
        "Townscape and buildings",
        "Fassaden, Höfe und Gebäude, die das Ortsbild prägen.",
        "Facades, courtyards and buildings that shape the townscape.",
        "#6b5a00",
        "building",
    ),
    (
        "identitaet",
        "Identität und Image",
        "Identity and image",
        "Das Miteinander im Stadtteil stärken und zeigen, was Heeren-Werve ausmacht.",
        "Strengthening the community and showing what makes Heeren-Werve special.",
        "#a3123a",
        "star",
    ),
]


PHASES = [
    ("idee", "Idee", "Idea"),
    ("planung", "Planung", "Planning"),
    ("beteiligung", "Beteiligung", "Participation"),
    ("ausschreibung", "Ausschreibung", "Tender"),
    ("bau", "Bau", "Construction"),
    ("abgeschlossen", "Abgeschlossen", "Completed"),
]


def _m(de, en, planned, actual=None):
    """A milestone: titles, planned date and (once reached) actual date as ISO strings."""
    return (de, en, planned, actual)


INFORMATION_DONE = (
    "information",
    (
        "Die Maßnahme ist abgeschlossen. Hinweise zu Pflege und Nutzung nimmt das Stadtteilbüro weiter entgegen.",
        "The measure is completed. Suggestions on its care and use are still welcome at the district office.",
    ),
    None,
)

# Progress, milestones (some late: reached after the planned date, or not reached when it has passed) and the
# participation level (level, what residents can still influence, until when) of each demo measure, by its slug.
PROGRESS = {
    "neue-mitte": (
        "abgeschlossen",
        100,
        [
            _m("Wettbewerb entschieden", "Design competition decided", "2017-11-30", "2017-12-14"),
            _m("Baubeginn", "Start of construction", "2018-09-01", "2018-09-17"),
            _m("Eröffnung des Platzes", "Opening of the square", "2020-06-30", "2020-09-19"),
        ],
        INFORMATION_DONE,
    ),
    "luisenpark": (
        "abgeschlossen",
        100,
        [
            _m("Beteiligungswerkstatt im Park", "Participation workshop in the park", "2018-10-15", "2018-10-15"),
            _m("Baubeginn", "Start of construction", "2019-04-01", "2019-04-08"),
            _m("Fertigstellung", "Completion", "2021-05-31", "2021-05-28"),
        ],
        INFORMATION_DONE,
    ),
    "bewegungspark-bergstrasse-1-2": (
        "abgeschlossen",
        100,
        [
            _m("Bauabschnitt 1 fertig", "Phase 1 completed", "2020-10-31", "2021-03-15"),
            _m("Bauabschnitt 2 fertig", "Phase 2 completed", "2022-04-30", "2022-06-10"),
        ],
        INFORMATION_DONE,
    ),
    "bewegungspark-bergstrasse-3-4": (
        "bau",
        35,
        [
            _m("Ausschreibung veröffentlicht", "Tender published", "2025-03-31", "2025-04-10"),
            _m("Baubeginn Bauabschnitt 3", "Start of construction, phase 3", "2025-07-01", "2025-08-18"),
            _m("Bauabschnitt 3 fertig", "Phase 3 completed", "2026-09-30"),
            _m("Baumlehrpfad eröffnet", "Tree trail opened", "2027-10-31"),
        ],
        (
            "consultation",
            (
                "Welche Baumarten der Lehrpfad zeigt und wo die Sitzstufen liegen.",
                "Which kinds of trees the trail shows and where the seating steps go.",
            ),
            "2027-03-31",
        ),
    ),
    "spielplatz-rosenstrasse": (
        "beteiligung",
        10,
        [
            _m("Kinderwerkstatt", "Children's workshop", "2026-05-15", "2026-05-20"),
            _m("Entwurf vorgestellt", "Design presented", "2026-10-31"),
            _m("Baubeginn", "Start of construction", "2027-03-01"),
        ],
        (
            "co_decision",
            (
                "Die Kinder aus der Nachbarschaft wählen aus drei Entwürfen die Spielgeräte aus.",
                "The children of the neighbourhood choose the play equipment from three designs.",
            ),
            "2027-01-31",
        ),
    ),
    "stadtteilbuero": (
        "abgeschlossen",
        100,
        [
            _m("Stadtteilbüro eröffnet", "District office opened", "2017-03-01", "2017-03-01"),
            _m("Zwischenbericht", "Interim report", "2020-12-31", "2021-02-15"),
            _m("Abschlussbericht", "Final report", "2024-12-31", "2024-12-20"),
        ],
        INFORMATION_DONE,
    ),
    "zukunftsdialog": (
        "abgeschlossen",
        100,
        [
            _m("Auftaktveranstaltung", "Opening event", "2021-03-31", "2021-06-10"),
            _m(
                "Broschüre „Schätze im Dorf“ erschienen",
                "Brochure “Treasures in the village” published",
                "2022-11-30",
                "2022-11-25",
            ),  # fmt: skip
        ],
        INFORMATION_DONE,
    ),
    "verfuegungsfonds": (
        "beteiligung",
        64,
        [
            _m("Stadtteilgremium gegründet", "District committee founded", "2017-06-30", "2017-06-30"),
            _m("Richtlinie überarbeitet", "Guidelines revised", "2026-03-31"),
            _m("Letzte Antragsrunde", "Last round of applications", "2027-09-30"),
        ],
        (
            "co_decision",
            (
                "Welche Projekte gefördert werden: Darüber entscheidet das Stadtteilgremium, in dem Bewohnerinnen und "
                "Bewohner mitstimmen.",
                "Which projects are funded: the district committee decides, and residents vote in it.",
            ),
            "2027-09-30",
        ),
    ),
    "hof-und-fassadenprogramm": (
        "bau",
        60,
        [
            _m("Förderrichtlinie beschlossen", "Funding guidelines adopted", "2018-03-31", "2018-03-20"),
            _m("25 Höfe und Fassaden gefördert", "25 courtyards and facades funded", "2024-12-31", "2025-05-31"),
            _m("Programmende", "End of the programme", "2027-12-31"),
        ],
        (
            "information",
            (
                "Eigentümerinnen und Eigentümer im Sanierungsgebiet können bis zum Programmende Zuschüsse beantragen.",
                "Owners in the redevelopment area can apply for grants until the programme ends.",
            ),
            "2027-12-31",
        ),
    ),
    "modernisierung-zechensiedlungen": (
        "ausschreibung",
        15,
        [
            _m("Beratungskonzept fertig", "Advice concept ready", "2026-06-30", "2026-07-15"),
            _m("Beratungsbüro beauftragt", "Advice office commissioned", "2026-12-31"),
            _m("Erste Beratungen", "First advice sessions", "2027-03-31"),
        ],
        (
            "consultation",
            (
                "Welche Themen die Beratung abdeckt, etwa Dämmung, Fenster, Heizung und Denkmalschutz.",
                "Which topics the advice covers, such as insulation, windows, heating and heritage protection.",
            ),
            "2027-02-28",
        ),
    ),
    "geschaeftsstrasse-heerener-strasse": (
        "planung",
        10,
        [
            _m(
                "Bestandsaufnahme mit der Werbegemeinschaft",
                "Survey with the traders' association",
                "2026-09-30",
                "2026-10-20",
            ),  # fmt: skip
            _m("Entwurf öffentlich vorgestellt", "Design presented in public", "2027-02-28"),
            _m("Baubeginn", "Start of construction", "2027-09-01"),
        ],
        (
            "collaboration",
            (
                "Wo die Fahrradbügel stehen, wie breit die Gehwege werden und wie die Ladenzonen aussehen.",
                "Where the bicycle stands go, how wide the pavements become and what the shop fronts look like.",
            ),
            "2027-04-30",
        ),
    ),
    "klimaanpassung-seseke": (
        "idee",
        0,
        [
            _m("Machbarkeitsstudie", "Feasibility study", "2027-06-30"),
            _m("Beteiligung am Ufer", "Participation on the riverbank", "2027-10-31"),
        ],
        (
            "consultation",
            (
                "Noch ist alles offen: der Verlauf des Uferwegs, die Baumarten und die Sitzplätze am Wasser.",
                "Everything is still open: the route of the riverside path, the kinds of trees and the seats by the water.",
            ),
            "2027-12-31",
        ),
    ),
}


def _f(source, amount, programme=""):
    return {"source": source, "amount": Decimal(amount), "programme": programme}


def _public(total, municipal_share=Decimal("0.3")):
    """Urban development funding of 70 %: 40 % federal, 30 % state, the town's own share 30 %."""
    total = Decimal(total)
    return [
        _f("federal", (total * Decimal("0.4")).quantize(Decimal(1))),
        _f("state", (total * Decimal("0.3")).quantize(Decimal(1))),
        _f("municipal", (total * municipal_share).quantize(Decimal(1))),
    ]


TOWN = ("Stadt Kamen, Planung und Stadtentwicklung", "Town of Kamen, planning and urban development")

MEASURES = [
    {
        "slug": ("neue-mitte", "new-centre"),
        "title": ("Neue Mitte Heeren-Werve", "New centre of Heeren-Werve"),
        "field": "raum",
        "further": ["stadtgestalt", "handel"],
        "summary": (
            "Der Platz an der Märkischen Straße verbindet die beiden Ortsteile. Den Entwurf lieferte der Sieger eines Wettbewerbs, an dem 15 Landschaftsarchitekturbüros teilnahmen.",
            "The square on Märkische Straße links the two parts of the district. The design came from the winner of a competition among 15 landscape architecture offices.",
        ),
        "status": "completed",
        "priority": "high",
        "period": (2017, 2, 2020, 3),
        "responsible": TOWN,
        "total": 2400000,
        "spent": 2365000,
        "financing": _public(2400000),
        "location": (
            Decimal("51.584120"),
            Decimal("7.700310"),
            ("Märkische Straße, 59174 Kamen", "Märkische Straße, 59174 Kamen"),
        ),
        "featured": True,
        "easy": (
            "Es gibt einen neuen Platz in der Mitte von Heeren-Werve. Dort kann man sich treffen. Der Platz ist fertig.",
            "There is a new square in the middle of Heeren-Werve. People can meet there. The square is finished.",
        ),
        "image": ("Neue Mitte Heeren-Werve", "Neue Mitte", "#5b3f99"),
        "gallery": [
            (
                "Neue Mitte: Platzfläche",
                "Platzfläche",
                "#5b3f99",
                ("Der neue Platz mit Bänken und jungen Bäumen", "The new square with benches and young trees"),
                ("Die Platzfläche nach der Fertigstellung", "The square after completion"),
            ),
            (
                "Neue Mitte: Eröffnung",
                "Eröffnung",
                "#3d2a66",
                ("Menschen feiern die Eröffnung auf dem Platz", "People celebrating the opening on the square"),
                ("Eröffnungsfest im Herbst 2020", "Opening party in autumn 2020"),
            ),
        ],
    },
    {
        "slug": ("luisenpark", "luisenpark"),
        "title": ("Umgestaltung des Luisenparks", "Redesign of Luisenpark"),
        "field": "gruen",
        "further": ["klima"],
        "summary": (
            "Neue Wege, Sitzplätze und Beleuchtung machen den Luisenpark zu einem grünen Treffpunkt für alle Generationen.",
            "New paths, seating and lighting make Luisenpark a green meeting place for all generations.",
        ),
        "status": "completed",
        "priority": "high",
        "period": (2018, 3, 2021, 2),
        "responsible": TOWN,
        "total": 1150000,
        "spent": 1138000,
        "financing": _public(1150000),
        "location": (Decimal("51.586480"), Decimal("7.704950"), ("Luisenpark, 59174 Kamen", "Luisenpark, 59174 Kamen")),
        "featured": True,
        "easy": (
            "Der Luisen-Park ist jetzt schöner. Es gibt neue Wege und neue Bänke.",
            "Luisen Park is now nicer. There are new paths and new benches.",
        ),
        "image": ("Luisenpark", "Luisenpark", "#1f6b2e"),
    },
    {
        "slug": ("bewegungspark-bergstrasse-1-2", "exercise-park-bergstrasse-1-2"),
        "title": (
            "Sport- und Bewegungspark Bergstraße, Bauabschnitte 1 und 2",
            "Sport and exercise park Bergstraße, phases 1 and 2",
        ),
        "field": "gruen",
        "further": ["identitaet"],
        "summary": (
            "Ein Bewegungsparcours, ein Kleinspielfeld und eine Calisthenics-Anlage laden zum Sport unter freiem Himmel ein.",
            "An exercise trail, a small pitch and a calisthenics area invite people to do sport in the open air.",
        ),
        "status": "completed",
        "priority": "high",
        "period": (2019, 3, 2022, 2),
        "responsible": TOWN,
        "total": 980000,
        "spent": 972500,
        "financing": _public(980000),
        "location": (Decimal("51.580950"), Decimal("7.697200"), ("Bergstraße, 59174 Kamen", "Bergstraße, 59174 Kamen")),
        "easy": (
            "An der Berg-Straße gibt es einen Park für Sport. Dort kann man draußen turnen und spielen.",
            "On Berg Street there is a park for sport. You can exercise and play outside there.",
        ),
        "image": ("Bewegungspark Bergstraße", "Bewegungspark", "#1f6b2e"),
    },
    {
        "slug": ("bewegungspark-bergstrasse-3-4", "exercise-park-bergstrasse-3-4"),
        "title": (
            "Sport- und Bewegungspark Bergstraße, Bauabschnitte 3 und 4 mit Baumlehrpfad",
            "Sport and exercise park Bergstraße, phases 3 and 4 with a tree trail",
        ),
        "field": "gruen",
        "further": ["bildung"],
        "summary": (
            "Die letzten beiden Bauabschnitte ergänzen den Park um einen Baumlehrpfad, Sitzstufen und eine barrierefreie Wegeverbindung.",
            "The last two phases add a tree trail, seating steps and a step-free path to the park.",
        ),
        "status": "implementation",
        "priority": "medium",
        "period": (2025, 2, 2027, 4),
        "responsible": TOWN,
        "total": 860000,
        "spent": 214000,
        "financing": _public(860000),
        "location": (Decimal("51.579980"), Decimal("7.698650"), ("Bergstraße, 59174 Kamen", "Bergstraße, 59174 Kamen")),
        "featured": True,
        "easy": (
            "Der Park an der Berg-Straße wird größer. Es gibt bald einen Weg mit Bäumen zum Lernen.",
            "The park on Berg Street is getting bigger. Soon there will be a path with trees to learn about.",
        ),
    },
    {
        "slug": ("spielplatz-rosenstrasse", "playground-rosenstrasse"),
        "title": ("Spielplatz Rosenstraße", "Playground Rosenstraße"),
        "field": "gruen",
        "further": [],
        "summary": (
            "Der Spielplatz wird mit Kindern aus der Nachbarschaft neu geplant: mit Kletterbereich, Sandspiel und schattigen Sitzplätzen.",
            "The playground is being replanned with children from the neighbourhood: with a climbing area, sand play and shady seats.",
        ),
        "status": "planned",
        "priority": "medium",
        "period": (2027, 1, 2027, 4),
        "responsible": TOWN,
        "total": 320000,
        "spent": 0,
        "financing": _public(320000),
        "location": (
            Decimal("51.582700"),
            Decimal("7.708400"),
            ("Rosenstraße, 59174 Kamen", "Rosenstraße, 59174 Kamen"),
        ),
    },
    {
        "slug": ("stadtteilbuero", "district-office"),
        "title": (
            "Stadtteilmanagement und Stadtteilbüro Mittelstraße 14",
            "District management and district office at Mittelstraße 14",
        ),
        "field": "identitaet",
        "further": ["handel", "bildung"],
        "summary": (
            "Das Stadtteilmanagement beriet Bürgerinnen, Vereine und Geschäftsleute, begleitete die Beteiligung und hatte dienstags und mittwochs Sprechzeiten im Stadtteilbüro.",
            "The district management advised residents, clubs and businesses, supported participation and held office hours on Tuesdays and Wednesdays at the district office.",
        ),
        "status": "completed",
        "priority": "high",
        "period": (2017, 1, 2024, 4),
        "responsible": (
            "Stadtteilmanagement im Auftrag der Stadt Kamen",
            "District management on behalf of the town of Kamen",
        ),
        "total": 720000,
        "spent": 706000,
        "financing": _public(720000),
        "location": (
            Decimal("51.583350"),
            Decimal("7.702150"),
            ("Mittelstraße 14, 59174 Kamen", "Mittelstraße 14, 59174 Kamen"),
        ),
        "easy": (
            "Im Stadtteil-Büro in der Mittel-Straße 14 konnte man Fragen stellen. Das Büro war dienstags und mittwochs offen.",
            "At the district office at Mittel Street 14 you could ask questions. The office was open on Tuesdays and Wednesdays.",
        ),
        "image": ("Stadtteilbüro Mittelstraße", "Stadtteilbüro", "#a3123a"),
    },
    {
        "slug": ("zukunftsdialog", "future-dialogue"),
        "title": ("Zukunftsdialog soziale Infrastruktur", "Future dialogue on social infrastructure"),
        "field": "bildung",
        "further": ["identitaet"],
        "summary": (
            "Vereine, Einrichtungen und Bewohnerschaft haben gemeinsam beraten, welche Angebote der Stadtteil braucht. Ergebnis ist auch die Broschüre „Schätze im Dorf“ mit Geschäften, Diensten und Vereinen vor Ort.",
            "Clubs, institutions and residents discussed together which services the district needs. One result is the brochure “Treasures in the village” listing local shops, services and clubs.",
        ),
        "status": "completed",
        "priority": "medium",
        "period": (2021, 1, 2022, 4),
        "responsible": TOWN,
        "total": 85000,
        "spent": 83400,
        "financing": _public(85000),
    },
    {
        "slug": ("verfuegungsfonds", "neighbourhood-fund"),
        "title": ("Verfügungsfonds für Projekte aus dem Stadtteil", "Neighbourhood fund for local projects"),
        "field": "identitaet",
        "further": ["handel"],
        "summary": (
            "Bewohnerinnen, Gruppen, Vereine und Geschäfte erhalten einen Zuschuss von 50 %, höchstens 5.000 € je Projekt. Das Stadtteilgremium entscheidet; gefördert wurden etwa die Weihnachtsbeleuchtung, ein öffentlicher Bücherschrank und Blumenampeln.",
            "Residents, groups, clubs and shops receive a 50 % grant of at most €5,000 per project. The district committee decides; funded examples include the Christmas lights, a public bookcase and flower baskets.",
        ),
        "status": "implementation",
        "priority": "medium",
        "period": (2017, 1, 2027, 4),
        "responsible": ("Stadtteilgremium Heeren-Werve", "Heeren-Werve district committee"),
        "total": 150000,
        "spent": 96500,
        "financing": [
            _f("federal", 30000),
            _f("state", 22500),
            _f("municipal", 22500),
            _f("third_party", 75000),
        ],
    },
    {
        "slug": ("hof-und-fassadenprogramm", "courtyard-and-facade-programme"),
        "title": ("Hof- und Fassadenprogramm", "Courtyard and facade programme"),
        "field": "stadtgestalt",
        "further": ["wohnen"],
        "summary": (
            "Eigentümerinnen und Eigentümer im Sanierungsgebiet erhalten Zuschüsse, wenn sie Fassaden erneuern oder Höfe entsiegeln und begrünen.",
            "Owners in the redevelopment area receive grants for renewing facades or unsealing and greening courtyards.",
        ),
        "status": "implementation",
        "priority": "medium",
        "period": (2018, 1, 2027, 4),
        "responsible": TOWN,
        "total": 400000,
        "spent": 236000,
        "financing": [_f("federal", 80000), _f("state", 60000), _f("municipal", 60000), _f("third_party", 200000)],
    },
    {
        "slug": ("modernisierung-zechensiedlungen", "modernising-miners-settlements"),
        "title": (
            "Modernisierungsberatung für die Zechensiedlungen",
            "Modernisation advice for the miners' settlements",
        ),
        "field": "wohnen",
        "further": ["klima"],
        "summary": (
            "Eine kostenlose Erstberatung hilft Eigentümerinnen und Eigentümern in den Siedlungen der früheren Zeche Königsborn, ihre Häuser energetisch und denkmalgerecht zu modernisieren.",
            "Free initial advice helps owners in the settlements of the former Königsborn colliery to modernise their houses in an energy-efficient way that respects their heritage.",
        ),
        "status": "preparation",
        "priority": "medium",
        "period": (2026, 2, 2028, 4),
        "responsible": TOWN,
        "total": 180000,
        "spent": 12000,
        "financing": [
            _f(
                "other",
                117000,
                (
                    "KfW-Programm 432 Energetische Stadtsanierung",
                    "KfW programme 432 energy-efficient urban redevelopment",
                ),
            ),
            _f("municipal", 63000),
        ],
        "location": (
            Decimal("51.578600"),
            Decimal("7.693900"),
            ("Siedlung Königsborn, 59174 Kamen", "Königsborn settlement, 59174 Kamen"),
        ),
    },
    {
        "slug": ("geschaeftsstrasse-heerener-strasse", "shopping-street-heerener-strasse"),
        "title": ("Aufwertung der Geschäftsstraße Heerener Straße", "Upgrading the Heerener Straße shopping street"),
        "field": "handel",
        "further": ["raum"],
        "summary": (
            "Breitere Gehwege, Fahrradbügel und ein Leerstandsmanagement mit der Werbegemeinschaft „Wir in Heeren-Werve“ sollen die Nahversorgung stärken.",
            "Wider pavements, bicycle stands and management of empty shops with the traders' association “Wir in Heeren-Werve” are to strengthen local supply.",
        ),
        "status": "preparation",
        "priority": "high",
        "period": (2026, 3, 2028, 2),
        "responsible": TOWN,
        "total": 650000,
        "spent": 18000,
        "financing": _public(650000),
        "location": (
            Decimal("51.585300"),
            Decimal("7.698100"),
            ("Heerener Straße, 59174 Kamen", "Heerener Straße, 59174 Kamen"),
        ),
    },
    {
        "slug": ("klimaanpassung-seseke", "climate-adaptation-seseke"),
        "title": ("Klimaanpassung am Seseke-Ufer", "Climate adaptation on the Seseke bank"),
        "field": "klima",
        "further": ["gruen"],
        "summary": (
            "Entlang der renaturierten Seseke entstehen ein schattiger Uferweg, neue Bäume und entsiegelte Flächen, die Regenwasser aufnehmen.",
            "Along the renaturalised Seseke a shady riverside path, new trees and unsealed areas that soak up rainwater are planned.",
        ),
        "status": "planned",
        "priority": "low",
        "period": (2028, 1, 2029, 4),
        "responsible": (
            "Stadt Kamen gemeinsam mit dem Lippeverband",
            "Town of Kamen together with the Lippeverband water board",
        ),
        "total": 780000,
        "spent": 0,
        "financing": _public(780000)[:2]
        + [
            _f("municipal", 156000),
            _f(
                "other",
                78000,
                ("Förderprogramm Klimaresilienz in Kommunen", "Climate resilience in municipalities programme"),
            ),
        ],
        "location": (
            Decimal("51.587900"),
            Decimal("7.710200"),
            ("Seseke-Ufer, 59174 Kamen", "Seseke riverbank, 59174 Kamen"),
        ),
    },
]


def load(demo: Demo):
    t = demo.t
    fields = _fields(demo)
    phases = _phases(demo)
    index = demo.translated_page(
        ProjectIndexPage,
        ("massnahmen", "measures"),
        ("Maßnahmen", "Measures"),
        show_in_menus=True,
        intro=(
            "<p>Das Integrierte Handlungskonzept bündelt die Maßnahmen für Heeren-Werve in acht Handlungsfeldern. "
            "Hier sehen Sie, was geplant ist, was gebaut wird und was fertig ist.</p>",
            "<p>The integrated action plan groups the measures for Heeren-Werve into eight fields of action. "
            "Here you can see what is planned, what is being built and what is finished.</p>",
        ),
        note=True,
        plan_intro=t(
            "<p>Die Tabelle zeigt alle Maßnahmen mit Priorität, Zeitraum, Zuständigkeit, Kosten und Finanzierung. "
            "Die Beträge sind Beispielwerte.</p>",
            "<p>The table shows all measures with priority, period, responsibility, cost and financing. "
            "The amounts are examples.</p>",
        ),
    )
    measures = [_measure(demo, index, fields, phases, data) for data in MEASURES]

    for measure in measures:
        demo.translate(measure)
    for measure in measures:
        _add_progress(demo, measure, phases)
    _change_notes(demo, measures)


def _phases(demo: Demo):
    result = {}
    for order, (key, de, en) in enumerate(PHASES, start=1):
        result[key] = demo.translated_snippet(Phase, "name", name=demo.t(de, en), sort_order=order * 10)
    return result


def _progress_fields(demo: Demo, slug, phases):
    """The progress and participation fields of a demo measure (its phase, percentage, milestones, level)."""
    t = demo.t
    phase, progress, milestones, (level, note, until) = PROGRESS[slug]
    return {
        "phase": phases[phase],
        "progress": progress,
        "participation_level": level,
        "participation_note": t(*note),
        "participation_until": datetime.date.fromisoformat(until) if until else None,
        "milestones": [
            Milestone(
                title=t(de, en),
                planned_date=datetime.date.fromisoformat(planned),
                actual_date=datetime.date.fromisoformat(actual) if actual else None,
                sort_order=i,
            )
            for i, (de, en, planned, actual) in enumerate(milestones)
        ],
    }


def _add_progress(demo: Demo, measure, phases):
    """Demo sites set up before measures had progress get it once: only a measure without a phase and without
    milestones, so that a later `load_demo` never overwrites what editors did."""
    if measure.slug not in PROGRESS:
        return
    fields = _progress_fields(demo, measure.slug, phases)  # registers the English strings in any case
    measure = ProjectPage.objects.get(pk=measure.pk)
    if measure.phase_id is not None or measure.milestones.exists():
        return
    for name, value in fields.items():
        setattr(measure, name, value)
    measure.save_revision(user=demo.user, log_action=True).publish(user=demo.user)
    demo.sync(measure)
    demo.log(f"  added progress to /{measure.slug}/")


# (measure slug, date, German note, English note): public notes of substantive changes, oldest first.
CHANGE_NOTES = [
    (
        "bewegungspark-bergstrasse-3-4",
        datetime.date(2025, 3, 12),
        "Der Bau der Abschnitte 3 und 4 beginnt ein Jahr später als geplant: Die Fördermittel wurden erst für 2026 "
        "bewilligt.",
        "Construction of phases 3 and 4 starts a year later than planned: the funding was granted for 2026 only.",
    ),
    (
        "bewegungspark-bergstrasse-3-4",
        datetime.date(2026, 6, 2),
        "Der Baumlehrpfad wurde nach den Hinweisen aus der Bürgerversammlung um acht Stationen erweitert.",
        "The tree trail was extended by eight stations after the suggestions made at the residents' meeting.",
    ),
    (
        "spielplatz-rosenstrasse",
        datetime.date(2026, 4, 20),
        "Die Kinder aus der Nachbarschaft haben den Entwurf mitgestaltet; die Kosten steigen um 18.000 € für einen "
        "Wasserspielbereich.",
        "Children from the neighbourhood helped shape the design; the cost rises by €18,000 for a water play area.",
    ),
    (
        "neue-mitte",
        datetime.date(2024, 9, 30),
        "Die Neue Mitte ist fertig: Die Schlussrechnung liegt vor, die Maßnahme ist abgeschlossen.",
        "The new centre is finished: the final invoice is in, the measure is completed.",
    ),
]


def _change_notes(demo: Demo, measures):
    """Demo change notes in both languages, stored directly (bulk_create sends no signal: old notes are not
    mailed to anyone); each is created once."""
    by_slug = {measure.slug: measure for measure in measures}
    for slug, day, note_de, note_en in CHANGE_NOTES:
        page = by_slug.get(slug)
        if page is None or ChangeNote.objects.filter(page=page, note=note_de).exists():
            continue
        when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
        [german] = ChangeNote.objects.bulk_create([ChangeNote(page=page, note=note_de, published_at=when)])
        english_page = page.get_translation_or_none(demo.en)
        if english_page is not None:
            ChangeNote.objects.bulk_create(
                [ChangeNote(page=english_page, note=note_en, published_at=when, translation_of=german)]
            )


def _fields(demo: Demo):
    result = {}
    for order, (key, de, en, desc_de, desc_en, colour, icon) in enumerate(FIELDS, start=1):
        result[key] = demo.translated_snippet(
            FieldOfAction,
            "name",
            name=demo.t(de, en),
            description=demo.t(desc_de, desc_en),
            colour=colour,
            icon=icon,
            sort_order=order,
        )
    return result


def _measure(demo: Demo, index, fields, phases, data):
    t = demo.t
    slug = t(*data["slug"])
    title = t(*data["title"])
    summary = t(*data["summary"])
    start_year, start_quarter, end_year, end_quarter = data["period"]
    location = data.get("location")
    financing = [
        FinancingRow(
            source=row["source"],
            amount=row["amount"],
            programme=t(*row["programme"]) if row["programme"] else "",
            sort_order=i,
        )
        for i, row in enumerate(data["financing"])
    ]
    gallery = [
        GalleryImage(
            image=demo.image(name, label, colour=colour),
            alt_text=t(*alt),
            caption=t(*caption),
            sort_order=i,
        )
        for i, (name, label, colour, alt, caption) in enumerate(data.get("gallery", []))
    ]
    image = demo.image(*data["image"][:2], colour=data["image"][2]) if data.get("image") else None
    # The summary is the page's intro (its lead); the body must not print it a second time.
    body = [demo.note()]
    return demo.page(
        index,
        ProjectPage,
        slug,
        title=title,
        summary=summary,
        field_of_action=fields[data["field"]],
        further_fields=[fields[key] for key in data["further"]],
        status=data["status"],
        priority=data["priority"],
        start_year=start_year,
        start_quarter=start_quarter,
        end_year=end_year,
        end_quarter=end_quarter,
        responsible_body=t(*data["responsible"]),
        total_cost=Decimal(data["total"]),
        spent_amount=Decimal(data["spent"]),
        latitude=location[0] if location else None,
        longitude=location[1] if location else None,
        address=t(*location[2]) if location else "",
        image=image,
        body=body,
        easy_read_summary=t(*data["easy"]) if data.get("easy") else "",
        featured=data.get("featured", False),
        financing_rows=financing,
        gallery_images=gallery,
        **(_progress_fields(demo, slug, phases) if slug in PROGRESS else {}),
    )
