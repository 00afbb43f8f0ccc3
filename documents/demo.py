"""Demo content of the documents app: a generated final report PDF with real German text, a plan, minutes, a
presentation and an application form; the downloads page, the report as a web page and the search page.
"""

import datetime
import functools
import io
import logging
import zipfile
from pathlib import Path

from django.core.files.base import ContentFile
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model

from documents import processing
from documents.models import DocumentIndexPage, ReportPage, SearchPage
from stadtteil.demo import EXAMPLE_NOTE_DE, EXAMPLE_NOTE_EN, Demo

logger = logging.getLogger(__name__)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

# The report's chapters: German for the PDF and the page, English for the page's translation.
CHAPTERS = [
    (
        "Einleitung",
        "Introduction",
        [
            (
                "Dieser Abschlussbericht fasst zusammen, was im Stadtteil Heeren-Werve seit dem Integrierten "
                "Handlungskonzept von 2015 geschehen ist. Er beschreibt die Ausgangslage, die Beteiligung der "
                "Bewohnerinnen und Bewohner, die umgesetzten Maßnahmen und die Zwischenbilanz der Stadt Kamen.",
                "This final report sums up what has happened in the district of Heeren-Werve since the integrated "
                "action plan of 2015. It describes the starting point, the participation of the residents, the "
                "measures carried out and the town of Kamen's interim assessment.",
            ),
            (
                "Seit 2016 fördern Bund und Land den Stadtteil im Programm Aktive Stadt- und Ortsteilzentren der "
                "Städtebauförderung. Das Zentrum von Heeren-Werve ist seit 2008 Sanierungsgebiet.",
                "Since 2016 the federal government and the state have funded the district through the programme "
                "Active town and district centres. The centre of Heeren-Werve has been a redevelopment area since 2008.",
            ),
        ],
    ),
    (
        "Ausgangslage",
        "Starting point",
        [
            (
                "Heeren-Werve ist der östliche Stadtteil von Kamen; hier lebt rund ein Fünftel der Bevölkerung. Der "
                "Bergbau hat den Ort geprägt: Die Zeche Königsborn 2/5 förderte von 1887 bis 1966 Kohle. "
                "Bergarbeitersiedlungen, Villen und Fachwerkhäuser prägen bis heute das Ortsbild.",
                "Heeren-Werve is the eastern district of Kamen, home to about a fifth of its population. Mining shaped "
                "the place: the Königsborn 2/5 colliery produced coal from 1887 to 1966. Miners' settlements, villas "
                "and half-timbered houses still shape the townscape.",
            ),
            (
                "Vor Beginn des Programms fehlten ein attraktiver Treffpunkt in der Ortsmitte, sichere Wege für "
                "Kinder und zeitgemäße Spielplätze. Viele Geschäfte standen leer.",
                "Before the programme began, the centre lacked an attractive meeting place, safe routes for children "
                "and up-to-date playgrounds. Many shops stood empty.",
            ),
        ],
    ),
    (
        "Beteiligung",
        "Participation",
        [
            (
                "Das Handlungskonzept entstand mit den Menschen vor Ort: bei Stadtteilspaziergängen, in "
                "Bürgerversammlungen, in Arbeitsgruppen und über ein Online-Beteiligungsportal. Das Stadtteilbüro "
                "an der Mittelstraße 14 war von 2017 bis 2024 dienstags und mittwochs geöffnet.",
                "The action plan was drawn up with the people who live here: on walks through the district, at "
                "public meetings, in working groups and through an online participation portal. The district office "
                "at Mittelstraße 14 was open on Tuesdays and Wednesdays from 2017 to 2024.",
            ),
        ],
    ),
    (
        "Maßnahmen",
        "Measures",
        [
            (
                "Die Neue Mitte an der Märkischen Straße ist fertig: Ein Wettbewerb mit 15 Landschaftsarchitekturbüros "
                "ging ihrer Gestaltung voraus. Auch der Luisenpark wurde neu gestaltet.",
                "The new centre at Märkische Straße is finished: a competition among 15 landscape architecture offices "
                "preceded its design. Luisenpark was redesigned as well.",
            ),
            (
                "Der Sport- und Bewegungspark an der Bergstraße entsteht in vier Bauabschnitten; die ersten beiden "
                "sind abgeschlossen, ein Baumlehrpfad folgt. Der Spielplatz an der Rosenstraße ist in Planung.",
                "The sport and exercise park at Bergstraße is being built in four phases; the first two are complete, "
                "and a tree trail will follow. The playground at Rosenstraße is being planned.",
            ),
        ],
    ),
    (
        "Verfügungsfonds",
        "Neighbourhood fund",
        [
            (
                "Aus dem Verfügungsfonds erhalten Bewohnerinnen und Bewohner, Vereine und Geschäfte einen Zuschuss "
                "von 50 Prozent, höchstens 5.000 Euro je Projekt. Das Stadtteilgremium entscheidet über die Anträge. "
                "Gefördert wurden zum Beispiel die Weihnachtsbeleuchtung, ein öffentlicher Bücherschrank und "
                "Blumenampeln.",
                "The neighbourhood fund gives residents, clubs and shops a grant of 50 per cent, at most 5,000 euros "
                "per project. The district committee decides on the applications. Examples of funded projects are the "
                "Christmas lights, a public bookcase and flower baskets.",
            ),
        ],
    ),
    (
        "Ausblick",
        "Outlook",
        [
            (
                "Die Netzwerke bleiben: Rund ums Dorf trifft sich monatlich, die Werbegemeinschaft Wir in "
                "Heeren-Werve zählt rund 50 Betriebe. Die Stadt Kamen führt die begonnenen Bauabschnitte fort.",
                "The networks remain: Rund ums Dorf meets every month, and the traders' association Wir in "
                "Heeren-Werve has about 50 businesses. The town of Kamen will continue the construction phases it "
                "has begun.",
            ),
        ],
    ),
]

