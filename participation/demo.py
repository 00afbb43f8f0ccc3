"""Demo content of participation: the participation page, example contributions and a survey form page."""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Site

from participation.models import Contribution, FormField, FormPage, ParticipationPage, ParticipationSettings
from projects.models import FieldOfAction, ProjectPage
from stadtteil.demo import EXAMPLE_NOTE_DE, EXAMPLE_NOTE_EN, Demo

# message, field of action (German name), measure slug, place, (lat, lng), status, reply, reason, days ago,
# name, e-mail (personal data only on contributions that are not published).
CONTRIBUTIONS = [
    (
        "Auf dem neuen Platz an der Märkischen Straße fehlen schattige Sitzplätze. Im Sommer ist es dort mittags "
        "kaum auszuhalten. Könnten noch Bäume oder Sonnensegel dazukommen?",
        "Öffentlicher Raum",
        "neue-mitte",
        "Neue Mitte, Märkische Straße",
        ("51.584100", "7.700900"),
        "approved",
        "Danke für den Hinweis. Im Frühjahr werden vier weitere Bäume am Südrand des Platzes gepflanzt; Sonnensegel "
        "prüfen wir für den nächsten Sommer.",
        "",
        40,
    ),
    (
        "Der Spielplatz an der Rosenstraße sollte auch etwas für kleine Kinder unter drei Jahren haben, zum Beispiel "
        "einen Sandbereich mit Schatten.",
        "Grün- und Freiraum",
        "spielplatz-rosenstrasse",
        "Spielplatz Rosenstraße",
        ("51.582400", "7.705600"),
        "approved",
        "Ein Bereich für Kleinkinder ist eingeplant. Nehmen Sie gern an unserer Umfrage zum Spielplatz teil!",
        "",
        25,
    ),
    (
        "Schön, dass der Bewegungspark weitergebaut wird. Ein Trinkbrunnen wäre für Sportlerinnen und Sportler "
        "eine große Hilfe.",
        "Grün- und Freiraum",
        "bewegungspark-bergstrasse-3-4",
        "",
        None,
        "approved",
        "",
        "",
        12,
    ),
    (
        "Die Beleuchtung auf dem Fußweg entlang der Seseke ist abends zu dunkel. Viele ältere Menschen trauen sich "
        "dort nicht mehr entlang.",
        "Klimaschutz",
        "",
        "Fußweg an der Seseke, Höhe Brücke",
        ("51.586200", "7.697300"),
        "approved",
        "",
        "",
        8,
    ),
    (
        "More bike stands near the shops on Heerener Straße would make it easier to shop without a car.",
        "Einzelhandel und Nahversorgung",
        "geschaeftsstrasse-heerener-strasse",
        "Heerener Straße",
        None,
        "new",
        "",
        "",
        2,
    ),
    (
        "Können die Sprechzeiten des Stadtteilbüros auch einmal am Samstagvormittag stattfinden? Unter der Woche "
        "arbeite ich.",
        "Identität und Image",
        "stadtteilbuero",
        "",
        None,
        "new",
        "",
        "",
        1,
    ),
    (
        "Werbung: Günstige Kredite ohne Schufa, jetzt anrufen!",
        "",
        "",
        "",
        None,
        "rejected",
        "",
        "Werbung, kein Beitrag zum Stadtteil.",
        5,
    ),
]


def load(demo: Demo):
    t = demo.t
    page = demo.page(
        demo.de_home,
        ParticipationPage,
        t("beteiligung", "participation"),
        title=t("Beteiligung", "Participation"),
        show_in_menus=True,
        intro=t(
            "<p>Sie kennen Heeren-Werve am besten: Wo drückt der Schuh, was fehlt, was gefällt Ihnen? Schreiben Sie uns "
            "Ihre Idee, Ihre Frage oder Ihre Kritik – zu einer Maßnahme, zu einem Handlungsfeld oder zu einem Ort "
            "im Stadtteil.</p>"
            f"<p><i>{EXAMPLE_NOTE_DE}</i></p>",
            "<p>You know Heeren-Werve best: where are the sore points, what is missing, what do you like? Send us "
            "your idea, question or criticism – about a measure, a field of action or a place in the district.</p>"
            f"<p><i>{EXAMPLE_NOTE_EN}</i></p>",
        ),
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
    survey = _survey(demo, page)
    _settings()
    _contributions(demo)
    demo.translate(page)
    demo.translate(survey)


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
    return demo.page(
        parent,
        FormPage,
        t("umfrage-spielplatz-rosenstrasse", "survey-playground-rosenstrasse"),
        title=t("Umfrage: Spielplatz Rosenstraße", "Survey: playground at Rosenstraße"),
        intro=t(
            "<p>Der Spielplatz an der Rosenstraße wird neu gestaltet. Was ist Ihnen wichtig? Die Umfrage dauert "
            "zwei Minuten und ist anonym.</p>"
            f"<p><i>{EXAMPLE_NOTE_DE}</i></p>",
            "<p>The playground at Rosenstraße is being redesigned. What matters to you? The survey takes two minutes "
            "and is anonymous.</p>"
            f"<p><i>{EXAMPLE_NOTE_EN}</i></p>",
        ),
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
    for message, field, slug, address, place, status, reply, reason, days in CONTRIBUTIONS:
        created = now - timedelta(days=days)
        moderated = status != Contribution.Status.NEW
        Contribution.objects.create(
            message=message,
            language="en" if message.startswith("More bike") else "de",
            field_of_action=fields.get(field),
            measure=measures.get(slug),
            address=address,
            latitude=place[0] if place else None,
            longitude=place[1] if place else None,
            status=status,
            public_reply=reply,
            replied_at=created + timedelta(days=2) if reply else None,
            rejection_reason=reason,
            moderated_by=demo.user if moderated else None,
            moderated_at=created + timedelta(days=1) if moderated else None,
            created_at=created,
            # Only the unpublished examples carry (invented) personal data, to show the admin view.
            contact_name="Erika Beispiel" if status == Contribution.Status.NEW else "",
            contact_email="erika.beispiel@example.org" if status == Contribution.Status.NEW else "",
            reply_consent=status == Contribution.Status.NEW,
        )
    demo.log(f"  created {len(CONTRIBUTIONS)} example contributions")
