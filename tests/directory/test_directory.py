import json
import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from directory.hours import is_open
from directory.models import DirectoryEntry, DirectoryPage
from stadtteil.routing import url
from tests.conftest import demo_page, demo_url

BERLIN = ZoneInfo("Europe/Berlin")
UTC = ZoneInfo("UTC")
# 2026-11-23 is a Monday.
MONDAY = 23


def at(day, hour, minute=0, tz=BERLIN):
    return datetime(2026, 11, day, hour, minute, tzinfo=tz)


REGULAR = [(0, time(9), time(18))]  # Monday 9–18
LATE = [(5, time(18), time(2))]  # Saturday 18:00 until Sunday 02:00
SUNDAY_NIGHT = [(6, time(22), time(3))]  # Sunday 22:00 until Monday 03:00


@pytest.mark.parametrize(
    "periods, moment, expected",
    [
        (REGULAR, at(MONDAY, 9), True),
        (REGULAR, at(MONDAY, 17, 59), True),
        (REGULAR, at(MONDAY, 18), False),
        (REGULAR, at(MONDAY, 8, 59), False),
        (REGULAR, at(MONDAY + 1, 10), False),  # Tuesday
        (LATE, at(MONDAY + 5, 23), True),  # Saturday evening
        (LATE, at(MONDAY + 6, 1, 30), True),  # Sunday after midnight
        (LATE, at(MONDAY + 6, 2), False),
        (LATE, at(MONDAY + 5, 1), False),  # Saturday early morning belongs to Friday: closed
        (SUNDAY_NIGHT, at(MONDAY, 2), True),  # the week wraps: Monday 02:00 after Sunday night
        (SUNDAY_NIGHT, at(MONDAY + 6, 22, 30), True),
        (SUNDAY_NIGHT, at(MONDAY, 4), False),
        (SUNDAY_NIGHT, at(MONDAY, 3), False),  # closing time itself is closed
        (SUNDAY_NIGHT, at(MONDAY + 6, 21, 59), False),
        (SUNDAY_NIGHT, at(MONDAY + 6, 23, 59), True),
        (SUNDAY_NIGHT, at(MONDAY + 7, 0, 0), True),  # next Monday 00:00 (a different week)
        ([(2, time(0), time(0))], at(MONDAY + 2, 13), True),  # around the clock
    ],
)
def test_open_now(periods, moment, expected):
    assert is_open(periods, moment) is expected


def test_open_now_uses_berlin_time():
    # 08:30 UTC on a Monday in November is 09:30 in Berlin: open.
    assert is_open(REGULAR, at(MONDAY, 8, 30, tz=UTC))
    # 17:30 UTC is 18:30 in Berlin: closed.
    assert not is_open(REGULAR, at(MONDAY, 17, 30, tz=UTC))
    # Summer time: 07:30 UTC on Monday 2026-06-01 is 09:30 in Berlin.
    assert is_open(REGULAR, datetime(2026, 6, 1, 7, 30, tzinfo=UTC))


def test_list_in_both_languages(client, demo):
    german = client.get(demo_url(DirectoryPage)).content.decode()
    assert "20 Einträge" in german and "Bäckerei Sonnenkorn" in german and "Alle Kategorien" in german
    english = client.get(demo_url(DirectoryPage, lang="en")).content.decode()
    assert "20 entries" in english and "Sonnenkorn bakery" in english and "Bäckerei Sonnenkorn" not in english


def test_filters(client, demo):
    listing = demo_url(DirectoryPage)
    html = client.get(listing + "?category=church").content.decode()
    assert "2 Einträge" in html and "St. Barbara" in html and "Bäckerei" not in html
    html = client.get(listing + "?step_free=1").content.decode()
    assert "Buchladen am Markt" not in html and "Bäckerei Sonnenkorn" in html
    assert client.get(listing + "?category=nonsense").status_code == 200


def test_open_now_filter(client, demo, monkeypatch):
    # Sunday 01:00 in Berlin: only the late kiosk (Saturday 18–02) and the inn (Saturday 17–01)? The inn closes at 1.
    monkeypatch.setattr(timezone, "now", lambda: at(MONDAY + 6, 0, 30))
    html = client.get(demo_url(DirectoryPage) + "?open=1").content.decode()
    names = re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html)
    assert names == ["Gaststätte Zur Zeche", "Kiosk Nachtlicht"]