# Extra German paragraphs only in the PDF, so that it runs to several pages like a real report.
PDF_DETAIL = (
    "Die Maßnahmen wurden mit den Fachämtern, den Trägern im Stadtteil und den Anwohnerinnen und Anwohnern "
    "abgestimmt. Jede Planung wurde öffentlich vorgestellt; Hinweise aus den Versammlungen sind in die "
    "Entwürfe eingeflossen. Für Kinder und Jugendliche gab es eigene Beteiligungsformate, etwa eine "
    "Spielplatzbegehung und eine Zukunftswerkstatt in der Grundschule. "
)


def load(demo: Demo):
    documents = _documents(demo)
    downloads = demo.translated_page(
        DocumentIndexPage,
        ("downloads", "downloads"),
        ("Downloads", "Downloads"),
        show_in_menus=True,
        intro=(
            "<p>Hier finden Sie den Abschlussbericht, Pläne, Protokolle und Präsentationen zum Stadtteilprojekt.</p>",
            "<p>Here you will find the final report, plans, minutes and presentations of the district project.</p>",
        ),
    )
    report = demo.translated_page(
        ReportPage,
        ("abschlussbericht", "final-report"),
        (
            "Abschlussbericht: Integriertes Handlungskonzept Heeren-Werve",
            "Final report: integrated action plan for Heeren-Werve",
        ),
        intro=(
            "Der Bericht als barrierearme Webseite: alle Kapitel mit Inhaltsverzeichnis und direkten Links.",
            "The report as an accessible web page: every chapter with a table of contents and direct links.",
        ),
        document=documents["report"],
        body=_report_body(demo),
        parent=downloads,
    )
    demo.translated_page(
        SearchPage,
        ("suche", "search"),
        ("Suche", "Search"),
        intro=(
            "Durchsuchen Sie alle Seiten und Dokumente, auch den Text in PDF-Dateien.",
            "Search every page and document, including the text inside PDF files.",
        ),
    )
    _promotion(report)


# --- documents -------------------------------------------------------------------------------------------------


