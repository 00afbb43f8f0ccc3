"""The error pages: styled and translated for 400, 403, 404, 429, 500 and a refused form (CSRF); 400 and 500
render without the database."""

import pytest
from bs4 import BeautifulSoup
from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import path
from django.utils import translation
from django_ratelimit.exceptions import Ratelimited

from home.models import HomePage
from stadtteil.routing import reverse_alternates
from stadtteil.urls import handler400, handler403, handler404, handler500  # noqa: F401 (this URLconf's handlers)
from stadtteil.urls import urlpatterns as site_urlpatterns
from subscriptions.models import NewsletterPage, Subscriber
from tests.conftest import demo_url


def _forbidden(request):
    raise PermissionDenied


def _ratelimited(request):
    raise Ratelimited


# The site's URLconf plus two views that raise what real views raise (pytest.mark.urls points here).
urlpatterns = [
    *i18n_patterns(path("forbidden/", _forbidden), path("limited/", _ratelimited), prefix_default_language=True),
    *site_urlpatterns,
]

SITE = pytest.mark.urls("tests.stadtteil.test_error_pages")


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def main_text(response):
    return " ".join(soup(response).find("main").get_text(" ").split())


@SITE
@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        ("de", "Zugriff verweigert", "Sie dürfen diese Seite nicht öffnen."),
        ("en", "Access denied", "You may not open this page."),
    ],
)
def test_403_is_styled_and_translated(client, demo, language, title, text):
    response = client.get(f"/{language}/forbidden/")
    assert response.status_code == 403
    page = soup(response)
    assert page.html["lang"] == language
    assert page.find("h1").get_text() == title
    assert text in main_text(response)
    assert page.find("footer") is not None  # the whole site frame (base.html)
    assert f"/{language}/" in [a["href"] for a in page.select("main a")]


@SITE
@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        ("de", "Zu viele Anfragen", "Bitte warten Sie eine Weile"),
        ("en", "Too many requests", "Please wait a while"),
    ],
)
def test_ratelimited_is_a_styled_429(client, demo, language, title, text):
    response = client.get(f"/{language}/limited/")
    assert response.status_code == 429
    page = soup(response)
    assert page.html["lang"] == language
    assert page.find("h1").get_text() == title
    assert text in main_text(response)
    assert page.find("footer") is not None


@pytest.mark.parametrize(
    ("language", "title", "text"),
    [
        ("de", "Die Anfrage konnte nicht verarbeitet werden", "Es wurde nichts gespeichert."),
        ("en", "The request could not be processed", "Nothing was stored."),
    ],
)
def test_400_renders_without_database(rf, language, title, text):
    # No `db` fixture: any database access here would raise.
    from stadtteil.views import bad_request

    with translation.override(language):
        response = bad_request(rf.get(f"/{language}/"))
    assert response.status_code == 400
    page = soup(response)
    assert page.html["lang"] == language
    assert page.find("h1").get_text() == title
    assert text in main_text(response)
    assert page.find("link", rel="stylesheet")["href"].startswith("/static/css/site")


def test_a_refused_host_gets_the_styled_400(client, db, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    response = client.get(demo_url(HomePage), HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert soup(response).find("h1").get_text() == "Die Anfrage konnte nicht verarbeitet werden"


@pytest.mark.parametrize(("language", "title"), [("de", "Die Anfrage"), ("en", "The request")])
def test_an_oversized_form_gets_the_styled_400_and_stores_nothing(client, demo, language, title):
    response = client.post(demo_url(NewsletterPage, lang=language), {"email": "a@example.org", "website": "x" * 20000})
    assert response.status_code == 400
    assert soup(response).find("h1").get_text().startswith(title)
    assert not Subscriber.objects.exists()


@pytest.mark.parametrize(
    ("language", "title", "advice"),
    [
        ("de", "Das Formular konnte nicht gesendet werden", "Bitte laden Sie die Seite"),
        ("en", "The form could not be sent", "Please reload the page with the form"),
    ],
)
def test_csrf_failure_says_what_to_do_in_both_languages(demo, language, title, advice):
    client = Client(enforce_csrf_checks=True)
    url = demo_url(NewsletterPage, lang=language)
    data = {"email": "a@example.org", "topics": ["news"], "consent": "on"}
    # A browser that sent the form from this site's page, but whose token is gone (e.g. the page was old).
    response = client.post(url, data, HTTP_ORIGIN="http://testserver", HTTP_REFERER=f"http://testserver{url}")
    assert response.status_code == 403
    page = soup(response)
    assert page.html["lang"] == language
    assert page.find("h1").get_text() == title
    text = main_text(response)
    assert advice in text
    assert ("Es wurde nichts gespeichert." if language == "de" else "Nothing was stored.") in text
    assert url in [a["href"] for a in page.select("main a")]  # back to the form
    assert not Subscriber.objects.exists()


def test_csrf_failure_links_back_only_to_this_site(demo):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        demo_url(NewsletterPage), {"email": "a@example.org"}, HTTP_REFERER="http://testserver//evil.example/x"
    )
    assert response.status_code == 403
    hrefs = [a["href"] for a in soup(response).select("main a")]
    assert not [href for href in hrefs if "evil" in href]


def test_a_form_from_another_site_gets_the_same_page(client, demo):
    # The token-less footer form (stadtteil.security.same_origin_post) refuses other origins with that page too.
    subscribe = reverse_alternates("subscriptions:subscribe")["en"]
    response = client.post(subscribe, {"email": "a@example.org"}, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert soup(response).find("h1").get_text() == "The form could not be sent"
    assert "Back to the form" not in main_text(response)
    assert not Subscriber.objects.exists()
