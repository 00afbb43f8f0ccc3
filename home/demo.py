"""Demo content of the home app: the start page, legal pages, easy read, sign language, site settings."""

from pathlib import Path

from django.core.files import File
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from home.models import HomePage, StandardPage
from stadtteil.demo import EXAMPLE_NOTE_DE, EXAMPLE_NOTE_EN, Demo
from stadtteil.models import SiteSettings, SiteTexts

ASSETS = Path(__file__).resolve().parent / "demo_assets"


def load(demo: Demo):
    home = _home_page(demo)
    demo.de_home = home
    demo.en_home = demo.translate(home)
    pages = _standard_pages(demo, home)
    _site_settings(demo, home, pages)


def _home_page(demo: Demo):
    t = demo.t
    fields = {
        "title": t("Stadtteilprojekt Heeren-Werve", "Heeren-Werve district project"),
        "slug": t("start", "home"),
        "hero_heading": t("Heeren-Werve gemeinsam gestalten", "Shaping Heeren-Werve together"),
        "hero_text": t(
            "Das Integrierte Handlungskonzept für Kamens Osten: Maßnahmen, Termine und Beteiligung an einem Ort.",
            "The integrated action plan for the east of Kamen: measures, dates and participation in one place.",
        ),
        "intro": t(
            "<p>Heeren-Werve ist der östliche Stadtteil von Kamen. Hier lebt rund ein Fünftel der Kamenerinnen "
            "und Kamener. Seit 2016 fördern Bund und Land den Stadtteil im Programm "
            "<b>Aktive Stadt- und Ortsteilzentren</b> der Städtebauförderung.</p>"
            f"<p><i>{EXAMPLE_NOTE_DE}</i></p>",
            "<p>Heeren-Werve is the eastern district of Kamen, home to about a fifth of the town's residents. "
            "Since 2016 the federal government and the state have funded the district through the programme "
            "<b>Active town and district centres</b> of the urban development funding.</p>"
            f"<p><i>{EXAMPLE_NOTE_EN}</i></p>",
        ),
    }
    root = Page.get_first_root_node()
    home = root.get_children().type(HomePage).filter(locale=demo.de).first()
    if home is None:
        hero = demo.image("Heeren-Werve Neue Mitte", "Neue Mitte Heeren-Werve", colour="#1f5f3a")
        home = HomePage(locale=demo.de, hero_image=hero, **fields)
        root.add_child(instance=home)
        home.save_revision(user=demo.user, log_action=True).publish(user=demo.user)
        demo.log("  created the German home page")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    if site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "Stadtteilprojekt Heeren-Werve"
        site.save()
        # Wagtail's initial "Welcome" page is no longer reachable; remove it.
        if old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()
    return home


def _p(demo, de, en):
    return ("paragraph", demo.t(de, en))


def _h(demo, de, en, level="h2"):
    return ("heading", {"text": demo.t(de, en), "level": level})


def _machine_translation_note(demo):
    """DeepL is named as a processor only where the translation editor uses it (DEEPL_API_KEY, see README)."""
    from django.conf import settings

    if not settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR:
        return []
    return [
        _p(
            demo,
            "<p>Für die englische Fassung kann die Redaktion Texte dieser Website maschinell von DeepL SE (Köln) "
            "vorübersetzen lassen (Auftragsverarbeitung nach Art. 28 DSGVO). Dabei werden nur die Texte der Seiten "
            "übermittelt, keine Daten von Besucherinnen und Besuchern.</p>",
            "<p>For the English version, the editorial team may have texts of this website pre-translated by "
            "DeepL SE (Cologne, Germany) as a processor (Art. 28 GDPR). Only the texts of the pages are sent, no "
            "data of visitors.</p>",
        )
    ]


