import pytest
from django.core.cache import cache
from wagtail.models import Page

from participation.models import ParticipationPage
from projects.models import FieldOfAction, ProjectPage
from tests.factories import ContributionFactory


@pytest.fixture(autouse=True)
def clear_rate_limits():
    # The rate limit counts in the cache, per IP address: every test starts with a clean count.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def pages(demo):
    de = ParticipationPage.objects.get(locale=demo["de"])
    en = ParticipationPage.objects.get(locale=demo["en"])
    return {"de": de, "en": en}


@pytest.fixture
def green(demo):
    """The field of action "Grün- und Freiraum" in German and English."""
    de = FieldOfAction.objects.get(locale=demo["de"], name="Grün- und Freiraum")
    return {"de": de, "en": de.get_translation(demo["en"])}


@pytest.fixture
def playground(demo):
    de = ProjectPage.objects.get(locale=demo["de"], slug="spielplatz-rosenstrasse")
    return {"de": de, "en": de.get_translation(demo["en"])}


@pytest.fixture
def make_contribution(demo):
    """tests.factories.ContributionFactory (an approved contribution), with the demo loaded."""
    return ContributionFactory


def page_url(page):
    return Page.objects.get(pk=page.pk).url
