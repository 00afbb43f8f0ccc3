"""Content in another language than the page's is marked with `lang` (WCAG 3.1.2), and every alphabetical list
follows German order ("Bäckerei" before "Buchladen", "Ä" with "A", not after "Z"). Both languages."""

from bs4 import BeautifulSoup
from django.utils import translation

from directory.models import DirectoryEntry, DirectoryPage
from fund.models import FundPage
from participation.models import Contribution, ParticipationPage
from projects.models import ProjectIndexPage, ProjectPage
from stadtteil import collation
from stadtteil.templatetags.stadtteil_tags import lang_attr
from tests.conftest import demo_url


def soup(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def test_lang_attr_marks_only_other_languages():
    with translation.override("en"):
        assert lang_attr("de") == ' lang="de"'
        assert lang_attr("de-DE") == ' lang="de-DE"'
        assert lang_attr("en") == "" and lang_attr("") == "" and lang_attr(None) == ""
    with translation.override("de"):
        assert lang_attr("de") == ""
        assert lang_attr("en") == ' lang="en"'
        assert lang_attr("en-x-simple") == ' lang="en"'


def test_contributions_and_replies_keep_their_language(client, demo):
    measure = ProjectPage.objects.get(locale=demo["de"], slug="neue-mitte")
    Contribution.objects.create(
        message="More shade on the square, please.",
        language="en",
        measure=measure,
        status=Contribution.Status.APPROVED,
        public_reply="Thank you, trees are planned.",
        address="Märkische Straße",
    )
    english = soup(client, demo_url(ParticipationPage, lang="en"))
    german_texts = set(
        Contribution.objects.filter(status=Contribution.Status.APPROVED, language="de").values_list(
            "message", flat=True
        )
    )
    items = english.select(".contribution")
    german_items = [
        item for item in items if item.select_one(".contribution__message").get_text().strip() in german_texts
    ]
    english_items = [item for item in items if item not in german_items]
    assert german_items and english_items  # the demo has contributions in both languages
    for item in german_items:
        assert item.select_one(".contribution__message")["lang"] == "de"
        reply = item.select_one(".contribution__reply-text")
        if reply is not None:
            assert reply["lang"] == "de"
            # The heading of the reply is the page's own text, not marked.
            assert not item.select_one(".contribution__reply-heading").has_attr("lang")
    for item in english_items:
        assert not item.select_one(".contribution__message").has_attr("lang")
    # The demo has German replies on English pages.
    assert english.select('.contribution__reply-text[lang="de"]')

    german = soup(client, demo_url(ParticipationPage))
    english_item = next(item for item in german.select(".contribution") if "More shade" in item.get_text())
    assert english_item.select_one(".contribution__message")["lang"] == "en"
    assert english_item.select_one(".contribution__reply-text")["lang"] == "en"
    assert english_item.select_one('.contribution__place [lang="en"]').get_text() == "Märkische Straße"
    assert all(
        not item.select_one(".contribution__message").has_attr("lang")
        for item in german.select(".contribution")
        if item.select_one(".contribution__message").get_text().strip() in german_texts
    )

    # The same on the measure page ("what came in and what became of it"), in both languages.
    measure_en = soup(client, measure.get_translation(demo["en"]).url)
    assert measure_en.select('.measure-outcomes .contribution__message[lang="de"]')
    assert soup(client, measure.url).select('.measure-outcomes .contribution__message[lang="en"]')


def test_funded_projects_are_marked_german_on_english_pages(client, demo):
    english = soup(client, demo_url(FundPage, lang="en"))
    projects = english.select(".fund-project")
    assert projects
    for project in projects:
        assert project.select_one(".card__title")["lang"] == "de"
        assert project.select('.card__body > p[lang="de"]')
    german = soup(client, demo_url(FundPage))
    assert german.select(".fund-project") and not german.select('.fund-project [lang="de"]')


def test_untranslated_directory_texts_are_marked_german(client, demo):
    german_entry = DirectoryEntry.objects.filter(locale=demo["de"], approved=True).order_by("pk").first()
    english_entry = DirectoryEntry.objects.get(locale=demo["en"], translation_key=german_entry.translation_key)
    english_entry.description = german_entry.description  # not translated yet
    english_entry.save()

    listing = soup(client, demo_url(DirectoryPage, lang="en"))
    marked = listing.select('.directory-entry p[lang="de"]')
    assert [p.get_text(strip=True) for p in marked] == [german_entry.description]
    # Translated names are not marked; a name that stays the same (a proper name like "Café Seseke") is German.
    german_names = set(DirectoryEntry.objects.filter(locale=demo["de"]).values_list("name", flat=True))
    for heading in listing.select(".directory-entry h2"):
        assert heading.has_attr("lang") == (heading.get_text(strip=True) in german_names), heading

    entry_url = listing.find("a", string=english_entry.name)["href"]
    detail = soup(client, entry_url)
    assert detail.find("p", string=german_entry.description)["lang"] == "de"
    assert detail.select_one("h1").has_attr("lang") == (english_entry.name == german_entry.name)
    assert not soup(client, demo_url(DirectoryPage)).select('.directory-entry [lang="de"]')


def test_measure_choices_of_the_participation_form_follow_german_order(client, demo):
    measure = ProjectPage.objects.filter(locale=demo["de"]).live().order_by("pk").last()
    measure.title = "Ärztehaus am Markt"
    measure.save_revision().publish()

    for url in (demo_url(ParticipationPage), demo_url(ParticipationPage, lang="en")):
        options = [option.get_text(strip=True) for option in soup(client, url).select('select[name="measure"] option')][
            1:
        ]  # after "none"
        assert options == sorted(options, key=collation.sort_key), url
    german = [
        option.get_text(strip=True)
        for option in soup(client, demo_url(ParticipationPage)).select('select[name="measure"] option')
    ]
    assert german[1] == "Ärztehaus am Markt"  # not after "Umgestaltung …" as in code-point order


def test_measures_sorted_by_title_follow_german_order(client, demo):
    measure = ProjectPage.objects.filter(locale=demo["de"], slug="luisenpark").get()
    measure.title = "Ärztehaus am Luisenpark"
    measure.save_revision().publish()
    page = soup(client, demo_url(ProjectIndexPage) + "?sort=title")
    titles = [heading.get_text(strip=True) for heading in page.select(".measure-card .card__title")]
    assert titles and titles == sorted(titles, key=collation.sort_key)
    assert titles[0] == "Ärztehaus am Luisenpark"


def test_german_order_of_names():
    names = ["Buchladen", "Zahnarzt", "Bäckerei", "Öko-Laden", "Obsthof"]
    assert sorted(names, key=collation.sort_key) == ["Bäckerei", "Buchladen", "Obsthof", "Öko-Laden", "Zahnarzt"]


def test_demo_funding_logos_show_their_whole_name(demo):
    """The generated logos are as wide as their lettering ("Städtebauförderung", not "Städtebauförderu")."""
    from PIL import Image
    from wagtail.models import Site

    from stadtteil.models import SiteSettings

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    logo = settings.federal_funding_logo
    with logo.open_file() as file:
        picture = Image.open(file).convert("L")
    width, height = picture.size
    # The rightmost column with ink (not white) leaves a margin on the right.
    inked = [x for x in range(width) if picture.crop((x, 0, x + 1, height)).getextrema()[0] < 200]
    assert inked and inked[-1] < width - 20, f"lettering reaches the edge: {inked[-1]} of {width}"


def test_measure_intro_is_printed_once(client, demo):
    for url in (demo_url(ProjectPage, "neue-mitte"), demo_url(ProjectPage, "neue-mitte", lang="en")):
        page = soup(client, url)
        lead = page.select_one(".measure__header .lead").get_text(strip=True)
        assert page.select_one("main").get_text(" ", strip=True).count(lead) == 1, url
        # The fact sheet comes first in the source (phones show it right after the intro).
        layout = page.select_one(".measure__layout")
        assert layout.find(recursive=False)["class"] == ["measure__facts"]
