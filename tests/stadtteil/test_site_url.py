"""One public address (SITE_URL) for every absolute link, whatever host the request came in on."""

import re

import pytest
from django.core import mail
from django.core.checks import run_checks
from django.core.management import call_command
from wagtail.models import Site

from home.models import HomePage, StandardPage
from news.models import EventIndexPage, NewsIndexPage, NewsPage
from projects.models import ProjectIndexPage, ProjectPage
from stadtteil.routing import url
from subscriptions.models import NewsletterPage, Subscriber
from tests.conftest import demo_page, demo_url

PUBLIC = "http://127.0.0.1:8080"
URL = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture
def public_address(settings, db):
    """The site is reached as http://testserver (the test client) but its public address is another port."""
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = PUBLIC
    return PUBLIC


def _site_urls(text):
    """Every absolute URL of this site (testserver or the public address) in a text."""
    return [found for found in URL.findall(text) if "testserver" in found or "127.0.0.1" in found]


def _all_public(urls):
    assert urls, "no absolute URL found"
    wrong = [found for found in urls if not found.startswith(PUBLIC + "/")]
    assert not wrong, wrong


def test_canonical_hreflang_and_feed_links_use_the_public_address(client, public_address):
    paths = [
        demo_url(NewsIndexPage),
        demo_url(NewsPage, "neue-mitte-fertiggestellt"),
        demo_url(NewsIndexPage, lang="en"),
        demo_url(StandardPage, "impressum"),
    ]
    for path in paths:
        html = client.get(path).content.decode()
        links = re.findall(r'<link rel="(?:canonical|alternate)"[^>]*href="([^"]+)"', html)
        assert any('rel="canonical"' in tag for tag in re.findall(r"<link[^>]+>", html)), path
        _all_public(links)


def machine_readable_path(name):
    """The path of one of the site's machine-readable files, from the page that serves it."""
    news, measures = demo_page(NewsIndexPage), demo_page(ProjectIndexPage)
    return {
        "sitemap": "/sitemap.xml",
        "robots": "/robots.txt",
        "rss": url(news, "rss_feed"),
        "atom-en": url(demo_page(NewsIndexPage, lang="en"), "atom_feed"),
        "ics": demo_url(EventIndexPage) + "kalender.ics",
        "json": url(measures, "data_json"),
        "geojson": url(measures, "data_geojson"),
        "csv": url(measures, "data_csv"),
    }[name]


@pytest.mark.parametrize("name", ["sitemap", "robots", "rss", "atom-en", "ics", "json", "geojson", "csv"])
def test_machine_readable_files_use_the_public_address(client, public_address, name):
    response = client.get(machine_readable_path(name))
    assert response.status_code == 200
    text = b"".join(response).decode() if response.streaming else response.content.decode()
    # iCalendar folds long lines (RFC 5545): unfold before looking for URLs.
    _all_public(_site_urls(text.replace("\r\n ", "")))


def test_qr_code_encodes_the_public_address(client, public_address):
    measure = demo_url(ProjectPage, "spielplatz-rosenstrasse")
    page = client.get(measure)
    assert page.status_code == 200
    html = page.content.decode()
    assert f"{PUBLIC}{measure}" in html  # the address printed under the code


def test_mail_links_use_the_public_address(client, public_address, django_capture_on_commit_callbacks):
    home = demo_url(HomePage)
    data = {"email": "anna@example.org", "language": "de", "topics": ["news"], "form_url": home, "consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(demo_url(NewsletterPage), data).status_code == 302
    assert Subscriber.objects.get().consent_url == PUBLIC + home
    (message,) = mail.outbox
    _all_public(_site_urls(message.body) + _site_urls(message.alternatives[0][0]))
    _all_public(_site_urls(message.extra_headers["List-Unsubscribe"]))


def test_load_demo_gives_the_wagtail_site_the_public_host_and_port(public_address):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115, PTH123
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8080)
    assert site.root_page.full_url == PUBLIC + site.root_page.url


@pytest.mark.parametrize(
    ("site_url", "warned"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://heeren-werve.example.org", True),
        ("https://heeren-werve.example.org", False),
    ],
)
def test_production_warns_without_a_public_https_address(settings, site_url, warned):
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = True
    settings.SITE_URL = site_url
    ids = [message.id for message in run_checks()]
    assert ("stadtteil.W001" in ids) is warned


def test_plain_http_on_this_machine_is_not_warned(settings):
    settings.DEBUG = False
    settings.SECURE_SSL_REDIRECT = False  # `make run`: HTTPS=0
    settings.SITE_URL = "http://127.0.0.1:8080"
    assert "stadtteil.W001" not in [message.id for message in run_checks()]
