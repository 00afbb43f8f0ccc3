import pytest

from news.models import EventPage, NewsPage


@pytest.mark.parametrize(("model", "index_attr"), [("newspage", "news_index"), ("eventpage", "event_index")])
def test_editors_can_open_the_create_forms(admin_client, request, model, index_attr):
    index = request.getfixturevalue(index_attr)
    response = admin_client.get(f"/admin/pages/add/news/{model}/{index.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="no_notification"' in html
    assert 'name="teaser"' in html


def test_editors_can_open_existing_items(admin_client, demo):
    for model in (NewsPage, EventPage):
        item = model.objects.filter(locale=demo["de"]).first()
        assert admin_client.get(f"/admin/pages/{item.pk}/edit/").status_code == 200


def test_home_page_allows_the_index_pages(demo):
    from home.models import HomePage

    assert {"news.NewsIndexPage", "news.EventIndexPage"} <= set(HomePage.subpage_types)


def test_previews_render_unsaved_changes(demo):
    from news.models import NewsCategory, NewsPageCategory

    item = NewsPage.objects.get(slug="blumenampeln", locale=demo["de"])
    item.title = "Vorschau der Blumenampeln"
    category = NewsCategory.objects.get(slug="bauen", locale=demo["de"])
    item.category_links = [NewsPageCategory(category=category)]  # only in memory, as in a preview
    response = item.make_preview_request()
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vorschau der Blumenampeln" in html
    assert "Bauen und Gestalten" in html
    event = EventPage.objects.filter(locale=demo["de"]).first()
    event.title = "Vorschau eines Termins"
    response = event.make_preview_request()
    assert response.status_code == 200
    assert "Vorschau eines Termins" in response.content.decode()
