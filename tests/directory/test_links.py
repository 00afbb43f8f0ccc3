"""The directory "Schätze im Dorf" is reachable: main navigation, home page teaser, footer, and the news item
that announces it, in both languages."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from directory.models import DirectoryPage
from home.models import HomePage
from news.models import NewsPage
from tests.conftest import demo_url


def demo_urls(lang):
    """The home page, the directory and the news item that announces it, in `lang`."""
    return {
        "home": demo_url(HomePage, lang=lang),
        "directory": demo_url(DirectoryPage, lang=lang),
        "news": demo_url(NewsPage, "schaetze-im-dorf", lang=lang),
    }


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("lang", ["de", "en"])
def test_directory_is_in_menu_home_page_and_footer(client, demo, lang):
    urls = demo_urls(lang)
    home = soup(client, urls["home"])
    assert urls["directory"] in [a["href"] for a in home.select("nav.main-nav a")]
    teaser = home.select_one("main section.home-directory")
    assert teaser is not None and urls["directory"] in [a["href"] for a in teaser.select("a")]
    assert "20" in teaser.get_text()  # the demo's approved entries
    # The footer of any page, e.g. the news item.
    assert urls["directory"] in [a["href"] for a in soup(client, urls["news"]).select("footer a")]


@pytest.mark.parametrize("lang, other", [("de", "en"), ("en", "de")])
def test_the_announcement_links_to_the_directory_of_its_language(client, demo, lang, other):
    urls = demo_urls(lang)
    article = soup(client, urls["news"]).find("main")
    links = [a["href"] for a in article.select("a")]
    assert urls["directory"] in links
    assert demo_url(DirectoryPage, lang=other) not in links


def test_teaser_texts_are_translated(client, demo):
    german, english = soup(client, demo_url(HomePage)), soup(client, demo_url(HomePage, lang="en"))
    assert "Zum Verzeichnis" in german.select_one("section.home-directory").get_text()
    assert "Discover the directory" in english.select_one("section.home-directory").get_text()
    assert "Im Stadtteil" in german.find("footer").get_text()
    assert "In the district" in english.find("footer").get_text()


def test_load_demo_again_adds_the_link_once(demo):
    call_command("load_demo", stdout=io.StringIO())
    news = NewsPage.objects.get(locale=demo["de"], slug="schaetze-im-dorf")
    paragraphs = [str(block.value.source) for block in news.body if block.block_type == "paragraph"]
    assert sum('linktype="page"' in text for text in paragraphs) == 1
