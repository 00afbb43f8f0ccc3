"""Private stays private: documents of restricted collections (and their sub-collections) and restricted pages
(and their subtrees) are absent for anonymous visitors from every list, export, feed, teaser, search, sitemap
and notification, and their files have no public URL."""

import csv
import datetime
import io
import json

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction

from documents import demo as documents_demo
from documents.models import DocumentIndexPage, SearchPage
from home.models import HomePage, StandardPage
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from participation.models import ParticipationPage
from projects.models import ProjectIndexPage, ProjectPage
from stadtteil.routing import url
from stadtteil.visibility import public_documents, public_pages
from subscriptions.models import Delivery
from tests.conftest import demo_page, demo_url, make_subscriber


def restrict(page, kind=PageViewRestriction.LOGIN):
    return PageViewRestriction.objects.create(page=page, restriction_type=kind, password="geheim")


def body(response):
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        sheet = load_workbook(io.BytesIO(data)).active
        return "\n".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row)
    return data.decode("utf-8-sig")


def seen(urls, marker, client=None):
    """The URLs whose response (each must answer 200) contains `marker`."""
    client = client or Client()
    found = []
    for target in urls:
        response = client.get(target)
        assert response.status_code == 200, (target, response.status_code)
        if marker in body(response):
            found.append(target)
    return found


# --- documents ------------------------------------------------------------------------------------------------------
@pytest.fixture
def private_collection(db):
    """A login-restricted collection with a sub-collection (restrictions are inherited)."""
    root = Collection.get_first_root_node()
    private = root.add_child(name="Intern")
    CollectionViewRestriction.objects.create(collection=private, restriction_type=CollectionViewRestriction.LOGIN)
    return private.add_child(name="Stadtteilgremium")


@pytest.fixture
def pdf_document(db, django_capture_on_commit_callbacks):
    """A categorised PDF with a cover, in the public root collection, indexed for the search."""
    from django.core.files.base import ContentFile

    document = get_document_model()(
        title="Protokoll Quastenflosser",
        description="Quastenflosser im Stadtteilgremium",
        category="minutes",
        collection=Collection.get_first_root_node(),
    )
    document.file.save("protokoll-gremium.pdf", ContentFile(documents_demo._report_pdf()), save=False)
    with django_capture_on_commit_callbacks(execute=True):
        document.save()
    document.refresh_from_db()
    assert document.cover
    return document