def test_unapproved_entries_are_hidden(client, demo):
    entry = DirectoryEntry.objects.create(
        locale=demo["de"], name="Vorschlag GmbH", category="shop", description="x", street="Weg 1", approved=False
    )
    page = demo_page(DirectoryPage)
    assert "Vorschlag GmbH" not in client.get(page.url).content.decode()
    assert client.get(page.entry_url(entry)).status_code == 404


def test_entry_page_with_json_ld(client, demo):
    entry = DirectoryEntry.objects.get(locale=demo["en"], name="Café Seseke")
    response = client.get(demo_page(DirectoryPage, lang="en").entry_url(entry))
    html = response.content.decode()
    assert "Opening hours" in html and "Wednesday" in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Restaurant" and data["name"] == "Café Seseke"
    assert data["address"]["streetAddress"] == "Seseke-Weg 2"
    assert {"@type": "OpeningHoursSpecification", "dayOfWeek": "https://schema.org/Sunday", "opens": "09:00",
            "closes": "18:00"} in data["openingHoursSpecification"]  # fmt: skip
    # The language switcher leads to the German entry.
    german = DirectoryEntry.objects.get(locale=demo["de"], translation_key=entry.translation_key)
    assert f'{demo_page(DirectoryPage).entry_url(german)}"' in html


def test_club_is_an_organization(client, demo):
    entry = DirectoryEntry.objects.get(locale=demo["de"], name="Chor Glück auf")
    html = client.get(demo_page(DirectoryPage).entry_url(entry)).content.decode()
    assert '"@type": "Organization"' in html and "Stufenloser Zugang" not in html


def test_list_query_budget(client, demo, django_assert_max_num_queries):
    listing = demo_url(DirectoryPage)
    client.get(listing)  # creates the logos' renditions once
    with django_assert_max_num_queries(22):
        client.get(listing)
    for number in range(30):
        DirectoryEntry.objects.create(
            locale=demo["de"], name=f"Laden {number}", category="shop", description="x", street="Weg 1"
        )
    client.get(listing)  # new entries renew the data shared between requests: warm it again
    with django_assert_max_num_queries(22):
        assert "50 Einträge" in client.get(listing).content.decode()


PROPOSAL = {
    "name": "Eisdiele Gelato",
    "category": "restaurant",
    "description": "Eis aus eigener Herstellung.",
    "street": "Mittelstraße 30",
    "postcode": "59174",
    "proposal_note": "Mo-So 12-20 Uhr",
    "proposer_email": "inhaber@example.org",
}


def test_proposal_hidden_until_approved(client, demo):
    page = demo_page(DirectoryPage)
    form = client.get(url(page, "propose"))
    assert "Eintrag oder Korrektur vorschlagen" in form.content.decode()
    response = client.post(url(page, "propose"), PROPOSAL)
    assert response.status_code == 302
    entry = DirectoryEntry.objects.get(name="Eisdiele Gelato")
    assert not entry.approved and entry.locale == demo["de"]
    assert "Eisdiele Gelato" not in client.get(page.url).content.decode()
    assert client.get(page.entry_url(entry)).status_code == 404
    entry.approved = True
    entry.save()
    assert "Eisdiele Gelato" in client.get(page.url).content.decode()


def test_proposal_validation_and_english(client, demo):
    response = client.post(
        url(demo_page(DirectoryPage, lang="en"), "propose"), {**PROPOSAL, "name": "", "proposer_email": ""}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Please enter the name." in html and "so that we can ask" in html
    assert not DirectoryEntry.objects.filter(name="Eisdiele Gelato").exists()
    # The German path of the form under the English page redirects to the English path.
    assert client.get("/en/directory/vorschlagen/")["Location"].endswith("/en/directory/propose/")


def test_proposal_honeypot_and_rate_limit(client, demo, settings):
    propose = url(demo_page(DirectoryPage), "propose")
    assert client.post(propose, {**PROPOSAL, "homepage": "x"}).status_code == 302
    assert not DirectoryEntry.objects.filter(name="Eisdiele Gelato").exists()
    settings.DIRECTORY_RATE_PER_IP = "1/h"
    from django.core.cache import cache

    cache.clear()
    assert client.post(propose, PROPOSAL).status_code == 302
    assert client.post(propose, {**PROPOSAL, "name": "Zwei"}).status_code == 429
    assert not DirectoryEntry.objects.filter(name="Zwei").exists()


def test_staff_approve_in_admin(admin_client, demo):
    entry = DirectoryEntry.objects.get(locale=demo["de"], name="Café Seseke")
    assert admin_client.get("/admin/snippets/directory/directoryentry/").status_code == 200
    response = admin_client.get(f"/admin/snippets/directory/directoryentry/edit/{entry.pk}/")
    assert response.status_code == 200
    assert "Öffnungszeiten" in response.content.decode()


def test_map_layer(client, demo):
    page = demo_page(DirectoryPage, lang="en")
    html = client.get(page.url).content.decode()
    # Nothing from the tile server before the visitor clicks "Load map".
    assert "data-map-load" in html and f'data-geojson="{url(page, "geojson")}"' in html
    data = client.get(url(page, "geojson")).json()
    assert len(data["features"]) == 20
    cafe = next(f for f in data["features"] if f["properties"]["title"] == "Café Seseke")
    assert cafe["properties"]["url"].startswith(page.url) and cafe["properties"]["category"] == "restaurant"
    assert cafe["properties"]["field_of_action"] == "Restaurants and cafés"
    german = client.get(url(demo_page(DirectoryPage), "geojson")).json()
    assert any(f["properties"]["field_of_action"] == "Gastronomie" for f in german["features"])


def photo(title="Ladenfoto"):
    import io

    from django.core.files.images import ImageFile
    from PIL import Image
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "#336699").save(buffer, "JPEG")
    return get_image_model().objects.create(title=title, file=ImageFile(buffer, name="laden.jpg"))


