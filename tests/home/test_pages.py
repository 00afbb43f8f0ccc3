"""The start page and standard pages, in both languages, as visitors see them."""

import pytest
from bs4 import BeautifulSoup

from home.models import HomePage, StandardPage
from tests.conftest import demo_url


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize(
    ("model", "slug", "lang", "texts"),
    [
        (
            HomePage,
            None,
            "de",
            ["Heeren-Werve gemeinsam gestalten", "Beispielinhalt", "Leichte Sprache", "Gebärdensprache"],
        ),
        (HomePage, None, "en", ["Shaping Heeren-Werve together", "Example content", "Easy read", "Sign language"]),
        (
            StandardPage,
            "ueber-das-projekt",
            "de",
            ["Ein Stadtteil mit Geschichte", "Häufige Fragen", "Eckdaten des Programms"],
        ),
        (
            StandardPage,
            "ueber-das-projekt",
            "en",
            [
                "A district with a history",
                "Frequently asked questions",
                "Key facts of the programme",
                "Action plan adopted",
            ],
        ),
        (StandardPage, "impressum", "de", ["Angaben gemäß § 5", "Vertreten durch", "Verantwortlich für den Inhalt"]),
        (StandardPage, "impressum", "en", ["§ 5 of the German Digital Services Act", "Represented by"]),
        (StandardPage, "datenschutz", "de", ["Datenschutzbeauftragte", "LDI NRW", "Ihre Rechte"]),
        (StandardPage, "datenschutz", "en", ["Data protection officer", "LDI NRW", "Your rights"]),
        (StandardPage, "barrierefreiheit", "de", ["BITV NRW", "Feedback und Kontakt", "Ombudsstelle"]),
        (StandardPage, "barrierefreiheit", "en", ["BITV NRW", "Feedback and contact", "Ombudsman"]),
        (StandardPage, "leichte-sprache", "de", ["Die Stadt will Heeren-Werve schöner machen."]),
        (StandardPage, "leichte-sprache", "en", ["The town wants to make Heeren-Werve nicer."]),
    ],
)
def test_pages_render_in_both_languages(client, demo, model, slug, lang, texts):
    response = client.get(demo_url(model, slug, lang))
    assert response.status_code == 200
    html = response.content.decode()
    for text in texts:
        assert text in html
    assert soup(response).html["lang"] == lang


def test_sign_language_page_has_captioned_self_hosted_video(client, demo):
    page = soup(client.get(demo_url(StandardPage, "gebaerdensprache")))
    video = page.find("video")
    assert video is not None
    source = video.find("source")
    assert source["src"].startswith("/documents/")
    track = video.find("track")
    assert track["kind"] == "captions"
    assert client.get(source["src"]).status_code == 200


def test_start_page_links_easy_read_and_sign_language_prominently(client, demo):
    page = soup(client.get(demo_url(HomePage, lang="en")))
    links = {a.get_text(strip=True): a["href"] for a in page.select(".access-links a")}
    assert links == {
        "Easy read": demo_url(StandardPage, "leichte-sprache", "en"),
        "Sign language": demo_url(StandardPage, "gebaerdensprache", "en"),
    }


def test_every_page_has_skip_link_landmarks_and_no_third_party_assets(client, demo):
    page = soup(client.get(demo_url(StandardPage, "ueber-das-projekt")))
    skip = page.find("a", class_="skip-link")
    assert skip["href"] == "#main"
    assert skip.get_text() == "Zum Inhalt springen"
    assert page.find("main", id="main") is not None
    assert page.find("header") is not None and page.find("footer") is not None
    assert page.find("nav", attrs={"aria-label": "Hauptnavigation"}) is not None
    for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("source", "src")):
        for element in page.find_all(tag):
            url = element.get(attribute)
            if url and element.get("rel") != ["alternate"] and element.get("rel") != ["canonical"]:
                assert url.startswith("/"), f"{tag} loads {url} from elsewhere"


def test_main_navigation_marks_current_page(client, demo):
    page = soup(client.get(demo_url(StandardPage, "ueber-das-projekt")))
    current = page.select('.main-nav a[aria-current="page"]')
    assert [a.get_text() for a in current] == ["Über das Projekt"]


def test_breadcrumbs_lead_home(client, demo):
    page = soup(client.get(demo_url(StandardPage, "ueber-das-projekt", "en")))
    crumbs = page.find("nav", attrs={"aria-label": "Breadcrumb"})
    assert [a["href"] for a in crumbs.find_all("a")] == [demo_url(HomePage, lang="en")]
    assert crumbs.find(attrs={"aria-current": "page"}).get_text() == "About the project"


def test_footer_shows_site_settings_and_translated_texts(client, demo):
    legal = ("impressum", "datenschutz", "barrierefreiheit")
    german = soup(client.get(demo_url(HomePage))).find("footer")
    text = german.get_text(" ", strip=True)
    assert "Stadtteilbüro Heeren-Werve" in text
    assert "Mittelstraße 14" in text
    assert "dienstags und mittwochs" in text
    assert "Städtebauförderung von Bund, Ländern und Gemeinden" in text
    assert [a["href"] for a in german.select(".site-footer__links a")][:3] == [
        demo_url(StandardPage, slug) for slug in legal
    ]
    logos = german.select(".funding-logos img")
    assert [img["alt"] for img in logos] == [
        "Städtebauförderung von Bund, Ländern und Gemeinden",
        "Land Nordrhein-Westfalen",
        "Stadt Kamen",
    ]
    english = soup(client.get(demo_url(HomePage, lang="en"))).find("footer")
    text = english.get_text(" ", strip=True)
    assert "Tuesdays and Wednesdays" in text
    assert "Contact" in text
    assert [a["href"] for a in english.select(".site-footer__links a")][:3] == [
        demo_url(StandardPage, slug, "en") for slug in legal
    ]


def test_footer_reflects_changed_settings(client, demo):
    from wagtail.models import Site

    from stadtteil.models import SiteSettings

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.phone = "02307 999-1"
    settings.save()
    assert "02307 999-1" in client.get(demo_url(HomePage)).content.decode()


def test_responsive_images_have_srcset_webp_and_dimensions(client, demo):
    page = soup(client.get(demo_url(HomePage)))
    picture = page.select_one(".hero picture")
    assert picture.find("source", attrs={"type": "image/webp"})["srcset"].count("w,") >= 2
    img = picture.find("img")
    assert img["width"] and img["height"]


def test_standard_page_only_below_home_or_standard_pages():
    assert StandardPage.parent_page_types == ["home.HomePage", "home.StandardPage"]
    assert HomePage.parent_page_types == ["wagtailcore.Page"]


def count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up the per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("model", "slug", "lang", "budget"),
    # The home page also shows the teasers of measures, news, events and the final report.
    [
        (HomePage, None, "de", 45),
        (HomePage, None, "en", 45),
        (StandardPage, "ueber-das-projekt", "de", 25),
        (StandardPage, "ueber-das-projekt", "en", 25),
    ],
)
def test_query_budget_does_not_grow_with_menu_items(client, demo, admin_user, model, slug, lang, budget):
    url = demo_url(model, slug, lang)
    before = count_queries(client, url)
    assert before <= budget
    for number in range(8):
        extra = StandardPage(title=f"Seite {number}", slug=f"seite-{number}", show_in_menus=True)
        demo["de_home"].add_child(instance=extra)
        extra.save_revision(user=admin_user).publish()
    assert count_queries(client, url) == before
