import io

from django.core.management import call_command

from news.models import EventPage, NewsCategory, NewsPage, Venue


def test_demo_content_in_both_languages_and_idempotent(demo):
    counts = {
        model: {code: model.objects.filter(locale=demo[code]).count() for code in ("de", "en")}
        for model in (NewsPage, EventPage, NewsCategory, Venue)
    }
    assert counts[NewsPage]["de"] == counts[NewsPage]["en"] >= 12
    assert counts[NewsCategory]["de"] == counts[NewsCategory]["en"] == 5
    years = {d.year for d in NewsPage.objects.filter(locale=demo["de"]).values_list("date", flat=True)}
    assert min(years) == 2016 and max(years) == 2026 and len(years) >= 10
    assert counts[EventPage]["de"] == counts[EventPage]["en"] >= 6
    call_command("load_demo", stdout=io.StringIO())
    assert counts == {
        model: {code: model.objects.filter(locale=demo[code]).count() for code in ("de", "en")}
        for model in (NewsPage, EventPage, NewsCategory, Venue)
    }
