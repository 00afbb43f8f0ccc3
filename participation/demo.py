"""Demo content of participation: the participation page, example contributions and a survey form page."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Site

from participation.models import Contribution, FormField, FormPage, ParticipationPage, ParticipationSettings
from projects.models import FieldOfAction, ProjectPage
from stadtteil.demo import Demo


# Every contribution: message, language, field of action (German name), measure slug, place, (lat, lng), moderation
# status, reply, reason for rejection, days ago, and "you said, we did": public status, public reason with its
# language, days from receipt to the first official answer (None: not answered yet). Together they cover every public
# status in both languages, answers within and after the two-week aim, and last year as well as this one (the
# figures page). Personal data only on contributions that are not published.
def _c(message, field="", slug="", address="", place=None, status="approved", reply="", reason="", days=1, **more):
    return {
        "message": message,
        "language": more.get("language", "de"),
        "field": field,
        "slug": slug,
        "address": address,
        "place": place,
        "status": status,
        "reply": reply,
        "reason": reason,
        "days": days,
        "public_status": more.get("public_status", "received"),
        "public_reason": more.get("public_reason", ""),
        "public_reason_language": more.get("public_reason_language", more.get("language", "de")),
        "answer_days": more.get("answer_days"),
    }


CONTRIBUTIONS = [
    _c(
        "Auf dem neuen Platz an der Märkischen Straße fehlen schattige Sitzplätze. Im Sommer ist es dort mittags "
        "kaum auszuhalten. Könnten noch Bäume oder Sonnensegel dazukommen?",
        "Öffentlicher Raum",
        "neue-mitte",
        "Neue Mitte, Märkische Straße",
        ("51.584100", "7.700900"),
        reply="Danke für den Hinweis. Im Frühjahr werden vier weitere Bäume am Südrand des Platzes gepflanzt; "
        "Sonnensegel prüfen wir für den nächsten Sommer.",
        days=40,
        public_status="implemented",
        public_reason="Die vier Bäume am Südrand des Platzes sind gepflanzt, darunter stehen zwei neue Bänke.",
        answer_days=2,
    ),
    _c(
        "Der Spielplatz an der Rosenstraße sollte auch etwas für kleine Kinder unter drei Jahren haben, zum Beispiel "
        "einen Sandbereich mit Schatten.",
        "Grün- und Freiraum",
        "spielplatz-rosenstrasse",
        "Spielplatz Rosenstraße",
        ("51.582400", "7.705600"),
        reply="Ein Bereich für Kleinkinder ist eingeplant. Nehmen Sie gern an unserer Umfrage zum Spielplatz teil!",
        days=25,
        public_status="answered",
        answer_days=2,
    ),
    _c(
        "Schön, dass der Bewegungspark weitergebaut wird. Ein Trinkbrunnen wäre für Sportlerinnen und Sportler "
        "eine große Hilfe.",
        "Grün- und Freiraum",
        "bewegungspark-bergstrasse-3-4",
        days=12,
        public_status="in_review",
    ),
    _c(
        "Die Beleuchtung auf dem Fußweg entlang der Seseke ist abends zu dunkel. Viele ältere Menschen trauen sich "
        "dort nicht mehr entlang.",
        "Klimaschutz",
        "",
        "Fußweg an der Seseke, Höhe Brücke",
        ("51.586200", "7.697300"),
        days=8,
    ),
    _c(
        "More bike stands near the shops on Heerener Straße would make it easier to shop without a car.",
        "Einzelhandel und Nahversorgung",
        "geschaeftsstrasse-heerener-strasse",
        "Heerener Straße",
        status="new",
        days=2,
        language="en",
    ),
    _c(
        "Können die Sprechzeiten des Stadtteilbüros auch einmal am Samstagvormittag stattfinden? Unter der Woche "
        "arbeite ich.",
        "Identität und Image",
        "stadtteilbuero",
        status="new",
        days=1,
    ),
    _c(
        "Werbung: Günstige Kredite ohne Schufa, jetzt anrufen!",
        status="rejected",
        reason="Werbung, kein Beitrag zum Stadtteil.",
        days=5,
    ),
    _c(
        "Parkplätze direkt auf dem Platz der Neuen Mitte wären für den Wochenmarkt praktisch.",
        "Öffentlicher Raum",
        "neue-mitte",
        days=33,
        public_status="not_implemented",
        public_reason="Die Neue Mitte ist als Platz für Menschen zu Fuß gestaltet und so gefördert. Stellplätze "
        "gibt es in den Straßen rund um den Platz; für den Markt bleibt die Zufahrt zum Liefern frei.",
        answer_days=19,
    ),
    _c(
        "There are too few litter bins along the paths in Luisenpark, especially near the playground.",
        "Grün- und Freiraum",
        "luisenpark",
        days=60,
        language="en",
        public_status="implemented",
        public_reason="Six more bins were put up along the main paths and beside the playground in the spring.",
        answer_days=20,
    ),
    _c(
        "Could the new playground on Rosenstraße get a water pump for the sandpit?",
        "Grün- und Freiraum",
        "spielplatz-rosenstrasse",
        days=9,
        language="en",
        public_status="in_review",
    ),
    _c(
        "Will there still be a place to ask questions about the measures now that the district office has closed?",
        "Identität und Image",
        "stadtteilbuero",
        reply="Yes: the town's planning department answers questions by phone and e-mail, and this website "
        "keeps the participation form open.",
        days=20,
        language="en",
        public_status="answered",
        answer_days=3,
    ),
    _c(
        "A skate ramp in the exercise park at Bergstraße would give teenagers something to do.",
        "Grün- und Freiraum",
        "bewegungspark-bergstrasse-3-4",
        days=70,
        language="en",
        public_status="not_implemented",
        public_reason="Der Platz an der Bergstraße reicht für eine sichere Skate-Anlage nicht aus; die Fläche "
        "bleibt dem Baumlehrpfad und den Geräten für alle Generationen vorbehalten.",
        public_reason_language="de",
        answer_days=31,
    ),
    _c(
        "The benches at the bus stops on Heerener Straße are missing since the road works.",
        "Einzelhandel und Nahversorgung",
        "geschaeftsstrasse-heerener-strasse",
        days=4,
        language="en",
    ),
    # Last year: for the figures per year.
    _c(
        "Ein offener Bücherschrank in der Mitte des Dorfes wäre schön, zum Tauschen und Stöbern.",
        "Identität und Image",
        "verfuegungsfonds",
        days=420,
        public_status="implemented",
        public_reason="Der Bücherschrank steht seit dem Sommer an der Neuen Mitte, gefördert aus dem Verfügungsfonds.",
        answer_days=3,
    ),
    _c(
        "Die Fassaden an der Mittelstraße könnten mit etwas Farbe freundlicher wirken.",
        "Stadtgestalt und Baustruktur",
        "hof-und-fassadenprogramm",
        reply="Eigentümerinnen und Eigentümer können dafür Zuschüsse aus dem Hof- und Fassadenprogramm bekommen; "
        "wir beraten gern.",
        days=400,
        public_status="answered",
        answer_days=21,
    ),
    _c(
        "The Christmas lights in the centre were lovely – please keep them!",
        "Identität und Image",
        "",
        days=390,
        language="en",
        reply="Thank you! The lights will be put up again this winter.",
        public_status="answered",
        public_reason_language="en",
        answer_days=5,
    ),
    _c("Gewinnspiel! Jetzt klicken und gewinnen!", status="rejected", reason="Werbung.", days=410),
]


def load(demo: Demo):
    t = demo.t
    page = demo.translated_page(
        ParticipationPage,
        ("beteiligung", "participation"),
        ("Beteiligung", "Participation"),
        show_in_menus=True,
        intro=(
            "<p>Sie kennen Heeren-Werve am besten: Wo drückt der Schuh, was fehlt, was gefällt Ihnen? Schreiben Sie uns "
            "Ihre Idee, Ihre Frage oder Ihre Kritik – zu einer Maßnahme, zu einem Handlungsfeld oder zu einem Ort "
            "im Stadtteil.</p>",
            "<p>You know Heeren-Werve best: where are the sore points, what is missing, what do you like? Send us "
            "your idea, question or criticism – about a measure, a field of action or a place in the district.</p>",
        ),
        note=True,
        privacy_note=t(
            "<p>Wir veröffentlichen Ihren Beitrag erst nach Prüfung durch das Stadtteilbüro, ohne Namen und "
            "E-Mail-Adresse. Name und E-Mail-Adresse sind freiwillig; wir nutzen sie nur für eine Antwort und löschen "
            "sie nach 180 Tagen. Mehr in der Datenschutzerklärung.</p>",
            "<p>We publish your contribution only after the district office has checked it, without your name or "
            "e-mail address. Name and e-mail address are optional; we use them only to reply and delete them after "
            "180 days. More in the privacy policy.</p>",
        ),
        thank_you_text=t(
            "<p>Vielen Dank! Wir haben Ihren Beitrag erhalten. Das Stadtteilbüro liest jeden Beitrag und "
            "veröffentlicht ihn nach der Prüfung – ohne Ihren Namen und Ihre E-Mail-Adresse.</p>",
            "<p>Thank you! We have received your contribution. The district office reads every contribution and "
            "publishes it after checking it – without your name or e-mail address.</p>",
        ),
    )
    _survey(demo, page)
    _settings()
    _contributions(demo)


def _choices(demo: Demo, de, en):
    """Choices are one line per option; wagtail-localize extracts them with <br/> for the line breaks."""
    demo.strings[de.replace("\n", "<br/>")] = en.replace("\n", "<br/>")
    return demo.t(de, en)


def _survey(demo: Demo, parent):
    t = demo.t
    fields = [
        FormField(
            label=t(
                "Wie alt sind die Kinder, die den Spielplatz nutzen würden?",
                "How old are the children who would use the playground?",
            ),
            field_type="checkboxes",
            choices=_choices(
                demo,
                "unter 3 Jahre\n3 bis 6 Jahre\n7 bis 10 Jahre\nälter als 10 Jahre",
                "under 3 years\n3 to 6 years\n7 to 10 years\nolder than 10 years",
            ),
            required=True,
            sort_order=0,
        ),
        FormField(
            label=t("Was wünschen Sie sich am meisten?", "What would you like most?"),
            field_type="radio",
            choices=_choices(
                demo,
                "Schaukeln\nKletterturm\nSand- und Wasserspiel\nSitzplätze im Schatten",
                "Swings\nClimbing tower\nSand and water play\nShady seats",
            ),
            required=True,
            sort_order=1,
        ),
        FormField(
            label=t("Ihre Anregungen", "Your suggestions"),
            field_type="multiline",
            help_text=t(
                "Zum Beispiel Spielgeräte, Bepflanzung oder Öffnungszeiten.",
                "For example play equipment, planting or opening hours.",
            ),
            required=False,
            sort_order=2,
        ),
    ]
    return demo.translated_page(
        FormPage,
        ("umfrage-spielplatz-rosenstrasse", "survey-playground-rosenstrasse"),
        ("Umfrage: Spielplatz Rosenstraße", "Survey: playground at Rosenstraße"),
        intro=(
            "<p>Der Spielplatz an der Rosenstraße wird neu gestaltet. Was ist Ihnen wichtig? Die Umfrage dauert "
            "zwei Minuten und ist anonym.</p>",
            "<p>The playground at Rosenstraße is being redesigned. What matters to you? The survey takes two minutes "
            "and is anonymous.</p>",
        ),
        note=True,
        thank_you_text=t(
            "<p>Danke für Ihre Antworten! Die Ergebnisse stellen wir im Stadtteilbüro und hier auf der Website vor.</p>",
            "<p>Thank you for your answers! We will present the results at the district office and here on the "
            "website.</p>",
        ),
        privacy_note=t(
            "<p>Wir speichern nur Ihre Antworten, keine Namen oder Adressen.</p>",
            "<p>We store only your answers, no names or addresses.</p>",
        ),
        to_address=t("beteiligung@example.org", "beteiligung@example.org"),
        from_address=t("noreply@example.org", "noreply@example.org"),
        subject=t("Neue Antwort: Umfrage Spielplatz Rosenstraße", "New answer: playground survey at Rosenstraße"),
        form_fields=fields,
        parent=parent,
    )


def _settings():
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    settings = ParticipationSettings.for_site(site)
    if not settings.notification_email:
        settings.notification_email = "beteiligung@example.org"
        settings.save()


def _contributions(demo: Demo):
    if Contribution.objects.exists():
        return
    fields = {field.name: field for field in FieldOfAction.objects.filter(locale=demo.de)}
    measures = {measure.slug: measure for measure in ProjectPage.objects.filter(locale=demo.de)}
    now = timezone.now()
    for item in CONTRIBUTIONS:
        created = now - timedelta(days=item["days"])
        status = item["status"]
        moderated = status != Contribution.Status.NEW
        answer_days = item["answer_days"]
        place = item["place"]
        Contribution.objects.create(
            message=item["message"],
            language=item["language"],
            field_of_action=fields.get(item["field"]),
            measure=measures.get(item["slug"]),
            address=item["address"],
            latitude=place[0] if place else None,
            longitude=place[1] if place else None,
            status=status,
            public_reply=item["reply"],
            replied_at=created + timedelta(days=answer_days or 2) if item["reply"] else None,
            rejection_reason=item["reason"],
            public_status=item["public_status"],
            public_reason=item["public_reason"],
            public_reason_language=item["public_reason_language"],
            # Given explicitly (in the past), so save() keeps it instead of taking "now".
            first_answered_at=created + timedelta(days=answer_days, hours=3) if answer_days is not None else None,
            moderated_by=demo.user if moderated else None,
            moderated_at=created + timedelta(days=1) if moderated else None,
            created_at=created,
            # Only the unpublished examples carry (invented) personal data, to show the admin view.
            contact_name="Erika Beispiel" if status == Contribution.Status.NEW else "",
            contact_email="erika.beispiel@example.org" if status == Contribution.Status.NEW else "",
            reply_consent=status == Contribution.Status.NEW,
        )
    demo.log(f"  created {len(CONTRIBUTIONS)} example contributions")