def _standard_pages(demo: Demo, home):
    pages = {}
    t = demo.t
    pages["about"] = demo.translated_page(
        StandardPage,
        ("ueber-das-projekt", "about-the-project"),
        ("Über das Projekt", "About the project"),
        show_in_menus=True,
        intro=(
            "Das Integrierte Handlungskonzept bündelt die Maßnahmen für Heeren-Werve in acht Handlungsfeldern.",
            "The integrated action plan brings together the measures for Heeren-Werve in eight fields of action.",
        ),
        body=[
            _h(demo, "Ein Stadtteil mit Geschichte", "A district with a history"),
            _p(
                demo,
                "<p>Der Bergbau hat Heeren-Werve geprägt: Die Zeche Königsborn 2/5 förderte von 1887 bis 1966 Kohle. "
                "Bergarbeitersiedlungen, Villen und Fachwerkhäuser erzählen bis heute davon. Die Seseke wurde "
                "renaturiert, und das Zentrum ist seit 2008 Sanierungsgebiet.</p>",
                "<p>Coal mining shaped Heeren-Werve: the Königsborn 2/5 colliery produced coal from 1887 to 1966. "
                "Miners' settlements, villas and half-timbered houses still tell of it. The Seseke river was "
                "renaturalised, and the centre has been a redevelopment area since 2008.</p>",
            ),
            _h(demo, "Gemeinsam erarbeitet", "Drawn up together"),
            _p(
                demo,
                "<p>Das Handlungskonzept entstand 2015 mit den Bewohnerinnen und Bewohnern: bei Stadtteilspaziergängen, "
                "Versammlungen, in Arbeitsgruppen und über ein Online-Beteiligungsportal.</p>",
                "<p>The action plan was drawn up in 2015 with the residents: on walks through the district, at "
                "meetings, in working groups and through an online participation portal.</p>",
            ),
            (
                "quote",
                {
                    "quote": t(
                        "Die Menschen, die hier wohnen, wissen am besten, wo der Schuh drückt.",
                        "The people who live here know best where the shoe pinches.",
                    ),
                    "attribution": t("Aus einer Stadtteilkonferenz", "From a district conference"),
                },
            ),
            (
                "accordion",
                {
                    "heading": t("Häufige Fragen", "Frequently asked questions"),
                    "items": [
                        {
                            "title": t("Wer bezahlt die Maßnahmen?", "Who pays for the measures?"),
                            "content": t(
                                "<p>Bund und Land tragen über die Städtebauförderung den größten Teil, die Stadt Kamen "
                                "einen Eigenanteil.</p>",
                                "<p>The federal government and the state pay the largest share through the urban "
                                "development funding; the town of Kamen pays its own share.</p>",
                            ),
                        },
                        {
                            "title": t("Wie kann ich mitmachen?", "How can I take part?"),
                            "content": t(
                                "<p>Kommen Sie zu den Terminen im Stadtteil oder schreiben Sie uns über die "
                                "Beteiligungsseite.</p>",
                                "<p>Come to the events in the district or write to us through the participation "
                                "page.</p>",
                            ),
                        },
                    ],
                },
            ),
            (
                "table",
                {
                    "caption": t("Eckdaten des Programms", "Key facts of the programme"),
                    "columns": [t("Merkmal", "Item"), t("Wert", "Value")],
                    "rows": [
                        {"cells": [t("Handlungskonzept beschlossen", "Action plan adopted"), "2015"]},
                        {"cells": [t("Förderprogramm seit", "Funding programme since"), "2016"]},
                        {"cells": [t("Handlungsfelder", "Fields of action"), "8"]},
                        {"cells": [t("Sanierungsgebiet seit", "Redevelopment area since"), "2008"]},
                    ],
                    "first_column_is_header": True,
                },
            ),
            demo.note(),
        ],
    )
    pages["imprint"] = demo.translated_page(
        StandardPage,
        ("impressum", "legal-notice"),
        ("Impressum", "Legal notice"),
        intro=(
            "Angaben gemäß § 5 Digitale-Dienste-Gesetz (DDG).",
            "Information according to § 5 of the German Digital Services Act (DDG).",
        ),
        body=[
            _h(demo, "Anbieterin", "Provider"),
            _p(
                demo,
                "<p>Stadt Kamen<br/>Körperschaft des öffentlichen Rechts<br/>Rathausplatz 1<br/>59174 Kamen</p>",
                "<p>Town of Kamen<br/>Public-law corporation<br/>Rathausplatz 1<br/>59174 Kamen, Germany</p>",
            ),
            _h(demo, "Vertreten durch", "Represented by"),
            _p(
                demo,
                "<p>Die Bürgermeisterin bzw. den Bürgermeister der Stadt Kamen.</p>",
                "<p>The mayor of the town of Kamen.</p>",
            ),
            _h(demo, "Kontakt", "Contact"),
            _p(
                demo,
                "<p>Telefon: 02307 148-0<br/>E-Mail: stadtteilprojekt@example.org</p>",
                "<p>Phone: +49 2307 148-0<br/>E-mail: stadtteilprojekt@example.org</p>",
            ),
            _h(demo, "Umsatzsteuer-Identifikationsnummer", "VAT identification number"),
            _p(demo, "<p>DE000000000 (Beispiel)</p>", "<p>DE000000000 (example)</p>"),
            _h(demo, "Verantwortlich für den Inhalt", "Responsible for the content"),
            _p(
                demo,
                "<p>Fachbereich Planung, Bauen und Umwelt, Stadtteilprojekt Heeren-Werve, Rathausplatz 1, 59174 Kamen.</p>",
                "<p>Department of Planning, Building and Environment, Heeren-Werve district project, Rathausplatz 1, 59174 Kamen.</p>",
            ),
            _h(demo, "Aufsichtsbehörde", "Supervisory authority"),
            _p(demo, "<p>Bezirksregierung Arnsberg</p>", "<p>Arnsberg district government</p>"),
            demo.note(),
        ],
    )
    pages["privacy"] = demo.translated_page(
        StandardPage,
        ("datenschutz", "privacy"),
        ("Datenschutzerklärung", "Privacy policy"),
        intro=(
            "Wir verarbeiten personenbezogene Daten nur, soweit es für diese Website nötig ist (Art. 13 DSGVO).",
            "We process personal data only as far as this website needs it (Art. 13 GDPR).",
        ),
        body=[
            _h(demo, "Verantwortliche Stelle", "Controller"),
            _p(
                demo,
                "<p>Stadt Kamen, Rathausplatz 1, 59174 Kamen, stadtteilprojekt@example.org</p>",
                "<p>Town of Kamen, Rathausplatz 1, 59174 Kamen, Germany, stadtteilprojekt@example.org</p>",
            ),
            _h(demo, "Datenschutzbeauftragte Person", "Data protection officer"),
            _p(
                demo,
                "<p>Datenschutzbeauftragte der Stadt Kamen, Rathausplatz 1, 59174 Kamen, datenschutz@example.org</p>",
                "<p>Data protection officer of the town of Kamen, Rathausplatz 1, 59174 Kamen, datenschutz@example.org</p>",
            ),
            _h(demo, "Zwecke und Rechtsgrundlagen", "Purposes and legal bases"),
            _p(
                demo,
                "<ul><li>Bereitstellung der Website und Sicherheit: Server-Protokolle ohne vollständige IP-Adressen, "
                "Art. 6 Abs. 1 lit. e DSGVO.</li><li>Newsletter: Ihre E-Mail-Adresse mit Ihrer Einwilligung "
                "(Doppelte Bestätigung), Art. 6 Abs. 1 lit. a DSGVO.</li><li>Beteiligung: Ihre Beiträge und freiwillige "
                "Angaben, Art. 6 Abs. 1 lit. e DSGVO.</li></ul>",
                "<ul><li>Providing the website and its security: server logs without full IP addresses, "
                "Art. 6(1)(e) GDPR.</li><li>Newsletter: your e-mail address with your consent (double opt-in), "
                "Art. 6(1)(a) GDPR.</li><li>Participation: your contributions and voluntary details, "
                "Art. 6(1)(e) GDPR.</li></ul>",
            ),
            _h(demo, "Keine Drittanbieter", "No third parties"),
            _p(
                demo,
                "<p>Schriften, Skripte und Symbole liefert diese Website selbst aus. Kartenkacheln werden erst geladen, "
                "wenn Sie die Karte ausdrücklich einschalten.</p>",
                "<p>This website serves its fonts, scripts and icons itself. Map tiles are loaded only when you "
                "switch the map on yourself.</p>",
            ),
            _h(demo, "Auftragsverarbeiter und Speicherdauer", "Processors and retention"),
            _p(
                demo,
                "<p>Das Hosting erfolgt im Rechenzentrum eines kommunalen IT-Dienstleisters. Server-Protokolle werden nach "
                "7 Tagen gelöscht, unbestätigte Newsletter-Anmeldungen nach 7 Tagen.</p>",
                "<p>The site is hosted in the data centre of a municipal IT service provider. Server logs are deleted "
                "after 7 days, unconfirmed newsletter requests after 7 days.</p>",
            ),
            *_machine_translation_note(demo),
            _h(demo, "Ihre Rechte", "Your rights"),
            _p(
                demo,
                "<p>Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung, "
                "Widerspruch und Datenübertragbarkeit sowie auf Widerruf einer Einwilligung.</p>",
                "<p>You have the right of access, rectification, erasure, restriction of processing, objection and "
                "data portability, and to withdraw consent.</p>",
            ),
            _h(demo, "Aufsichtsbehörde", "Supervisory authority"),
            _p(
                demo,
                "<p>Landesbeauftragte für Datenschutz und Informationsfreiheit Nordrhein-Westfalen (LDI NRW), "
                "Kavalleriestraße 2–4, 40213 Düsseldorf.</p>",
                "<p>State Commissioner for Data Protection and Freedom of Information of North Rhine-Westphalia "
                "(LDI NRW), Kavalleriestraße 2–4, 40213 Düsseldorf.</p>",
            ),
            demo.note(),
        ],
    )
    pages["accessibility"] = demo.translated_page(
        StandardPage,
        ("barrierefreiheit", "accessibility"),
        ("Erklärung zur Barrierefreiheit", "Accessibility statement"),
        intro=(
            "Die Stadt Kamen ist bemüht, diese Website im Einklang mit dem Behindertengleichstellungsgesetz NRW (BGG NRW) "
            "und der Barrierefreie-Informationstechnik-Verordnung NRW (BITV NRW) barrierefrei zugänglich zu machen.",
            "The town of Kamen strives to make this website accessible in accordance with the Disability Equality "
            "Act of North Rhine-Westphalia (BGG NRW) and the state's accessible IT regulation (BITV NRW).",
        ),
        body=[
            _h(demo, "Stand der Vereinbarkeit", "Compliance status"),
            _p(
                demo,
                "<p>Diese Website ist weitgehend mit WCAG 2.1 Stufe AA (EN 301 549) vereinbar. Die Prüfung erfolgt "
                "automatisiert bei jeder Änderung und durch eine Selbstbewertung.</p>",
                "<p>This website is largely compliant with WCAG 2.1 level AA (EN 301 549). It is checked automatically "
                "with every change and by a self-assessment.</p>",
            ),
            _h(demo, "Nicht barrierefreie Inhalte", "Content that is not accessible"),
            _p(
                demo,
                "<p>Ältere PDF-Dokumente sind teilweise nicht barrierefrei. Den Abschlussbericht gibt es deshalb "
                "auch als Webseite.</p>",
                "<p>Some older PDF documents are not fully accessible. The final report is therefore also "
                "available as a web page.</p>",
            ),
            _h(demo, "Feedback und Kontakt", "Feedback and contact"),
            _p(
                demo,
                "<p>Sind Ihnen Mängel aufgefallen? Schreiben Sie an barrierefreiheit@example.org oder rufen Sie "
                "02307 148-0 an. Wir antworten innerhalb von sechs Wochen.</p>",
                "<p>Have you noticed any barriers? Write to barrierefreiheit@example.org or call +49 2307 148-0. "
                "We answer within six weeks.</p>",
            ),
            _h(demo, "Durchsetzungsverfahren", "Enforcement procedure"),
            _p(
                demo,
                "<p>Wenn Sie keine zufriedenstellende Antwort erhalten, können Sie sich an die "
                '<a href="https://www.mags.nrw/ombudsstelle-barrierefreie-informationstechnik">Ombudsstelle für '
                "barrierefreie Informationstechnik des Landes NRW</a> wenden.</p>",
                "<p>If you do not receive a satisfactory answer, you can contact the "
                '<a href="https://www.mags.nrw/ombudsstelle-barrierefreie-informationstechnik">Ombudsman for '
                "accessible information technology of the state of NRW</a>.</p>",
            ),
            _p(
                demo,
                "<p>Diese Erklärung wurde am 24. November 2026 erstellt.</p>",
                "<p>This statement was prepared on 24 November 2026.</p>",
            ),
        ],
    )
    pages["easy_read"] = demo.translated_page(
        StandardPage,
        ("leichte-sprache", "easy-read"),
        ("Leichte Sprache", "Easy read"),
        intro=(
            "Hier erklären wir das Stadtteil-Projekt in Leichter Sprache.",
            "Here we explain the district project in easy words.",
        ),
        body=[
            _h(demo, "Was ist das Stadtteil-Projekt?", "What is the district project?"),
            _p(
                demo,
                "<p>Heeren-Werve ist ein Teil von der Stadt Kamen.</p><p>Die Stadt will Heeren-Werve schöner machen.</p>"
                "<p>Zum Beispiel: neue Plätze, Spiel-Plätze und Parks.</p>",
                "<p>Heeren-Werve is a part of the town of Kamen.</p><p>The town wants to make Heeren-Werve nicer.</p>"
                "<p>For example: new squares, playgrounds and parks.</p>",
            ),
            _h(demo, "Wer bezahlt das?", "Who pays for it?"),
            _p(
                demo,
                "<p>Das Land und der Bund geben Geld dazu.</p><p>Die Stadt Kamen bezahlt auch einen Teil.</p>",
                "<p>The state and the federal government give money.</p><p>The town of Kamen also pays a part.</p>",
            ),
            _h(demo, "Sie können mit-machen", "You can take part"),
            _p(
                demo,
                "<p>Sagen Sie uns Ihre Meinung.</p><p>Kommen Sie ins Stadtteil-Büro.</p><p>Oder schreiben Sie uns eine E-Mail.</p>",
                "<p>Tell us what you think.</p><p>Come to the district office.</p><p>Or send us an e-mail.</p>",
            ),
        ],
    )
    pages["sign_language"] = demo.translated_page(
        StandardPage,
        ("gebaerdensprache", "sign-language"),
        ("Gebärdensprache", "Sign language"),
        intro=(
            "Informationen über das Stadtteilprojekt in Deutscher Gebärdensprache (DGS).",
            "Information about the district project in German Sign Language (DGS).",
        ),
        body=[_video_block(demo), demo.note()],
    )
    return pages