def test_photo_on_entry_page_and_in_list(client, demo):
    entry = DirectoryEntry.objects.get(locale=demo["de"], name="Bäckerei Sonnenkorn")
    entry.photo = photo()
    entry.photo_alt = "Schaufenster mit Brotlaiben"
    entry.save()
    page = demo_page(DirectoryPage)
    html = client.get(page.entry_url(entry)).content.decode()
    img = re.search(r"<figure class=\"directory-photo\"><img [^>]+>", html).group(0)
    assert 'alt="Schaufenster mit Brotlaiben"' in img and 'loading="lazy"' in img
    assert re.search(r'width="\d+"', img) and re.search(r'height="\d+"', img)
    listing = client.get(page.url).content.decode()
    img = re.search(r'<img [^>]*class="directory-entry__photo"[^>]*>', listing).group(0)
    assert 'alt="Schaufenster mit Brotlaiben"' in img and 'loading="lazy"' in img
    assert 'width="480"' in img and 'height="320"' in img


def test_photo_without_description_is_decorative(client, demo):
    entry = DirectoryEntry.objects.get(locale=demo["de"], name="Bäckerei Sonnenkorn")
    entry.photo = photo()
    entry.save()
    img = re.search(
        r'<img [^>]*class="directory-entry__photo"[^>]*>', client.get(demo_url(DirectoryPage)).content.decode()
    )
    assert 'alt=""' in img.group(0)


def test_list_query_budget_with_photos(client, demo, django_assert_max_num_queries):
    image = photo()
    for number in range(10):
        DirectoryEntry.objects.create(
            locale=demo["de"], name=f"Laden {number}", category="shop", description="x", street="Weg 1", photo=image
        )
    listing = demo_url(DirectoryPage)
    client.get(listing)  # creates the renditions once
    with django_assert_max_num_queries(22):
        assert client.get(listing).content.decode().count("directory-entry__photo") == 10


def test_map_layer_follows_the_filters(client, demo, monkeypatch):
    page = demo_page(DirectoryPage)
    geojson = url(page, "geojson")
    html = client.get(page.url + "?category=church&step_free=1").content.decode()
    assert f'data-geojson="{geojson}?category=church&amp;step_free=1"' in html
    listed = set(re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html))
    data = client.get(geojson + "?category=church&step_free=1").json()
    mapped = {f["properties"]["title"] for f in data["features"]}
    assert mapped and mapped <= listed and all(f["properties"]["category"] == "church" for f in data["features"])
    # Step-free: the bookshop without step-free access is neither listed nor mapped.
    data = client.get(geojson + "?step_free=1").json()
    assert "Buchladen am Markt" not in {f["properties"]["title"] for f in data["features"]}
    # Open now (Sunday 00:30 in Berlin): the same two places as the list.
    monkeypatch.setattr(timezone, "now", lambda: at(MONDAY + 6, 0, 30))
    html = client.get(page.url + "?open=1").content.decode()
    assert f'data-geojson="{geojson}?open=1"' in html
    data = client.get(geojson + "?open=1").json()
    assert sorted(f["properties"]["title"] for f in data["features"]) == ["Gaststätte Zur Zeche", "Kiosk Nachtlicht"]
    # Unknown values are ignored, as in the list.
    assert len(client.get(geojson + "?category=nonsense").json()["features"]) == 20
