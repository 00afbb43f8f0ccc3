"""Two languages, German first: redirects, language switcher, hreflang links and untranslated pages."""

import pytest
from bs4 import BeautifulSoup

from home.models import StandardPage
from tests.conftest import demo_url

# The redirects, the switcher's and hreflang's values and the 404s are about the paths: written out.


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("accept_language", "target"),
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("de-DE,de;q=0.9,en;q=0.5", "/de/"),
        ("fr-FR,fr;q=0.9", "/de/"),
        ("", "/de/"),
    ],
)
def test_root_redirects_by_accept_language(client, demo, accept_language, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == target


def test_language_switcher_leads_to_the_translation(client, demo):
    page = soup(client.get(demo_url(StandardPage, "ueber-das-projekt")))
    switcher = page.find("nav", class_="language-switcher")
    link = switcher.find("a", hreflang="en")
    assert link["href"] == "/en/about-the-project/"
    assert link["lang"] == "en"
    assert link.get_text(strip=True) == "English"
    assert switcher.find(attrs={"aria-current": "true"}).get_text(strip=True) == "Deutsch"
    assert client.get(link["href"]).status_code == 200


def test_hreflang_links_use_each_translations_own_url(client, demo):
    page = soup(client.get(demo_url(StandardPage, "impressum", lang="en")))
    alternates = {link["hreflang"]: link["href"] for link in page.find_all("link", rel="alternate", hreflang=True)}
    assert alternates == {
        "de": "http://testserver/de/impressum/",
        "en": "http://testserver/en/legal-notice/",
        "x-default": "http://testserver/de/impressum/",
    }
    for url in alternates.values():
        assert client.get(url.removeprefix("http://testserver")).status_code == 200


def test_untranslated_page_switches_to_english_home_and_stays_out_of_english_menu(client, demo, admin_user):
    german = StandardPage(title="Nur auf Deutsch", slug="nur-deutsch", show_in_menus=True)
    demo["de_home"].add_child(instance=german)
    german.save_revision(user=admin_user).publish()
    page = soup(client.get(german.url))
    assert page.find("nav", class_="language-switcher").find("a", hreflang="en")["href"] == "/en/"
    assert not page.find_all("link", rel="alternate", hreflang="en")
    english_menu = soup(client.get(demo["en_home"].url)).find("nav", class_="main-nav").get_text()
    assert "Nur auf Deutsch" not in english_menu
    assert "Nur auf Deutsch" in soup(client.get(demo["de_home"].url)).find("nav", class_="main-nav").get_text()


@pytest.mark.parametrize(
    ("url", "title", "home"),
    [("/de/gibt-es-nicht/", "Seite nicht gefunden", "/de/"), ("/en/does-not-exist/", "Page not found", "/en/")],
)
def test_unknown_urls_give_the_styled_404_in_the_right_language(client, demo, url, title, home):
    response = client.get(url)
    assert response.status_code == 404
    page = soup(response)
    assert page.find("h1").get_text() == title
    assert page.html["lang"] == url[1:3]
    assert page.find("footer") is not None
    assert home in [a["href"] for a in page.select("main a")]


def test_server_error_page_renders_without_database(rf):
    # No `db` fixture: any database access here would raise.
    from django.utils import translation

    from stadtteil.views import server_error

    with translation.override("en"):
        response = server_error(rf.get("/en/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert '<html lang="en">' in html
    with translation.override("de"):
        assert "Etwas ist schiefgegangen" in server_error(rf.get("/de/")).content.decode()


def test_robots_and_sitemap(client, demo):
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert "Disallow: /admin/" in robots.content.decode()
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    body = sitemap.content.decode()
    assert "/de/impressum/" in body and "/en/legal-notice/" in body
