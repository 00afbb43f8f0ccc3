"""Details residents notice: British dates on English pages, tappable phone numbers, German alphabetical order,
map attribution in the page's language."""

import re

from bs4 import BeautifulSoup

from directory.models import DirectoryPage
from news.models import EventPage
from projects.models import ProjectIndexPage
from stadtteil import collation
from stadtteil.routing import url
from stadtteil.templatetags.stadtteil_tags import tel
from tests.conftest import demo_page, demo_url


def test_english_pages_use_british_dates_and_24_hour_times(client, demo):
    page = client.get(demo_url(EventPage, "infoabend-spielplatz-rosenstrasse", lang="en")).content.decode()
    text = BeautifulSoup(page, "html.parser").select_one("main").get_text(" ", strip=True)
    assert not re.search(r"\b(a|p)\.m\.", text)
    assert not re.search(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\. \d", text)
    assert re.search(
        r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|"
        r"December) 20\d\d\b",
        text,
    )
    assert re.search(r"\b\d{2}:\d{2}\b", text)


def test_phone_numbers_are_tappable_everywhere(client, demo):
    assert tel("02307 148-0") == "tel:+4923071480"
    assert tel("+49 2307 / 148 0") == "tel:+4923071480"
    assert tel("0049 2307 1480") == "tel:+4923071480"
    footer = BeautifulSoup(client.get(demo["de_home"].url).content, "html.parser").select_one("footer")
    assert footer.select_one('a[href="tel:+4923071480"]').get_text() == "02307 148-0"
    directory = BeautifulSoup(client.get(demo_url(DirectoryPage)).content, "html.parser")
    links = directory.select('.directory-entry__contact a[href^="tel:+49"]')
    assert links


def test_alphabetical_lists_follow_german_order(client, demo):
    names = ["Zahnarzt", "Buchladen", "Bäckerei", "Ärztehaus", "apotheke"]
    assert sorted(names, key=collation.sort_key) == ["apotheke", "Ärztehaus", "Bäckerei", "Buchladen", "Zahnarzt"]
    from directory.models import DirectoryEntry

    entry = DirectoryEntry.objects.filter(locale=demo["de"], approved=True).first()
    entry.name = "Äpfel und Birnen"
    entry.save()
    page = BeautifulSoup(client.get(demo_url(DirectoryPage)).content, "html.parser")
    shown = [heading.get_text(strip=True) for heading in page.select(".directory-entry h3, .directory-entry h2")]
    assert shown == sorted(shown, key=collation.sort_key)
    assert shown[0] == "Äpfel und Birnen"


def test_map_attribution_is_in_the_page_language(client, demo):
    english = client.get(url(demo_page(ProjectIndexPage, lang="en"), "map")).content.decode()
    german = client.get(url(demo_page(ProjectIndexPage), "map")).content.decode()
    assert "OpenStreetMap</a> contributors" in english and "Mitwirkende" not in english
    assert "OpenStreetMap</a>-Mitwirkende" in german
