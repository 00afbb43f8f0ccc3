"""The benchmark's seeders and the front-end cache purge on publishing."""

from unittest import mock

from wagtail.models import Page

from benchmarks import seeders
from home.models import StandardPage


def test_standard_page_seeder_builds_both_languages(demo, monkeypatch):
    monkeypatch.setitem(seeders.COUNTS, "standard", 3)
    result = seeders.seed_standard_pages({})
    assert result.startswith("6 standard pages")
    german = StandardPage.objects.live().filter(locale=demo["de"], slug__startswith="lasttest-")
    english = StandardPage.objects.live().filter(locale=demo["en"], slug__startswith="lasttest-")
    assert german.count() == english.count() == 3
    # English pages are translations of the German ones (same translation key), under the English section.
    assert set(german.values_list("translation_key", flat=True)) == set(
        english.values_list("translation_key", flat=True)
    )
    assert all(page.url.startswith("/en/lasttest/") for page in english)


def test_seeders_for_missing_models_skip(demo):
    seeder = seeders.seed_page_type("news.DoesNotExist", "news", "Meldung")
    assert seeder({}).startswith("skipped")
    assert seeders.model_or_none("nosuchapp.Model") is None


def test_fields_for_fills_required_plain_fields_only():
    from stadtteil.models import SiteTexts

    values = seeders.fields_for(SiteTexts, 4, skip={"translation_key"})
    assert values["site_name"] == "Lasttest 4"  # required, no default
    assert "tagline" not in values  # optional


def test_publishing_purges_the_page_and_its_ancestors_from_the_frontend_cache(
    client, demo, admin_user, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend", "LOCATION": "http://varnish:6081/"}
    }
    page = StandardPage.objects.get(slug="ueber-das-projekt")
    with (
        mock.patch("wagtail.contrib.frontend_cache.backends.http.HTTPBackend.purge") as purge,
        django_capture_on_commit_callbacks(execute=True),
    ):
        page.save_revision(user=admin_user).publish(user=admin_user)
    purged = {call.args[0] for call in purge.call_args_list}
    home = Page.objects.get(pk=demo["de_home"].pk)
    assert home.full_url in purged