def _video_block(demo: Demo):
    documents = get_document_model()
    video = documents.objects.filter(title="Gebärdensprache: Das Stadtteilprojekt").first()
    if video is None:
        video = documents(title="Gebärdensprache: Das Stadtteilprojekt")
        with open(ASSETS / "gebaerdensprache.webm", "rb") as handle:
            video.file.save("gebaerdensprache.webm", File(handle), save=False)
        video.save()
    captions = documents.objects.filter(title="Untertitel Gebärdensprache").first()
    if captions is None:
        captions = documents(title="Untertitel Gebärdensprache")
        with open(ASSETS / "gebaerdensprache.de.vtt", "rb") as handle:
            captions.file.save("gebaerdensprache.de.vtt", File(handle), save=False)
        captions.save()
    return (
        "video",
        {
            "title": demo.t(
                "Das Stadtteilprojekt in Deutscher Gebärdensprache (Platzhalter-Video)",
                "The district project in German Sign Language (placeholder video)",
            ),
            "video": video,
            "captions": captions,
            "poster": None,
            "transcript": demo.t(
                "<p>In diesem Video stellen wir das Stadtteilprojekt Heeren-Werve vor: die Maßnahmen, die Termine und "
                "wie Sie mitmachen können.</p>",
                "<p>In this video we introduce the Heeren-Werve district project: the measures, the dates and how you "
                "can take part.</p>",
            ),
        },
    )