def _documents(demo: Demo):
    specs = {
        "report": {
            "title": "Abschlussbericht Integriertes Handlungskonzept Heeren-Werve",
            "english_title": "Final report: integrated action plan for Heeren-Werve",
            "category": "report",
            "is_final_report": True,
            "description": "Was seit 2015 im Stadtteil entstanden ist: Beteiligung, Maßnahmen, Verfügungsfonds und "
            "Ausblick. " + EXAMPLE_NOTE_DE,
            "english_description": "What has been built in the district since 2015: participation, measures, the "
            "neighbourhood fund and the outlook. " + EXAMPLE_NOTE_EN,
            "publication_date": datetime.date(2025, 3, 14),
            "filename": "abschlussbericht-heeren-werve.pdf",
            "content": _report_pdf,
        },
        "plan": {
            "title": "Rahmenplan Neue Mitte",
            "english_title": "Framework plan for the new centre",
            "category": "plan",
            "description": "Lageplan des Platzes an der Märkischen Straße mit Wegen, Bäumen und Sitzplätzen.",
            "english_description": "Site plan of the square at Märkische Straße with paths, trees and seating.",
            "publication_date": datetime.date(2019, 6, 3),
            "filename": "rahmenplan-neue-mitte.pdf",
            "content": _plan_pdf,
        },
        "minutes": {
            "title": "Protokoll der Sitzung des Stadtteilgremiums",
            "english_title": "Minutes of the district committee meeting",
            "category": "minutes",
            "description": "Beschlüsse zum Verfügungsfonds: Bücherschrank, Blumenampeln und Weihnachtsbeleuchtung.",
            "english_description": "Decisions on the neighbourhood fund: bookcase, flower baskets and Christmas lights.",
            "publication_date": datetime.date(2023, 11, 8),
            "filename": "protokoll-stadtteilgremium.pdf",
            "content": _minutes_pdf,
        },
        "presentation": {
            "title": "Präsentation Sport- und Bewegungspark Bergstraße",
            "english_title": "Presentation: sport and exercise park at Bergstraße",
            "category": "presentation",
            "description": "Die vier Bauabschnitte und der geplante Baumlehrpfad, vorgestellt in der Bürgerversammlung.",
            "english_description": "The four construction phases and the planned tree trail, shown at the public "
            "meeting.",
            "publication_date": datetime.date(2022, 5, 17),
            "filename": "praesentation-bewegungspark.pdf",
            "content": _presentation_pdf,
        },
        "form": {
            "title": "Antrag auf Förderung aus dem Verfügungsfonds",
            "english_title": "Application for a grant from the neighbourhood fund",
            "category": "form",
            "description": "Zum Ausfüllen am Computer: Projekt, Kosten, Eigenanteil und Unterschrift.",
            "english_description": "To fill in on a computer: project, costs, own contribution and signature.",
            "publication_date": datetime.date(2021, 2, 1),
            "filename": "antrag-verfuegungsfonds.docx",
            "content": _application_docx,
        },
    }
    model = get_document_model()
    result = {}
    for key, spec in specs.items():
        spec = dict(spec)
        build, filename = spec.pop("content"), spec.pop("filename")
        document = model.objects.filter(title=spec["title"]).first()
        if document is None:
            document = model(**spec)
            document.file.save(filename, ContentFile(build()), save=False)
            document.save()
            demo.log(f"  created document {filename}")
        result[key] = document
    return result


def _pdf():
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_margins(22, 22, 22)
    pdf.set_auto_page_break(True, margin=22)
    pdf.set_title("Stadtteilprojekt Heeren-Werve")
    pdf.set_author("Stadt Kamen")
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        pdf.add_font("body", "", str(regular))
        pdf.add_font("body", "B", str(bold))
        pdf.demo_unicode = True
    else:
        # No TTF on this machine: fpdf2's built-in Helvetica covers Latin-1 (umlauts and ß included).
        pdf.demo_unicode = False
    return pdf


def _font(pdf, style="", size=11):
    pdf.set_font("body" if pdf.demo_unicode else "helvetica", style, size)


def _text(pdf, text):
    if pdf.demo_unicode:
        return text
    replacements = {"\u2013": "-", "\u2014": "-", "\u201e": '"', "\u201c": '"', "\u201d": '"', "\u2019": "'"}
    for char, plain in replacements.items():
        text = text.replace(char, plain)
    return text.encode("latin-1", "replace").decode("latin-1")


def _write(pdf, text, size=11, style="", height=6):
    _font(pdf, style, size)
    pdf.multi_cell(0, height, _text(pdf, text), new_x="LMARGIN", new_y="NEXT")


