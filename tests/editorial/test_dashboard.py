"""Dashboard panels: counts of pages in review and outdated translations, and the guarded panels of other apps."""

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page, Workflow

from editorial.dashboard import optional_model
from editorial.roles import MODERATION, REDAKTION, UEBERSETZUNG, WORKFLOW_NAME
from editorial.translations import outdated_sources
from home.models import StandardPage

HOME = "wagtailadmin_home"


def new_page(demo, slug):
    page = StandardPage(title=f"Seite {slug}", slug=slug)
    demo["de_home"].add_child(instance=page)
    page.save_revision().publish()
    return page


def test_pages_awaiting_review_count(make_user, login, demo):
    author = make_user("rita", REDAKTION)
    client = login(author)
    assert "0 Seiten warten auf Freigabe." in client.get(reverse(HOME)).content.decode()

    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    for slug in ("eins", "zwei"):
        page = new_page(demo, slug)
        page.title = f"Geänderte Seite {slug}"
        page.save_revision(user=author)
        workflow.start(page, author)
    html = client.get(reverse(HOME)).content.decode()
    assert "2 Seiten warten auf Freigabe." in html
    assert "Geänderte Seite eins" in html and "Geänderte Seite zwei" in html
    assert "Rita" in html


def test_outdated_translations_count(admin_client, demo):
    assert "0 Seiten oder Snippets haben nicht übersetzte" in admin_client.get(reverse(HOME)).content.decode()
    for slug in ("ueber-das-projekt", "impressum"):
        page = Page.objects.get(locale=demo["de"], slug=slug).specific
        page.title = page.title + " (geändert)"
        page.save_revision().publish()
    html = admin_client.get(reverse(HOME)).content.decode()
    assert "2 Seiten oder Snippets haben nicht übersetzte oder geänderte Texte." in html
    assert "Über das Projekt (geändert)" in html
    assert reverse("editorial:outdated_translations") in html


def test_outdated_detection_query_count_does_not_grow_with_pages(demo):
    def change(slugs):
        for slug in slugs:
            page = Page.objects.get(locale=demo["de"], slug=slug).specific
            page.title += " neu"
            page.save_revision().publish()

    change(["ueber-das-projekt"])
    with CaptureQueriesContext(connection) as few:
        assert len(outdated_sources()) == 1
    change(["impressum", "datenschutz", "barrierefreiheit"])
    with CaptureQueriesContext(connection) as many:
        assert len(outdated_sources()) == 4
    assert len(many) == len(few)


def test_panels_by_role(make_user, login, demo):
    translator_html = login(make_user("tom", UEBERSETZUNG)).get(reverse(HOME)).content.decode()
    assert 'id="editorial-outdated-translations-section"' in translator_html
    assert 'id="editorial-pages-awaiting-review-section"' in translator_html  # translators edit English pages

    moderator_html = login(make_user("mo", MODERATION)).get(reverse(HOME)).content.decode()
    assert "editorial-outdated-translations" not in moderator_html
    assert "editorial-pages-awaiting-review" not in moderator_html


# --- panels of apps built elsewhere: only when the app and its model exist -----------------------------------

MISSING = {
    "contributions": {"model": "participation_missing.Contribution", "filter": {"status": "new"}},
    "subscribers": {"model": "subscriptions_missing.Subscriber", "group_by": "language"},
    "downloads": {"model": "documents.CustomDocument", "order_by": "no_such_counter", "limit": 5},
}


@override_settings(EDITORIAL_DASHBOARD_SOURCES=MISSING)
def test_guarded_panels_absent_without_their_models(admin_client):
    html = admin_client.get(reverse(HOME)).content.decode()
    for panel in ("editorial-contributions", "editorial-subscribers", "editorial-downloads"):
        assert panel not in html


def test_optional_model_lookup():
    assert optional_model({"model": "nosuchapp.Model"}) is None
    assert optional_model({"model": "home.NoSuchModel"}) is None
    assert optional_model({"model": "home.StandardPage", "order_by": "download_count"}) is None
    assert optional_model({"model": "home.StandardPage", "filter": {"intro__icontains": "x"}}) is StandardPage


# Existing models stand in for the ones still being built, to check counting and rendering.
STAND_INS = {
    "contributions": {
        "model": "wagtailcore.Page",
        "filter": {"live": False},
        "date_field": "first_published_at",
        "days": 7,
        "permission": "change",
    },
    "subscribers": {"model": "wagtailcore.Page", "filter": {"live": True}, "group_by": "locale", "permission": "view"},
    "downloads": {"model": "wagtailimages.Image", "order_by": "width", "limit": 2},
}


@pytest.mark.django_db
@override_settings(EDITORIAL_DASHBOARD_SOURCES=STAND_INS)
def test_guarded_panels_count_when_models_exist(admin_client, demo):
    draft = StandardPage(title="Entwurf", slug="entwurf", live=False)
    demo["de_home"].add_child(instance=draft)
    get_image_model().objects.create(title="Sehr breites Bild", file=get_test_image_file(size=(3000, 10)))
    html = admin_client.get(reverse(HOME)).content.decode()

    assert "1 neuer Beitrag wartet auf Moderation." in html
    live = Page.objects.filter(live=True).count()
    assert f"{live} bestätigte Abonnements." in html
    assert 'id="editorial-downloads-section"' in html
    widest = list(get_image_model().objects.order_by("-width")[:2])
    assert "Sehr breites Bild" in html and widest[1].title in html
    assert html.index("Sehr breites Bild") < html.index(widest[1].title)