def _site_settings(demo: Demo, home, pages):
    site = Site.objects.get(is_default_site=True)
    site_settings = SiteSettings.for_site(site)
    if not site_settings.office_name:
        site_settings.office_name = "Stadtteilbüro Heeren-Werve"
        site_settings.street = "Mittelstraße 14"
        site_settings.postcode = "59174"
        site_settings.city = "Kamen"
        site_settings.phone = "02307 148-0"
        site_settings.email = "stadtteilprojekt@example.org"
        site_settings.imprint_page = pages["imprint"]
        site_settings.privacy_page = pages["privacy"]
        site_settings.accessibility_page = pages["accessibility"]
        site_settings.easy_read_page = pages["easy_read"]
        site_settings.sign_language_page = pages["sign_language"]
        site_settings.federal_funding_logo = demo.logo("Logo Städtebauförderung", "Städtebauförderung", "#003064")
        site_settings.state_logo = demo.logo("Logo Land NRW", "Land NRW", "#00705a")
        site_settings.town_logo = demo.logo("Logo Stadt Kamen", "Stadt Kamen", "#8a1c1c")
        site_settings.save()
    if not site_settings.social_image_id and home.hero_image_id:
        site_settings.social_image_id = home.hero_image_id
        site_settings.save(update_fields=["social_image"])
    t = demo.t
    demo.translated_snippet(
        SiteTexts,
        site_name=t("Stadtteilprojekt Heeren-Werve", "Heeren-Werve district project"),
        tagline=t("Integriertes Handlungskonzept der Stadt Kamen", "Integrated action plan of the town of Kamen"),
        opening_hours=t(
            "Sprechzeiten im Stadtteilbüro: dienstags und mittwochs 10–12 und 15–17 Uhr",
            "Office hours at the district office: Tuesdays and Wednesdays 10–12 and 15–17",
        ),
        funding_notice=t(
            "Gefördert im Rahmen der Städtebauförderung von Bund, Ländern und Gemeinden, Programm "
            "„Aktive Stadt- und Ortsteilzentren“, durch das Land Nordrhein-Westfalen.",
            "Funded by the urban development programme of the federal government, the states and municipalities "
            "(Städtebauförderung), programme “Active town and district centres”, through the state of North "
            "Rhine-Westphalia.",
        ),
        federal_funding_logo_alt=t(
            "Städtebauförderung von Bund, Ländern und Gemeinden",
            "Urban development funding of the federal government, states and municipalities",
        ),
        state_logo_alt=t("Land Nordrhein-Westfalen", "State of North Rhine-Westphalia"),
        town_logo_alt=t("Stadt Kamen", "Town of Kamen"),
        social_image_alt=t("Der Platz Neue Mitte in Heeren-Werve", "The Neue Mitte square in Heeren-Werve"),
    )