REPORT_CSS = """
@page { size: A4; margin: 22mm; @bottom-center { content: counter(page); font-size: 9pt; } }
body { font-family: "DejaVu Sans", "Liberation Sans", sans-serif; font-size: 11pt; line-height: 1.45; }
.cover { page-break-after: always; }
.cover h1 { font-size: 28pt; margin-top: 40mm; }
h2 { font-size: 18pt; page-break-before: always; }
.note { font-size: 10pt; font-style: italic; }
"""


def _report_html():
    """The report as an HTML document: language, title and headings become the tagged PDF's structure."""
    from django.utils.html import escape

    chapters = []
    for number, (title, _en, paragraphs) in enumerate(CHAPTERS, start=1):
        text = "".join(f"<p>{escape(de)}</p>" for de, _english in paragraphs)
        detail = "".join(f"<p>{escape(PDF_DETAIL * 2)}</p>" for _ in range(4))
        chapters.append(f"<section><h2>{number}. {escape(title)}</h2>{text}{detail}</section>")
    return (
        '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">'
        "<title>Abschlussbericht Integriertes Handlungskonzept Heeren-Werve</title>"
        '<meta name="author" content="Stadt Kamen">'
        f"<style>{REPORT_CSS}</style></head><body>"
        '<header class="cover"><p>Stadt Kamen</p><h1>Abschlussbericht</h1>'
        "<p>Integriertes Handlungskonzept Heeren-Werve</p>"
        "<p>Stadtteilprojekt im Programm Aktive Stadt- und Ortsteilzentren, 2015 bis 2024</p>"
        f'<p class="note">{escape(EXAMPLE_NOTE_DE)}</p></header>'
        f"{''.join(chapters)}</body></html>"
    )


@functools.cache  # a few seconds to lay out; the same bytes every time (tests use it as an upload too)
def _report_pdf():
    """The final report as a tagged PDF/UA document (WeasyPrint); without WeasyPrint's system libraries (Pango)
    an untagged one (fpdf2), which the downloads page then marks as not accessible."""
    try:
        return processing.render_tagged_pdf(_report_html())
    except OSError as error:  # WeasyPrint could not load Pango
        logger.warning("WeasyPrint is unavailable (%s): the demo report PDF is not tagged.", error)
    pdf = _pdf()
    pdf.add_page()
    _write(pdf, "Stadt Kamen", 12, "B")
    pdf.ln(40)
    _write(pdf, "Abschlussbericht", 28, "B", 14)
    _write(pdf, "Integriertes Handlungskonzept Heeren-Werve", 18, "", 10)
    pdf.ln(10)
    _write(pdf, "Stadtteilprojekt im Programm Aktive Stadt- und Ortsteilzentren, 2015 bis 2024", 12)
    pdf.ln(60)
    _write(pdf, EXAMPLE_NOTE_DE, 10, "", 5)
    for number, (title, _en, paragraphs) in enumerate(CHAPTERS, start=1):
        pdf.add_page()
        _write(pdf, f"{number}. {title}", 18, "B", 10)
        pdf.ln(4)
        for de, _english in paragraphs:
            _write(pdf, de)
            pdf.ln(3)
        for _ in range(4):
            _write(pdf, PDF_DETAIL * 2)
            pdf.ln(3)
    return bytes(pdf.output())


def _plan_pdf():
    pdf = _pdf()
    pdf.add_page(orientation="L")
    _write(pdf, "Rahmenplan Neue Mitte Heeren-Werve", 18, "B", 10)
    _write(pdf, "Märkische Straße, Maßstab 1:500 (Beispielplan)", 11)
    pdf.set_draw_color(31, 95, 58)
    pdf.set_line_width(1)
    pdf.rect(30, 50, 230, 120)
    pdf.set_fill_color(200, 230, 200)
    for i in range(8):
        pdf.ellipse(45 + i * 27, 65, 14, 14, style="DF")
    pdf.set_fill_color(230, 220, 190)
    pdf.rect(60, 100, 170, 40, style="DF")
    pdf.set_xy(70, 115)
    _write(pdf, "Platz mit Sitzstufen, Bäumen und Wasserspiel", 12)
    return bytes(pdf.output())