def move(document, collection, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document.collection = collection
        document.save()
    document.refresh_from_db()
    return document


def test_a_private_document_is_absent_from_downloads_and_search(
    pdf_document, private_collection, django_capture_on_commit_callbacks
):
    downloads = [demo_url(DocumentIndexPage, lang=language) for language in ("de", "en")]
    searches = [demo_url(SearchPage, lang=language) + "?q=Quastenflosser" for language in ("de", "en")]
    lists = downloads + searches
    marker = pdf_document.url
    assert seen(lists, marker) == lists  # public: listed and found in both languages
    move(pdf_document, private_collection, django_capture_on_commit_callbacks)
    assert seen(lists, marker) == []
    assert seen(lists, "Quastenflosser") == searches  # query only
    assert not public_documents(get_document_model().objects.filter(pk=pdf_document.pk)).exists()


def test_a_private_document_and_its_cover_have_no_public_url(
    client, admin_client, pdf_document, private_collection, django_capture_on_commit_callbacks
):
    public_cover = client.get(pdf_document.cover_url)
    assert public_cover.status_code == 200
    assert public_cover["Content-Type"] == "image/jpeg"
    assert "public" in public_cover["Cache-Control"]

    document = move(pdf_document, private_collection, django_capture_on_commit_callbacks)
    anonymous = Client()
    download = anonymous.get(document.url)
    assert download.status_code == 302 and "/login/" in download["Location"]
    assert anonymous.get(document.cover_url).status_code == 404
    # Nothing under /media/ but images: not the file, not the cover, whatever their names.
    assert anonymous.get(f"/media/{document.file.name}").status_code == 404
    assert anonymous.get(f"/media/{document.cover.name}").status_code == 404
    assert anonymous.get("/media/documents/", follow=True).status_code == 404
    # A signed-in reader gets both.
    assert admin_client.get(document.url).status_code == 200
    cover = admin_client.get(document.cover_url)
    assert cover.status_code == 200 and "private" in cover["Cache-Control"]


def test_images_are_still_served_under_media(client, demo):
    image = get_image_model().objects.first()
    response = client.get(f"/media/{image.file.name}")
    assert response.status_code == 200
    assert b"".join(response.streaming_content)[:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xdb")


def test_no_notification_for_a_document_in_a_private_collection(
    demo, private_collection, django_capture_on_commit_callbacks, mailoutbox
):
    from django.core.files.base import ContentFile

    make_subscriber("dokumente@example.org", "de", ["documents"])
    document = get_document_model()(title="Internes Protokoll", category="minutes", collection=private_collection)
    document.file.save("intern.pdf", ContentFile(documents_demo._report_pdf()), save=False)
    with django_capture_on_commit_callbacks(execute=True):
        document.save()
    assert not Delivery.objects.filter(document_id=document.pk).exists()
    assert mailoutbox == []
    # Made public later, it is listed (and announced) then, once.
    move(document, Collection.get_first_root_node(), django_capture_on_commit_callbacks)
    assert Delivery.objects.filter(document_id=document.pk).count() == 1
    assert [message.to for message in mailoutbox] == [["dokumente@example.org"]]


# --- restricted measures --------------------------------------------------------------------------------------------
def measure_lists(language):
    """Every page, export and search result in `language` that lists the measures, and the sitemap."""
    measures = demo_page(ProjectIndexPage, lang=language)
    views = ["plan", "plan_csv", "plan_xlsx", "timeline", "map", "data_json", "data_geojson", "data_csv"]
    return [
        demo_url(HomePage, lang=language),
        measures.url,
        *(url(measures, view) for view in views),
        demo_url(SearchPage, lang=language) + "?q=Rosenstra%C3%9Fe",
        "/sitemap.xml",
    ]


@pytest.fixture
def playground(demo):
    """The playground measure in both languages, featured on the home page (with one other measure)."""
    de = ProjectPage.objects.get(locale=demo["de"], slug="spielplatz-rosenstrasse")
    en = de.get_translation(demo["en"])
    ProjectPage.objects.update(featured=False)
    ProjectPage.objects.filter(translation_key=de.translation_key).update(featured=True)
    return {"de": de, "en": en}


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_restricted_measure_is_absent_from_every_list_and_export(client, playground, language):
    measure = playground[language]
    marker = measure.url  # in every link, export (absolute URLs) and teaser
    urls = measure_lists(language)
    assert seen(urls, marker) == urls  # visible everywhere while public
    restrict(measure)
    assert seen(urls, marker) == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_restricted_measure_is_no_choice_on_the_participation_page(client, playground, language):
    measure = playground[language]
    participation = demo_url(ParticipationPage, lang=language)
    option = f'<option value="{measure.pk}"'
    assert option in client.get(participation).content.decode()
    restrict(measure)
    assert option not in client.get(participation).content.decode()
    # Nor can it be chosen by a crafted post.
    from participation.models import Contribution

    before = Contribution.objects.count()
    response = client.post(participation, {"message": "Eine Idee", "measure": str(measure.pk)})
    assert response.status_code == 200
    assert Contribution.objects.count() == before


def test_a_restricted_measure_is_absent_from_related_news(client, demo, playground):
    from news.models import NewsPageMeasure

    link = NewsPageMeasure.objects.filter(measure=playground["de"]).select_related("page").first()
    if link is None:
        news = NewsPage.objects.live().filter(locale=demo["de"]).first()
        NewsPageMeasure.objects.create(page=news, measure=playground["de"])
    else:
        news = link.page
    marker = playground["de"].url
    assert seen([news.url], marker) == [news.url]
    restrict(playground["de"])
    assert seen([news.url], marker) == []


def test_restrictions_are_inherited_and_renew_cached_data(settings, client, demo, playground):
    """A restriction on an ancestor hides the subtree; adding one makes the shared page data stale at once."""
    settings.PAGE_CACHE_ENABLED = True
    plan = url(demo_page(ProjectIndexPage), "plan")
    first = client.get(plan)
    assert playground["de"].url in first.content.decode()
    parent = StandardPage(title="Intern", slug="intern", locale=demo["de"])
    demo["de_home"].add_child(instance=parent)
    child = StandardPage(title="Unterseite", slug="unterseite", locale=demo["de"])
    parent.add_child(instance=child)
    restrict(parent, PageViewRestriction.PASSWORD)
    assert not public_pages(Page.objects.filter(pk=child.pk)).exists()
    assert public_pages(Page.objects.filter(pk=demo["de_home"].pk)).exists()
    restrict(playground["de"])
    assert playground["de"].url not in client.get(plan).content.decode()


# --- restricted news and events -----------------------------------------------------------------------------------
def test_a_restricted_news_item_is_absent_from_lists_feeds_home_search_and_sitemap(client, demo):
    news = NewsPage.objects.live().filter(locale=demo["de"]).order_by("-date", "-pk").first()
    word = news.title.split()[-1]
    index = demo_page(NewsIndexPage)
    feeds = [url(index, "rss_feed"), url(index, "atom_feed")]
    urls = [demo_url(HomePage), index.url, *feeds, f"{demo_url(SearchPage)}?q={word}", "/sitemap.xml"]
    assert seen(urls, news.url) == urls
    restrict(news)
    assert seen(urls, news.url) == []


def test_a_restricted_event_is_absent_from_lists_and_the_calendar(client, demo):
    event = EventPage.objects.live().filter(locale=demo["de"], end__gte=timezone.now()).order_by("start").first()
    events = demo_url(EventIndexPage)
    urls = [demo_url(HomePage), events, events + "kalender.ics"]
    assert seen(urls, event.url) == urls
    restrict(event)
    assert seen(urls, event.url) == []


@pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD])
def test_publishing_a_restricted_news_item_sends_no_newsletter(demo, mailoutbox, django_capture_on_commit_callbacks,
                                                               kind):  # fmt: skip
    make_subscriber("leserin@example.org", "de", ["news", "events"])
    index = NewsIndexPage.objects.get(locale=demo["de"])
    page = NewsPage(title="Interne Sitzung", slug="interne-sitzung", teaser="Nur für das Gremium.", live=False,
                    date=timezone.localdate())  # fmt: skip
    index.add_child(instance=page)
    restrict(page, kind)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert not Delivery.objects.filter(page_id=page.pk).exists()
    assert mailoutbox == []
    # The same under a restricted section: an event below a restricted events page.
    events = EventIndexPage.objects.get(locale=demo["de"])
    restrict(events, kind)
    start = timezone.now() + datetime.timedelta(days=3)
    event = EventPage(title="Gremiumssitzung", slug="gremiumssitzung", teaser="Intern.", start=start,
                      end=start + datetime.timedelta(hours=1), live=False)  # fmt: skip
    events.add_child(instance=event)
    with django_capture_on_commit_callbacks(execute=True):
        event.save_revision().publish()
    assert not Delivery.objects.filter(page_id=event.pk).exists()
    assert mailoutbox == []


def test_open_data_json_counts_only_public_measures(client, playground):
    measures = demo_page(ProjectIndexPage)
    before = json.loads(client.get(url(measures, "data_json")).content)["measures"]
    restrict(playground["de"])
    after = json.loads(client.get(url(measures, "data_json")).content)["measures"]
    assert len(after) == len(before) - 1
    rows = list(csv.DictReader(io.StringIO(client.get(url(measures, "data_csv")).content.decode("utf-8-sig"))))
    assert len(rows) == len(after)
