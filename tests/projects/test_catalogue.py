"""The DCAT-AP.de catalogue of the open data (/katalog.ttl, /katalog.jsonld): what a harvester such as GovData
or Open.NRW reads, parsed with rdflib as they do."""

import datetime
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.utils import timezone
from django.utils.http import parse_http_date
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from wagtail.models import PageViewRestriction

from participation.models import ParticipationPage
from projects.models import FieldOfAction, Milestone, ProjectIndexPage, ProjectPage
from stadtteil import routing
from tests.conftest import demo_page, demo_url

from .test_projects import add_measure

pytestmark = [
    pytest.mark.django_db,
    # rdflib's own JSON-LD parser still builds a ConjunctiveGraph internally.
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning"),
]

# Plain namespaces: rdflib's closed ones (rdflib.namespace.DCAT …) warn when pytest inspects the module. A
# plain Namespace is a str, so terms named like str methods are written as items: DCTERMS["format"].
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
DCATDE = Namespace("http://dcat-ap.de/def/dcatde/")
DCATAP = Namespace("http://data.europa.eu/r5r/")
LOCN = Namespace("http://www.w3.org/ns/locn#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
SITE = "http://testserver"
EU = "http://publications.europa.eu/resource/authority/"

# DCAT-AP.de 2.0, "Spezifikation", https://www.dcat-ap.de/def/dcatde/2.0/spec/ (section 4, "Pflicht" and
# "Empfohlen" per class; the German additions of GovData's SHACL shapes, DCAT-AP.de-SHACL-Validation
# v2.0/shapes/dcat-ap-spec-german-additions.ttl, check the same properties).
CATALOG_MANDATORY = [DCTERMS.title, DCTERMS.description, DCTERMS.publisher, DCAT.dataset]
CATALOG_RECOMMENDED = [
    FOAF.homepage,
    DCTERMS.language,
    DCTERMS.license,
    DCTERMS.issued,
    DCTERMS.modified,
    DCAT.themeTaxonomy,
    DCATAP.availability,
    DCTERMS.spatial,
]
DATASET_MANDATORY = [DCTERMS.title, DCTERMS.description]
DATASET_RECOMMENDED = [
    DCAT.contactPoint,
    DCAT.distribution,
    DCAT.keyword,
    DCTERMS.publisher,
    DCTERMS.spatial,
    DCTERMS.temporal,
    DCAT.theme,
    DCATDE.politicalGeocodingLevelURI,
    DCATDE.politicalGeocodingURI,
    DCATDE.contributorID,
    DCATAP.availability,
]
# Optional in the spec, asked for by harvesters' quality dashboards and by this site's brief.
DATASET_OPTIONAL_GIVEN = [
    DCTERMS.identifier,
    DCTERMS.issued,
    DCTERMS.modified,
    DCTERMS.accessRights,
    DCAT.landingPage,
    DCTERMS.language,
    DCTERMS.accrualPeriodicity,
    DCATDE.geocodingDescription,
]
# DCAT-AP.de makes the licence of a distribution mandatory (DCAT-AP: recommended).
DISTRIBUTION_MANDATORY = [DCAT.accessURL, DCTERMS.license]
DISTRIBUTION_RECOMMENDED = [
    DCTERMS.title,
    DCTERMS.description,
    DCTERMS["format"],
    DCATAP.availability,
    DCATDE.licenseAttributionByText,
]
DISTRIBUTION_OPTIONAL_GIVEN = [DCAT.downloadURL, DCAT.mediaType, DCTERMS.issued, DCTERMS.modified, DCTERMS.language]
AGENT_PROPERTIES = [FOAF.name, DCTERMS.type]  # foaf:Agent: name mandatory, type recommended
CONTACT_PROPERTIES = [VCARD.fn, VCARD.hasEmail]  # vcard:Kind: a name and at least one way to reach it

DATASETS = {
    "measures",
    "plan",
    "milestones",
    "funded-projects",
    "events",
    "news",
    "change-notes",
    "contribution-figures",
}
# The open data's own files: format (EU file type) and the media type they are served with.
MEDIA_TYPES = {
    "JSON": "application/json",
    "GEOJSON": "application/geo+json",
    "CSV": "text/csv",
    "XLSX": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ICS": "text/calendar",
    "RSS": "application/rss+xml",
    "ATOM": "application/atom+xml",
}


def catalogue(client, kind="ttl"):
    response = client.get(f"/katalog.{kind}")
    assert response.status_code == 200
    graph = Graph()
    graph.parse(data=response.content.decode(), format="turtle" if kind == "ttl" else "json-ld")
    return response, graph


def missing(graph, rdf_class, properties):
    """{property: [subjects of the class without it]}, asked as a harvester's SPARQL check would."""
    gaps = {}
    for prop in properties:
        query = f"SELECT ?s WHERE {{ ?s a <{rdf_class}> . FILTER NOT EXISTS {{ ?s <{prop}> ?o }} }}"
        subjects = [str(row.s) for row in graph.query(query)]
        if subjects:
            gaps[str(prop)] = subjects
    return gaps


def text(graph, subject, prop, language):
    values = [o for o in graph.objects(subject, prop) if isinstance(o, Literal) and o.language == language]
    assert len(values) == 1, (subject, prop, language, values)
    return str(values[0])


def test_turtle_and_json_ld_are_the_same_graph(client, demo):
    response, turtle = catalogue(client)
    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    response, jsonld = catalogue(client, "jsonld")
    assert response["Content-Type"] == "application/ld+json"
    assert '"@context"' in response.content.decode()
    assert len(turtle) > 300
    assert isomorphic(turtle, jsonld)


def test_every_class_has_the_mandatory_and_recommended_properties(client, demo):
    _response, graph = catalogue(client)
    catalogues = list(graph.subjects(RDF.type, DCAT.Catalog))
    assert catalogues == [URIRef(f"{SITE}/katalog")]
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    assert {str(d).rsplit("#", 1)[1] for d in datasets} == DATASETS
    assert set(graph.objects(catalogues[0], DCAT.dataset)) == datasets
    distributions = set(graph.subjects(RDF.type, DCAT.Distribution))
    # Measures: JSON, GeoJSON and CSV; plan: CSV, XLSX; milestones: JSON, CSV; fund: GeoJSON; events: iCalendar;
    # news: RSS, Atom; change notes: Atom; contribution figures: JSON, CSV; each in German and English.
    assert len(distributions) == 2 * (3 + 2 + 2 + 1 + 1 + 2 + 1 + 2)

    assert missing(graph, DCAT.Catalog, CATALOG_MANDATORY + CATALOG_RECOMMENDED) == {}
    assert missing(graph, DCAT.Dataset, DATASET_MANDATORY + DATASET_RECOMMENDED + DATASET_OPTIONAL_GIVEN) == {}
    assert missing(graph, DCAT.Distribution, DISTRIBUTION_MANDATORY + DISTRIBUTION_RECOMMENDED) == {}
    assert missing(graph, DCAT.Distribution, DISTRIBUTION_OPTIONAL_GIVEN) == {}
    assert missing(graph, FOAF.Agent, AGENT_PROPERTIES) == {}
    assert missing(graph, VCARD.Kind, CONTACT_PROPERTIES) == {}
    assert missing(graph, DCTERMS.PeriodOfTime, [DCAT.startDate, DCAT.endDate]) == {}
    # The district's box: a blank dct:Location for the catalogue and each dataset (the municipality key is a
    # Location by its IRI).
    boxes = [node for node in graph.subjects(RDF.type, DCTERMS.Location) if isinstance(node, BNode)]
    assert len(boxes) == 1 + len(DATASETS)
    assert all(graph.value(box, DCAT.bbox) and graph.value(box, LOCN.geometry) for box in boxes)

    # Values from the controlled vocabularies the spec prescribes.
    for dataset in datasets:
        assert set(graph.objects(dataset, DCTERMS.spatial)) >= {
            URIRef("http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05978020")
        }
        assert graph.value(dataset, DCATDE.politicalGeocodingURI) == URIRef(
            "http://dcat-ap.de/def/politicalGeocoding/municipalityKey/05978020"
        )
        assert graph.value(dataset, DCATDE.politicalGeocodingLevelURI) == URIRef(
            "http://dcat-ap.de/def/politicalGeocoding/Level/municipality"
        )
        assert str(graph.value(dataset, DCATDE.contributorID)).startswith("http://dcat-ap.de/def/contributors/")
        assert graph.value(dataset, DCTERMS.accessRights) == URIRef(EU + "access-right/PUBLIC")
        assert all(str(theme).startswith(EU + "data-theme/") for theme in graph.objects(dataset, DCAT.theme))
        assert str(graph.value(dataset, DCTERMS.identifier)) == str(dataset)
        for spatial in graph.objects(dataset, DCTERMS.spatial):
            # DCAT-AP.de: an IRI or a blank node of type dct:Location.
            assert isinstance(spatial, URIRef) or (spatial, RDF.type, DCTERMS.Location) in graph
        contact = graph.value(dataset, DCAT.contactPoint)
        assert str(graph.value(contact, VCARD.hasEmail)) == "mailto:stadtteilprojekt@example.org"
        assert text(graph, graph.value(dataset, DCTERMS.publisher), FOAF.name, "de") == "Stadt Kamen"
    for distribution in distributions:
        # The licence the open-data page states (CC BY 4.0), as an IRI of DCAT-AP.de's licence list.
        assert graph.value(distribution, DCTERMS.license) == URIRef("http://dcat-ap.de/def/licenses/cc-by/4.0")
        assert text(graph, distribution, DCATDE.licenseAttributionByText, "de").startswith("Stadt Kamen")
        file_type = str(graph.value(distribution, DCTERMS["format"])).removeprefix(EU + "file-type/")
        media_type = str(graph.value(distribution, DCAT.mediaType))
        assert media_type == "https://www.iana.org/assignments/media-types/" + MEDIA_TYPES[file_type]
        assert graph.value(distribution, DCAT.accessURL) == graph.value(distribution, DCAT.downloadURL)
        assert str(graph.value(distribution, DCAT.accessURL)).startswith(SITE + "/")


def test_titles_in_german_and_english(client, demo):
    _response, graph = catalogue(client, "jsonld")
    measures = URIRef(f"{SITE}/katalog#measures")
    assert text(graph, measures, DCTERMS.title, "de") == "Maßnahmen des Integrierten Handlungskonzepts Heeren-Werve"
    assert text(graph, measures, DCTERMS.title, "en") == "Measures of the integrated action plan Heeren-Werve"
    assert text(graph, measures, DCTERMS.description, "de").startswith("Alle öffentlichen Maßnahmen")
    catalogue_iri = URIRef(f"{SITE}/katalog")
    assert text(graph, catalogue_iri, DCTERMS.title, "de") == "Offene Daten des Stadtteilprojekts Heeren-Werve"
    assert text(graph, catalogue_iri, DCTERMS.title, "en") == "Open data of the district project Heeren-Werve"
    csv_en = URIRef(f"{SITE}/katalog#measures-csv-en")
    assert text(graph, csv_en, DCTERMS.title, "de") == "Maßnahmen als CSV (Englisch)"
    assert text(graph, csv_en, DCTERMS.title, "en") == "Measures as CSV (English)"
    assert graph.value(csv_en, DCTERMS.language) == URIRef(EU + "language/ENG")
    assert str(graph.value(csv_en, DCAT.downloadURL)) == f"{SITE}/en/measures/open-data/csv/"
    for dataset in graph.subjects(RDF.type, DCAT.Dataset):
        assert text(graph, dataset, DCTERMS.title, "de") != text(graph, dataset, DCTERMS.title, "en")
        keywords = {(str(k), k.language) for k in graph.objects(dataset, DCAT.keyword)}
        assert {language for _k, language in keywords} == {"de", "en"}


def test_every_download_answers_with_its_declared_media_type(client, demo):
    _response, graph = catalogue(client)
    checked = 0
    for distribution in graph.subjects(RDF.type, DCAT.Distribution):
        url = str(graph.value(distribution, DCAT.downloadURL))
        media_type = str(graph.value(distribution, DCAT.mediaType)).rsplit("/media-types/", 1)[1]
        response = client.get(url.removeprefix(SITE))
        assert response.status_code == 200, url
        assert response["Content-Type"].split(";")[0] == media_type, url
        checked += 1
    assert checked == 28


def test_facts_come_from_the_data(client, demo):
    _response, graph = catalogue(client)
    index = ProjectIndexPage.objects.get(locale=demo["de"])
    measures = list(ProjectPage.objects.child_of(index).live())
    period = graph.value(URIRef(f"{SITE}/katalog#measures"), DCTERMS.temporal)
    start = min(m.start_year * 4 + m.start_quarter for m in measures)
    end = max(m.end_year * 4 + m.end_quarter for m in measures)
    assert graph.value(period, DCAT.startDate).toPython() == datetime.date(start // 4, 3 * (start % 4) - 2, 1)
    end_date = graph.value(period, DCAT.endDate).toPython()
    assert (end_date.year, (end_date.month - 1) // 3 + 1) == ((end - 1) // 4, (end - 1) % 4 + 1)
    assert (end_date + datetime.timedelta(days=1)).day == 1  # the last day of that quarter
    newest = max(m.last_published_at for m in measures)
    modified = graph.value(URIRef(f"{SITE}/katalog#measures"), DCTERMS.modified).toPython()
    assert modified == newest.replace(microsecond=0)
    # The measures' JSON says the same.
    assert client.get(routing.url(index, "data_json")).json()["modified"] == modified.isoformat()
    assert graph.value(URIRef(f"{SITE}/katalog"), DCTERMS.modified).toPython() >= modified


def test_milestones_dataset_covers_the_milestones(client, demo):
    _response, graph = catalogue(client)
    index = ProjectIndexPage.objects.get(locale=demo["de"])
    milestones = list(Milestone.objects.filter(page__in=ProjectPage.objects.child_of(index).live()))
    assert len(milestones) >= 20
    dataset = URIRef(f"{SITE}/katalog#milestones")
    assert text(graph, dataset, DCTERMS.title, "de") == "Meilensteine der Maßnahmen Heeren-Werve"
    assert text(graph, dataset, DCTERMS.title, "en") == "Milestones of the measures Heeren-Werve"
    period = graph.value(dataset, DCTERMS.temporal)
    assert graph.value(period, DCAT.startDate).toPython() == min(m.planned_date for m in milestones)
    last = max(day for m in milestones for day in (m.planned_date, m.actual_date) if day)
    assert graph.value(period, DCAT.endDate).toPython() == last
    csv_de = URIRef(f"{SITE}/katalog#milestones-csv-de")
    assert str(graph.value(csv_de, DCAT.downloadURL)) == f"{SITE}/de/massnahmen/open-data/milestones/csv/"
    assert text(graph, csv_de, DCTERMS.title, "de") == "Meilensteine als CSV (Deutsch)"


def test_restricted_measures_and_personal_data_stay_out(client, demo):
    index = ProjectIndexPage.objects.get(locale=demo["de"])
    field = FieldOfAction.objects.filter(locale=demo["de"]).first()
    secret = add_measure(
        index, "Geheime Planung Zechenbrache", field, latitude=Decimal("52.520000"), longitude=Decimal("13.400000")
    )
    secret.start_year, secret.end_year = 2001, 2049
    secret.milestones = [Milestone(title="Geheimer Termin", planned_date=datetime.date(2001, 1, 1))]
    secret.save_revision().publish()
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    public = add_measure(index, "Öffentliche Maßnahme", field)
    for kind in ("ttl", "jsonld"):
        response, graph = catalogue(client, kind)
        body = response.content.decode()
        assert "Geheime Planung" not in body and "Zechenbrache" not in body
        assert secret.slug not in body
        # Neither its place nor its period nor its publication widens the coverage.
        assert "13.4" not in body and "52.52" not in body
        period = graph.value(URIRef(f"{SITE}/katalog#measures"), DCTERMS.temporal)
        assert graph.value(period, DCAT.startDate).toPython().year > 2001
        assert graph.value(period, DCAT.endDate).toPython().year < 2049
        milestones = graph.value(URIRef(f"{SITE}/katalog#milestones"), DCTERMS.temporal)
        assert graph.value(milestones, DCAT.startDate).toPython().year > 2001
        modified = graph.value(URIRef(f"{SITE}/katalog#measures"), DCTERMS.modified).toPython()
        public.refresh_from_db()
        assert modified == public.last_published_at.replace(microsecond=0)
    # No applicant of the fund, no contributor: names and e-mail addresses appear nowhere.
    application = apps.get_model("fund.Application")
    people = list(application.objects.values_list("name", "email"))
    assert people
    for name, email in people:
        assert name not in body
        assert not email or email not in body
    assert not re.search(r"mailto:(?!stadtteilprojekt@example\.org)", body)


def test_linked_from_the_open_data_section_in_both_languages(client, demo):
    german = client.get(demo_url(ProjectIndexPage)).content.decode()
    english = client.get(demo_url(ProjectIndexPage, lang="en")).content.decode()
    for html in (german, english):
        assert '<link rel="alternate" type="text/turtle" href="/katalog.ttl"' in html
        assert '<link rel="alternate" type="application/ld+json" href="/katalog.jsonld"' in html
        assert 'href="/katalog.ttl" type="text/turtle"' in html
    assert "Datenkatalog als Turtle" in german and "Datenkatalog als JSON-LD" in german
    assert "Data catalogue as Turtle" in english and "Data catalogue as JSON-LD" in english
    assert "DCAT-AP.de" in german and "DCAT-AP.de" in english


def test_catalogue_address_negotiates_and_pollers_get_304(client, demo):
    response = client.get("/katalog", HTTP_ACCEPT="application/ld+json")
    assert response.status_code == 303 and response["Location"] == "/katalog.jsonld"
    response = client.get("/katalog", HTTP_ACCEPT="text/turtle")
    assert response.status_code == 303 and response["Location"] == "/katalog.ttl"
    assert client.get("/katalog").status_code == 303
    assert client.post("/katalog.ttl").status_code == 405

    first = client.get("/katalog.ttl")
    assert first["Last-Modified"] and first["ETag"]
    assert client.get("/katalog.ttl", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get("/katalog.ttl", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


CATALOGUE_QUERY_BUDGET = 20


def test_query_count_does_not_grow_with_measures(client, demo, django_assert_max_num_queries):
    index = ProjectIndexPage.objects.get(locale=demo["de"])
    field = FieldOfAction.objects.filter(locale=demo["de"]).first()

    def count():
        client.get("/katalog.ttl")  # warm up: site root paths
        with django_assert_max_num_queries(CATALOGUE_QUERY_BUDGET) as captured:
            response = client.get("/katalog.ttl")
        assert response.status_code == 200
        return len(captured.captured_queries)

    few = count()
    for i in range(20):
        add_measure(index, f"Zusatzmaßnahme {i}", field, latitude=Decimal("51.58"), longitude=Decimal("7.7"))
    assert count() == few, few


def test_contribution_figures_cover_the_years_of_the_data(client, demo):
    contribution = apps.get_model("participation.Contribution")
    application = apps.get_model("fund.Application")
    _response, graph = catalogue(client)
    dataset = URIRef(f"{SITE}/katalog#contribution-figures")
    assert text(graph, dataset, DCTERMS.title, "de") == "Beteiligung in Zahlen Heeren-Werve"
    assert text(graph, dataset, DCTERMS.title, "en") == "Participation in figures Heeren-Werve"
    years = {timezone.localtime(item.created_at).year for item in contribution.objects.all()}
    years |= set(application.objects.values_list("year", flat=True)) | {timezone.localdate().year}
    period = graph.value(dataset, DCTERMS.temporal)
    assert graph.value(period, DCAT.startDate).toPython() == datetime.date(min(years), 1, 1)
    assert graph.value(period, DCAT.endDate).toPython() == datetime.date(max(years), 12, 31)
    downloads = {str(graph.value(d, DCAT.downloadURL)) for d in graph.objects(dataset, DCAT.distribution)}
    assert downloads == {
        f"{SITE}/de/beteiligung/zahlen/json/",
        f"{SITE}/de/beteiligung/zahlen/csv/",
        f"{SITE}/en/participation/figures/json/",
        f"{SITE}/en/participation/figures/csv/",
    }
    # The German file's Last-Modified is the dataset's modification time (the catalogue describes the German page;
    # the English page's own publication may be seconds later when the demo loads slowly).
    modified = graph.value(dataset, DCTERMS.modified).toPython()
    response = client.get(routing.url(demo_page(ParticipationPage), "figures_csv"))
    # HTTP dates have whole seconds: the file's and the catalogue's may round a fraction differently.
    assert abs(parse_http_date(response["Last-Modified"]) - modified.timestamp()) <= 1
