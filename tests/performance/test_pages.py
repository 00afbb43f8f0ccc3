"""Images load lazily below the fold with their sizes, and each page type costs a fixed number of queries."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model

from home.models import HomePage, StandardPage
from tests.conftest import demo_url


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


# Demo pages as (model, German slug, language) for demo_url: the start page in both languages, the about page.
HOME_AND_ABOUT = [(HomePage, None, "de"), (HomePage, None, "en"), (StandardPage, "ueber-das-projekt", "de")]


@pytest.mark.parametrize("model, slug, lang", [*HOME_AND_ABOUT, (StandardPage, "ueber-das-projekt", "en")])
def test_every_image_has_width_and_height(client, demo, model, slug, lang):
    images = soup(client.get(demo_url(model, slug, lang))).find_all("img")
    assert images
    for img in images:
        assert img.get("width") and img.get("height"), img


def test_hero_image_is_eager_and_high_priority_everything_below_is_lazy(client, demo):
    page = soup(client.get(demo_url(HomePage)))
    hero = page.select_one(".hero img")
    assert hero["fetchpriority"] == "high"
    assert hero.get("loading") != "lazy"
    below = page.select("main .stream img, .site-footer img")
    assert below, "the demo home page shows images below the fold"
    assert all(img.get("loading") == "lazy" for img in below)


def queries(client, url):
    client.get(url)  # per-process caches (site root paths, content types) warm
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def figure(image):
    return {"type": "image", "value": {"image": {"image": image.pk, "alt_text": "Bild", "decorative": False}}}


@pytest.mark.parametrize("count", [1, 12])
def test_standard_page_queries_do_not_grow_with_images_in_the_body(client, demo, admin_user, count):
    images = list(get_image_model().objects.all()[:3])
    page = StandardPage(
        title="Bilder", slug="bilder", body=[figure(images[number % len(images)]) for number in range(1)]
    )
    demo["de_home"].add_child(instance=page)
    page.save_revision(user=admin_user).publish(user=admin_user)
    one = queries(client, page.url)
    page.body = [figure(images[number % len(images)]) for number in range(count)]
    page.save_revision(user=admin_user).publish(user=admin_user)
    assert queries(client, page.url) <= one + (0 if count == 1 else 2)
    assert one <= 20
    figures = soup(client.get(page.url)).select("main figure img")
    assert len(figures) == count
    assert all(img["loading"] == "lazy" and img["width"] and img["height"] for img in figures)


@pytest.mark.parametrize("model, slug, lang", [*HOME_AND_ABOUT, (StandardPage, "impressum", "en")])
def test_every_page_has_a_meta_description(client, demo, model, slug, lang):
    # Lighthouse's SEO audit; pages without a search description fall back to their intro or the site tagline.
    meta = soup(client.get(demo_url(model, slug, lang))).find("meta", attrs={"name": "description"})
    assert meta is not None and len(meta["content"]) > 10
    assert "<" not in meta["content"]
