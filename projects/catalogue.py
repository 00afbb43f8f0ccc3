"""The site's open data as a DCAT-AP.de 2.0 catalogue (Turtle and JSON-LD), for GovData, Open.NRW and any
other harvester: `/katalog.ttl`, `/katalog.jsonld` (`/katalog` answers with either, by the Accept header).

DATASETS is the one list of what the catalogue describes. A dataset names the page type whose live public
translations serve its files (one distribution per file and language), its texts (gettext: German and English
literals), EU data themes and a `facts` function that reads issue/modification dates, the time covered and map
points from the data itself. A dataset of another app names its page type as "app_label.ModelName" and reads its
models with apps.get_model, or names that app's facts function by its dotted path (imported only when the
catalogue is built), so this module imports no app above projects (layers point down); a dataset whose
app or page is missing (or restricted) is left out. Only what an anonymous visitor may open is described or
counted (stadtteil.visibility), and the catalogue holds no personal data: the contact is the office's.

Vocabularies: DCAT-AP.de 2.0 (https://www.dcat-ap.de/def/dcatde/2.0/spec/), the EU authority tables
(data themes, file types, languages, access rights, planned availability) and IANA media types.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Max, Min
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SKOS, XSD

from stadtteil import conditional, routing
from stadtteil.site_url import absolute_url
from stadtteil.visibility import public_pages

DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
DCATAP = Namespace("http://data.europa.eu/r5r/")
LOCN = Namespace("http://www.w3.org/ns/locn#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
GSP = Namespace("http://www.opengis.net/ont/geosparql#")
EU = "http://publications.europa.eu/resource/authority/"
IANA = "https://www.iana.org/assignments/media-types/"

LANGUAGES = ("de", "en")
EU_LANGUAGES = {"de": "DEU", "en": "ENG"}

# The open-data section of the measures overview states CC BY 4.0; this is its IRI in DCAT-AP.de's licence list.
LICENCE = URIRef("http://dcat-ap.de/def/licenses/cc-by/4.0")
LICENCE_TYPE = URIRef("http://purl.org/adms/licencetype/Attribution")  # ADMS licence type (recommended)
ATTRIBUTION = _("Town of Kamen, Heeren-Werve district project")
PUBLISHER_NAME = _("Town of Kamen")
PUBLISHER_TYPE = URIRef("http://purl.org/adms/publishertype/LocalAuthority")
# Kamen's official municipality key (Amtlicher Gemeindeschlüssel); its data reaches GovData through Open.NRW.
MUNICIPALITY = URIRef("http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05978020")
MUNICIPALITY_LEVEL = URIRef("http://dcat-ap.de/def/politicalGeocoding/Level/municipality")
CONTRIBUTOR = URIRef("http://dcat-ap.de/def/contributors/openNRW")
ACCESS_PUBLIC = URIRef(EU + "access-right/PUBLIC")
AVAILABILITY = URIRef(EU + "planned-availability/STABLE")
# The approximate extent of Heeren-Werve (west, south, east, north); grown by any data point outside it.
DISTRICT_BBOX = (7.685, 51.572, 7.725, 51.597)


# --- the datasets -----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Facts:
    """What the data says about itself; every field may be None (then the property is left out)."""

    issued: datetime.datetime | None = None
    modified: datetime.datetime | None = None
    start: datetime.date | None = None
    end: datetime.date | None = None
    points: tuple = ()  # (longitude, latitude) of the data's places, for the bounding box


# Per kind of file: its EU file-type code (http://publications.europa.eu/resource/authority/file-type/…) and its
# IANA media type.
FILE_FORMATS = {
    "json": ("JSON", "application/json"),
    "geojson": ("GEOJSON", "application/geo+json"),
    "csv": ("CSV", "text/csv"),
    "xlsx": ("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "atom": ("ATOM", "application/atom+xml"),
    "rss": ("RSS", "application/rss+xml"),
    "ics": ("ICS", "text/calendar"),
}


@dataclass(frozen=True)
class Distribution:
    key: str  # part of the distribution's IRI, and its kind of file in FILE_FORMATS
    title: object  # lazy gettext
    route: str = ""  # a sub-view of the source page (its name, plain or stadtteil.routing.localized_path) …
    paths: dict = field(default_factory=dict)  # … or a path below it per language code

    @property
    def file_type(self):
        return FILE_FORMATS[self.key][0]

    @property
    def media_type(self):
        return FILE_FORMATS[self.key][1]

    def url(self, page, request):
        base = page.get_url(request)
        if not base:
            return ""
        suffix = routing.subpath(page, self.route) if self.route else self.paths[page.locale.language_code]
        return absolute_url(base + suffix)


@dataclass(frozen=True)
class Dataset:
    key: str  # the fragment of the dataset's IRI and its identifier
    page_type: str  # "app_label.ModelName" of the page whose translations serve the files
    title: object
    description: object
    keywords: tuple
    themes: tuple  # EU data-theme codes
    facts: Callable | str  # (source page, cache dict) -> Facts; another app's as a dotted path
    distributions: tuple
    periodicity: str = "IRREG"  # EU frequency code


def _quarter_start(year, quarter):
    return datetime.date(year, 3 * quarter - 2, 1)


def _quarter_end(year, quarter):
    return _quarter_start(year + quarter // 4, quarter % 4 + 1) - datetime.timedelta(days=1)


def _page_dates(page):
    return page.first_published_at, page.last_published_at


def measures_facts(index_page, cache):
    """The plan's period (first to last quarter of any measure), newest change and places of public measures;
    shared by the measures and the plan datasets (one query)."""
    if "measures" in cache:
        return cache["measures"]
    from projects.views.data import measures_queryset

    rows = list(
        measures_queryset(index_page).values_list(
            "last_published_at", "start_year", "start_quarter", "end_year", "end_quarter", "latitude", "longitude"
        )
    )
    issued, page_modified = _page_dates(index_page)
    facts = Facts(
        issued=issued,
        # As the measures' JSON says: when a measure last changed.
        modified=conditional.newest(row[0] for row in rows) or page_modified,
        start=min((_quarter_start(r[1], r[2]) for r in rows), default=None),
        end=max((_quarter_end(r[3], r[4]) for r in rows), default=None),
        points=tuple((float(r[6]), float(r[5])) for r in rows if r[5] is not None and r[6] is not None),
    )
    cache["measures"] = facts
    return facts


def milestones_facts(index_page, cache):
    """The measures' facts, with the time covered from the first planned to the last planned or reached milestone
    (one query more)."""
    from projects.models import Milestone
    from projects.views.data import measures_queryset

    measures = measures_facts(index_page, cache)
    row = Milestone.objects.filter(page__in=measures_queryset(index_page)).aggregate(
        start=Min("planned_date"), planned=Max("planned_date"), actual=Max("actual_date")
    )
    end = max((day for day in (row["planned"], row["actual"]) if day), default=None)
    return Facts(issued=measures.issued, modified=measures.modified, start=row["start"], end=end)


def _descendant_facts(page, model_label, start_field, end_field):
    """Dates of the live public pages of one type below `page` (one query)."""
    model = apps.get_model(model_label)
    pages = public_pages(model.objects.descendant_of(page).live())
    row = pages.aggregate(start=Min(start_field), end=Max(end_field), modified=Max("last_published_at"))
    issued, page_modified = _page_dates(page)

    def day(value):
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).date()
        return value

    return Facts(
        issued=issued,
        modified=conditional.newest([row["modified"], page_modified]),
        start=day(row["start"]),
        end=day(row["end"]),
    )


def news_facts(page, cache):
    return _descendant_facts(page, "news.NewsPage", "date", "date")


def events_facts(page, cache):
    return _descendant_facts(page, "news.EventPage", "start", "end")


def fund_facts(page, cache):
    """Years and newest status change of the funded projects the page lists (only those whose applicants
    agreed to be listed; one query, no personal data)."""
    application = apps.get_model("fund.Application")
    row = application.objects.filter(status__in=application.FUNDED_STATUSES, consent_publish=True).aggregate(
        first=Min("year"), last=Max("year"), changed=Max("status_changes__at")
    )
    issued, page_modified = _page_dates(page)
    return Facts(
        issued=issued,
        modified=conditional.newest([row["changed"], page_modified]),
        start=datetime.date(row["first"], 1, 1) if row["first"] else None,
        end=datetime.date(row["last"], 12, 31) if row["last"] else None,
    )


def change_notes_facts(index_page, cache):
    """Period and newest of the public change notes of the measures below the overview (one query)."""
    from projects.feeds import notes_of

    row = notes_of(index_page).aggregate(first=Min("published_at"), last=Max("published_at"))
    issued, page_modified = _page_dates(index_page)

    def day(value):
        return timezone.localtime(value).date() if value else None

    return Facts(
        issued=issued,
        modified=conditional.newest([row["last"], page_modified]),
        start=day(row["first"]),
        end=day(row["last"]),
    )


DATASETS = [
    Dataset(
        key="measures",
        page_type="projects.ProjectIndexPage",
        title=_("Measures of the integrated action plan Heeren-Werve"),
        description=_(
            "Every public measure of the integrated action plan for Heeren-Werve (Kamen): field of action, "
            "status, priority, period, responsible body, total cost, financing by source, amount spent, address "
            "and location. Texts in the language of the file; codes and amounts are the same in both."
        ),
        keywords=(_("urban development"), _("integrated action plan"), _("measures"), "Heeren-Werve"),
        themes=("REGI", "GOVE"),
        facts=measures_facts,
        distributions=(
            Distribution("json", _("Measures as JSON"), "data_json"),
            Distribution("geojson", _("Measures as GeoJSON"), "data_geojson"),
            Distribution("csv", _("Measures as CSV"), "data_csv"),
        ),
    ),
    Dataset(
        key="plan",
        page_type="projects.ProjectIndexPage",
        title=_("Plan of costs and financing Heeren-Werve"),
        description=_(
            "The plan of measures with their costs and financing (federal and state urban development funding, "
            "the town's own share, third parties), subtotals per field of action and the grand total."
        ),
        keywords=(_("urban development funding"), _("costs"), _("financing"), "Heeren-Werve"),
        themes=("REGI", "GOVE", "ECON"),
        facts=measures_facts,
        distributions=(
            Distribution("csv", _("Plan of costs and financing as CSV"), "plan_csv"),
            Distribution("xlsx", _("Plan of costs and financing as XLSX"), "plan_xlsx"),
        ),
    ),
    Dataset(
        key="milestones",
        page_type="projects.ProjectIndexPage",
        title=_("Milestones of the measures Heeren-Werve"),
        description=_(
            "The milestones of every public measure of the integrated action plan for Heeren-Werve: title, planned "
            "date, actual date once reached and whether it was late. Each measure's phase and progress are in the "
            "measures dataset."
        ),
        keywords=(_("milestones"), _("progress"), _("measures"), "Heeren-Werve"),
        themes=("REGI", "GOVE"),
        facts=milestones_facts,
        distributions=(
            Distribution("json", _("Milestones as JSON"), "milestones_json"),
            Distribution("csv", _("Milestones as CSV"), "milestones_csv"),
        ),
    ),
    Dataset(
        key="funded-projects",
        page_type="fund.FundPage",
        title=_("Projects funded by the Heeren-Werve neighbourhood fund"),
        description=_(
            "Projects of residents, groups, clubs and shops funded by the neighbourhood fund whose applicants "
            "agreed to be listed: title, grant, funding year and place."
        ),
        keywords=(_("neighbourhood fund"), _("grants"), "Heeren-Werve"),
        themes=("REGI", "SOCI"),
        facts=fund_facts,
        distributions=(Distribution("geojson", _("Funded projects as GeoJSON"), "geojson"),),
    ),
    Dataset(
        key="events",
        page_type="news.EventIndexPage",
        title=_("Events in Heeren-Werve"),
        description=_(
            "Upcoming events of the district project and of the recent past: title, time, place and description, "
            "as an iCalendar file to subscribe to."
        ),
        keywords=(_("events"), _("calendar"), "Heeren-Werve"),
        themes=("SOCI", "EDUC"),
        facts=events_facts,
        distributions=(
            Distribution("ics", _("Events as iCalendar"), paths={"de": "kalender.ics", "en": "calendar.ics"}),
        ),
        periodicity="WEEKLY",
    ),
    Dataset(
        key="news",
        page_type="news.NewsIndexPage",
        title=_("News of the district project Heeren-Werve"),
        description=_("The latest news of the district project as feeds (RSS 2.0 and Atom)."),
        keywords=(_("news"), "Heeren-Werve"),
        themes=("GOVE", "SOCI"),
        facts=news_facts,
        distributions=(
            Distribution("rss", _("News as RSS feed"), paths={"de": "feed/", "en": "feed/"}),
            Distribution("atom", _("News as Atom feed"), paths={"de": "feed/atom/", "en": "feed/atom/"}),
        ),
        periodicity="WEEKLY",
    ),
    Dataset(
        key="change-notes",
        page_type="projects.ProjectIndexPage",
        title=_("Change notes of the measures Heeren-Werve"),
        description=_(
            "The public notes the editors write when they publish a substantive change of a measure (costs, "
            "period, status, plans): measure, date and note, as an Atom feed of all measures."
        ),
        keywords=(_("change notes"), _("measures"), "Heeren-Werve"),
        themes=("REGI", "GOVE"),
        facts=change_notes_facts,
        distributions=(Distribution("atom", _("Change notes as Atom feed"), "changes_feed"),),
    ),
    Dataset(
        key="contribution-figures",
        page_type="participation.ParticipationPage",
        title=_("Participation in figures Heeren-Werve"),
        description=_(
            "Totals per calendar year of the residents' contributions and the applications to the neighbourhood "
            "fund: contributions received and published, share answered, median days to the first official "
            "answer, answers within and after the target, what became of the contributions, fund applications "
            "funded, rejected and pending, and the grants approved. Totals only, no personal data."
        ),
        keywords=(_("participation"), _("contributions"), _("neighbourhood fund"), "Heeren-Werve"),
        themes=("GOVE", "SOCI"),
        facts="participation.accountability.figures_facts",
        distributions=(
            Distribution("json", _("Contribution figures as JSON"), "figures_json"),
            Distribution("csv", _("Contribution figures as CSV"), "figures_csv"),
        ),
    ),
]


# --- the graph --------------------------------------------------------------------------------------------------
def _texts(lazy):
    """A literal per language from a lazy gettext string."""
    literals = []
    for language in LANGUAGES:
        with translation.override(language):
            literals.append(Literal(str(lazy), lang=language))
    return literals


def _datetime(value):
    return Literal(value.isoformat(timespec="seconds"), datatype=XSD.dateTime)


def _source_pages(page_type):
    """{language: live public page of that type}, the German one first (the source of the facts)."""
    try:
        model = apps.get_model(page_type)
    except LookupError:
        return {}
    pages = {}
    for page in public_pages(model.objects.live().select_related("locale").order_by("path")):
        pages.setdefault(page.locale.language_code, page)
    return {language: pages[language] for language in (*LANGUAGES, *pages) if language in pages}


def _phone_uri(phone):
    digits = re.sub(r"[^\d+]", "", phone)
    if digits.startswith("0") and not digits.startswith("00"):
        digits = "+49" + digits[1:]
    return URIRef(f"tel:{digits}") if digits else None


def _wkt_box(west, south, east, north):
    return Literal(
        f"POLYGON(({west} {south},{east} {south},{east} {north},{west} {north},{west} {south}))",
        datatype=GSP.wktLiteral,
    )


def _spatial(graph, subject, points=()):
    """Kamen's municipality key and the district's bounding box (grown to every data point)."""
    west, south, east, north = DISTRICT_BBOX
    for lon, lat in points:
        west, south, east, north = min(west, lon), min(south, lat), max(east, lon), max(north, lat)
    graph.add((subject, DCTERMS.spatial, MUNICIPALITY))
    location = BNode()
    graph.add((subject, DCTERMS.spatial, location))
    graph.add((location, RDF.type, DCTERMS.Location))
    box = _wkt_box(west, south, east, north)
    graph.add((location, DCAT.bbox, box))
    graph.add((location, LOCN.geometry, box))
    centre = f"POINT({(west + east) / 2:.6f} {(south + north) / 2:.6f})"
    graph.add((location, DCAT.centroid, Literal(centre, datatype=GSP.wktLiteral)))
    for label in _texts(_("Heeren-Werve, district of Kamen")):
        graph.add((location, LOCN.geographicName, label))


def _bind(graph):
    for prefix, namespace in {
        "dcat": DCAT,
        "dct": DCTERMS,
        "foaf": FOAF,
        "vcard": VCARD,
        "dcatde": DCATDE,
        "dcatap": DCATAP,
        "locn": LOCN,
        "gsp": GSP,
        "xsd": XSD,
    }.items():
        graph.bind(prefix, namespace, override=True)


def build_graph(request):
    """The catalogue as an rdflib Graph, and its modification time (newest of its datasets)."""
    from stadtteil.models import SiteSettings

    graph = Graph()
    _bind(graph)
    base = absolute_url(reverse("catalogue"))
    catalogue = URIRef(base)
    settings = SiteSettings.for_request(request)

    publisher = URIRef(base + "#publisher")
    graph.add((publisher, RDF.type, FOAF.Agent))
    graph.add((publisher, RDF.type, FOAF.Organization))
    for name in _texts(PUBLISHER_NAME):
        graph.add((publisher, FOAF.name, name))
    graph.add((publisher, DCTERMS.type, PUBLISHER_TYPE))
    graph.add((publisher, FOAF.homepage, URIRef(absolute_url("/"))))

    contact = URIRef(base + "#contact")
    graph.add((contact, RDF.type, VCARD.Organization))
    graph.add((contact, RDF.type, VCARD.Kind))  # DCAT-AP.de asks for a vcard:Kind; say so without inference
    graph.add((contact, VCARD.fn, Literal(settings.office_name or str(PUBLISHER_NAME))))
    if settings.email:
        graph.add((contact, VCARD.hasEmail, URIRef(f"mailto:{settings.email}")))
    if settings.phone and (phone := _phone_uri(settings.phone)):
        graph.add((contact, VCARD.hasTelephone, phone))
    graph.add((contact, VCARD.hasURL, URIRef(absolute_url("/"))))
    if settings.street or settings.city:
        address = BNode()
        graph.add((contact, VCARD.hasAddress, address))
        graph.add((address, RDF.type, VCARD.Address))
        for prop, value in (
            (VCARD["street-address"], settings.street),
            (VCARD["postal-code"], settings.postcode),
            (VCARD.locality, settings.city),
            (VCARD["country-name"], "Deutschland"),
        ):
            if value:
                graph.add((address, prop, Literal(value)))

    graph.add((catalogue, RDF.type, DCAT.Catalog))
    for text in _texts(_("Open data of the district project Heeren-Werve")):
        graph.add((catalogue, DCTERMS.title, text))
    for text in _texts(
        _(
            "The open data of the district project Heeren-Werve of the town of Kamen: measures of the integrated "
            "action plan, costs and financing, funded projects, events and news, in German and English."
        )
    ):
        graph.add((catalogue, DCTERMS.description, text))
    graph.add((catalogue, DCTERMS.publisher, publisher))
    graph.add((catalogue, FOAF.homepage, URIRef(absolute_url("/"))))
    for code in EU_LANGUAGES.values():
        graph.add((catalogue, DCTERMS.language, URIRef(f"{EU}language/{code}")))
    graph.add((catalogue, DCTERMS.license, LICENCE))
    graph.add((catalogue, DCAT.themeTaxonomy, URIRef(EU + "data-theme")))
    graph.add((catalogue, DCATAP.availability, AVAILABILITY))
    _spatial(graph, catalogue)

    cache = {}
    issued_all, modified_all = [], []
    for dataset in DATASETS:
        pages = _source_pages(dataset.page_type)
        if not pages:
            continue
        source = next(iter(pages.values()))
        read_facts = import_string(dataset.facts) if isinstance(dataset.facts, str) else dataset.facts
        facts = read_facts(source, cache)
        issued_all.append(facts.issued)
        modified_all.append(facts.modified)
        _add_dataset(graph, request, catalogue, base, dataset, pages, facts, publisher, contact)

    issued, modified = min((d for d in issued_all if d), default=None), conditional.newest(modified_all)
    if issued:
        graph.add((catalogue, DCTERMS.issued, _datetime(issued)))
    if modified:
        graph.add((catalogue, DCTERMS.modified, _datetime(modified)))
    graph.add((LICENCE, DCTERMS.type, LICENCE_TYPE))
    _declare_classes(graph)
    return graph, modified


# The classes DCAT-AP gives the objects of these properties. The vocabularies (EU authority tables, IANA) declare
# them too, but a validator that does not load them (SHACL range checks without imports) finds them here.
RANGES = {
    DCTERMS.language: DCTERMS.LinguisticSystem,
    DCTERMS.license: DCTERMS.LicenseDocument,
    DCTERMS.accessRights: DCTERMS.RightsStatement,
    DCTERMS.accrualPeriodicity: DCTERMS.Frequency,
    DCTERMS.format: DCTERMS.MediaTypeOrExtent,
    DCAT.mediaType: DCTERMS.MediaType,
    DCAT.landingPage: FOAF.Document,
    FOAF.homepage: FOAF.Document,
    DCAT.theme: SKOS.Concept,
    DCAT.themeTaxonomy: SKOS.ConceptScheme,
    DCTERMS.spatial: DCTERMS.Location,
}


def _declare_classes(graph):
    for prop, rdf_class in RANGES.items():
        for value in set(graph.objects(None, prop)):
            if isinstance(value, URIRef):
                graph.add((value, RDF.type, rdf_class))


def _add_dataset(graph, request, catalogue, base, dataset, pages, facts, publisher, contact):
    subject = URIRef(f"{base}#{dataset.key}")
    graph.add((catalogue, DCAT.dataset, subject))
    graph.add((subject, RDF.type, DCAT.Dataset))
    graph.add((subject, DCTERMS.identifier, Literal(str(subject))))
    for text in _texts(dataset.title):
        graph.add((subject, DCTERMS.title, text))
    for text in _texts(dataset.description):
        graph.add((subject, DCTERMS.description, text))
    for keyword in dataset.keywords:
        for text in _texts(keyword):
            graph.add((subject, DCAT.keyword, text))
    for theme in dataset.themes:
        graph.add((subject, DCAT.theme, URIRef(f"{EU}data-theme/{theme}")))
    graph.add((subject, DCTERMS.publisher, publisher))
    graph.add((subject, DCAT.contactPoint, contact))
    graph.add((subject, DCATDE.contributorID, CONTRIBUTOR))
    graph.add((subject, DCATDE.politicalGeocodingURI, MUNICIPALITY))
    graph.add((subject, DCATDE.politicalGeocodingLevelURI, MUNICIPALITY_LEVEL))
    for text in _texts(_("Heeren-Werve, the eastern district of Kamen")):
        graph.add((subject, DCATDE.geocodingDescription, text))
    _spatial(graph, subject, facts.points)
    if facts.start or facts.end:
        period = BNode()
        graph.add((subject, DCTERMS.temporal, period))
        graph.add((period, RDF.type, DCTERMS.PeriodOfTime))
        if facts.start:
            graph.add((period, DCAT.startDate, Literal(facts.start, datatype=XSD.date)))
        if facts.end:
            graph.add((period, DCAT.endDate, Literal(facts.end, datatype=XSD.date)))
    if facts.issued:
        graph.add((subject, DCTERMS.issued, _datetime(facts.issued)))
    if facts.modified:
        graph.add((subject, DCTERMS.modified, _datetime(facts.modified)))
    graph.add((subject, DCTERMS.accessRights, ACCESS_PUBLIC))
    graph.add((subject, DCATAP.availability, AVAILABILITY))
    graph.add((subject, DCTERMS.accrualPeriodicity, URIRef(f"{EU}frequency/{dataset.periodicity}")))

    for language, page in pages.items():
        landing = absolute_url(page.get_url(request))
        if landing:
            graph.add((subject, DCAT.landingPage, URIRef(landing)))
        if language in EU_LANGUAGES:
            graph.add((subject, DCTERMS.language, URIRef(f"{EU}language/{EU_LANGUAGES[language]}")))
        for spec in dataset.distributions:
            url = spec.url(page, request)
            if url:
                _add_distribution(graph, subject, f"{subject}-{spec.key}-{language}", spec, url, language, facts)


def _add_distribution(graph, dataset, iri, spec, url, language, facts):
    subject = URIRef(iri)
    graph.add((dataset, DCAT.distribution, subject))
    graph.add((subject, RDF.type, DCAT.Distribution))
    language_name = {"de": _("German"), "en": _("English")}.get(language, language)
    for code in LANGUAGES:
        with translation.override(code):
            graph.add((subject, DCTERMS.title, Literal(f"{spec.title} ({language_name})", lang=code)))
            graph.add(
                (
                    subject,
                    DCTERMS.description,
                    Literal(
                        _("%(title)s, texts in %(language)s.") % {"title": spec.title, "language": language_name},
                        lang=code,
                    ),
                )
            )
    graph.add((subject, DCAT.accessURL, URIRef(url)))
    graph.add((subject, DCAT.downloadURL, URIRef(url)))
    graph.add((subject, DCTERMS.format, URIRef(f"{EU}file-type/{spec.file_type}")))
    graph.add((subject, DCAT.mediaType, URIRef(IANA + spec.media_type)))
    graph.add((subject, DCTERMS.license, LICENCE))
    for text in _texts(ATTRIBUTION):
        graph.add((subject, DCATDE.licenseAttributionByText, text))
    graph.add((subject, DCTERMS.language, URIRef(f"{EU}language/{EU_LANGUAGES.get(language, 'MUL')}")))
    graph.add((subject, DCATAP.availability, AVAILABILITY))
    if facts.issued:
        graph.add((subject, DCTERMS.issued, _datetime(facts.issued)))
    if facts.modified:
        graph.add((subject, DCTERMS.modified, _datetime(facts.modified)))


# --- views ------------------------------------------------------------------------------------------------------
FORMATS = {
    "turtle": ("text/turtle; charset=utf-8", "turtle"),
    "json-ld": ("application/ld+json", "json-ld"),
}


def _response(request, kind):
    graph, modified = build_graph(request)
    content_type, rdf_format = FORMATS[kind]
    if kind == "json-ld":
        context = {prefix: str(namespace) for prefix, namespace in graph.namespaces() if prefix in CONTEXT_PREFIXES}
        body = graph.serialize(format=rdf_format, context=context, indent=1, auto_compact=True)
    else:
        body = graph.serialize(format=rdf_format)
    response = HttpResponse(body, content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"  # open data: other sites may fetch it
    # Harvesters poll: Last-Modified from the data, an ETag from ConditionalGetMiddleware (stadtteil.conditional).
    return conditional.last_modified(response, modified)


CONTEXT_PREFIXES = {"dcat", "dct", "foaf", "vcard", "dcatde", "dcatap", "locn", "gsp", "xsd"}


@require_safe
def catalogue_turtle(request):
    return _response(request, "turtle")


@require_safe
def catalogue_jsonld(request):
    return _response(request, "json-ld")


@require_safe
def catalogue(request):
    """The catalogue's own IRI: 303 to the serialisation the client accepts (JSON-LD or, by default, Turtle)."""
    accept = request.headers.get("Accept", "")
    name = "catalogue_jsonld" if "application/ld+json" in accept or "application/json" in accept else "catalogue_ttl"
    response = HttpResponseRedirect(reverse(name), status=303)
    response["Vary"] = "Accept"
    return response
