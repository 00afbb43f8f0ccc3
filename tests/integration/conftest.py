import pytest
from wagtail.models import Locale

from news.models import NewsIndexPage, NewsPage
from projects.models import FieldOfAction, ProjectPage
from tests.conftest import demo_page
from tests.news.conftest import make_events, make_news  # noqa: F401 (fixtures shared with the news tests)


@pytest.fixture
def field(demo):
    """German fields of action of the demo by name: field("Grün- und Freiraum")."""

    def get(name, language="de"):
        german = FieldOfAction.objects.get(locale=demo["de"], name=name)
        if language == "de":
            return german
        return FieldOfAction.objects.get(translation_key=german.translation_key, locale__language_code=language)

    return get


@pytest.fixture
def measure(demo):
    def get(slug):
        return demo_page(ProjectPage, slug)

    return get


@pytest.fixture
def news_index(demo):
    return NewsIndexPage.objects.get(locale=demo["de"])


def english(page):
    return page.get_translation(Locale.objects.get(language_code="en"))


def news(slug, language="de"):
    return demo_page(NewsPage, slug, language)