def _minutes_pdf():
    pdf = _pdf()
    pdf.add_page()
    _write(pdf, "Protokoll der Sitzung des Stadtteilgremiums", 16, "B", 9)
    _write(pdf, "Ort: Stadtteilbüro, Mittelstraße 14, Kamen-Heeren-Werve", 11)
    pdf.ln(4)
    items = [
        "TOP 1: Begrüßung und Feststellung der Beschlussfähigkeit.",
        "TOP 2: Antrag des Heimatvereins auf einen öffentlichen Bücherschrank. Das Gremium bewilligt einen "
        "Zuschuss von 50 Prozent der Kosten.",
        "TOP 3: Blumenampeln für die Geschäftsstraße. Die Werbegemeinschaft übernimmt die Pflege.",
        "TOP 4: Weihnachtsbeleuchtung in der Ortsmitte. Der Antrag wird einstimmig angenommen.",
        "TOP 5: Verschiedenes. Der nächste Termin wird im Stadtteilbüro ausgehängt.",
    ]
    for item in items:
        _write(pdf, item)
        pdf.ln(3)
    pdf.add_page()
    _write(pdf, "Anlage: Übersicht der bewilligten Projekte aus dem Verfügungsfonds", 12, "B")
    _write(pdf, EXAMPLE_NOTE_DE, 10)
    return bytes(pdf.output())


def _presentation_pdf():
    pdf = _pdf()
    slides = [
        ("Sport- und Bewegungspark Bergstraße", "Bürgerversammlung, Präsentation der Planung"),
        ("Bauabschnitte 1 und 2", "Laufstrecke, Calisthenics-Anlage und Bolzplatz sind fertig."),
        ("Bauabschnitte 3 und 4", "Skate-Bereich, Ruhezonen und ein Baumlehrpfad mit heimischen Arten."),
        ("Ihre Meinung", "Schreiben Sie uns oder kommen Sie ins Stadtteilbüro."),
    ]
    for title, text in slides:
        pdf.add_page(orientation="L")
        pdf.ln(30)
        _write(pdf, title, 26, "B", 14)
        pdf.ln(6)
        _write(pdf, text, 16, "", 9)
    return bytes(pdf.output())


def _application_docx():
    """A minimal Office Open XML document (what Word needs to open it) with the form's questions."""
    paragraphs = [
        "Antrag auf Förderung aus dem Verfügungsfonds Heeren-Werve",
        "Name der Antragstellerin oder des Antragstellers:",
        "Beschreibung des Projekts:",
        "Gesamtkosten in Euro:",
        "Beantragter Zuschuss (höchstens 50 Prozent, höchstens 5.000 Euro):",
        "Datum und Unterschrift:",
    ]
    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>' for text in paragraphs)
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


# --- pages -----------------------------------------------------------------------------------------------------


def _report_body(demo: Demo):
    t = demo.t
    body = []
    figure = demo.image("Neue Mitte Heeren-Werve Platz", "Neue Mitte", colour="#2b5d7a")
    for index, (de_title, en_title, paragraphs) in enumerate(CHAPTERS):
        body.append(("chapter", {"title": t(de_title, en_title), "level": "h2", "anchor": ""}))
        for de, en in paragraphs:
            body.append(("paragraph", t(f"<p>{de}</p>", f"<p>{en}</p>")))
        if index == 3:
            # ImageBlock's native value: the image carrying its alt text for this use.
            figure.contextual_alt_text = t(
                "Der neu gestaltete Platz der Neuen Mitte mit Bäumen und Sitzstufen",
                "The redesigned square of the new centre with trees and seating steps",
            )
            figure.decorative = False
            body.append(
                (
                    "figure",
                    {
                        "image": figure,
                        "caption": t("Die Neue Mitte an der Märkischen Straße", "The new centre at Märkische Straße"),
                    },
                )
            )
    body.append(demo.note())
    return body


def _promotion(report_page):
    """A promoted result: searching "Bericht" recommends the report page first."""
    query = Query.get("bericht")
    if not SearchPromotion.objects.filter(query=query, page=report_page).exists():
        SearchPromotion.objects.create(query=query, page=report_page, sort_order=0)
