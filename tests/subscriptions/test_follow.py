"""Following a measure or an area: the follow form with the double opt-in, and what followers receive — a change
note exactly once per language, to followers of the measure and of an area that contains it (not of one outside
it); a minor edit reaches nobody; answers to contributions; no follower data in public output."""

import pytest

from participation.models import Contribution
from projects.change_notes import ChangeNote
from projects.models import ProjectPage
from stadtteil.demo import Demo
from stadtteil.routing import url
from subscriptions import tasks
from subscriptions.follow import Area, measure_key
from subscriptions.models import Delivery, NewsletterPage, Subscriber
from tests.conftest import demo_page, demo_url, make_subscriber, publish
from tests.factories import ContributionFactory

from .conftest import link

NOTE_DE = "Der Spielplatz bekommt zusätzlich einen Wasserspielbereich; die Eröffnung verschiebt sich in den Herbst."
NOTE_EN = "The playground also gets a water play area; the opening moves to the autumn."


@pytest.fixture
def measure(demo):
    page = demo_page(ProjectPage, "luisenpark")
    assert page.has_location
    return page


@pytest.fixture
def followers(measure):
    lat, lon = float(measure.latitude), float(measure.longitude)
    return {
        "measure_de": make_subscriber("measure.de@example.org", "de", [measure_key(measure)]),
        "measure_en": make_subscriber("measure.en@example.org", "en", [measure_key(measure)]),
        "area_in": make_subscriber("area.in@example.org", "de", [Area(lat + 0.002, lon, 500).key]),
        "area_out": make_subscriber("area.out@example.org", "de", [Area(lat + 0.05, lon, 500).key]),
        "news": make_subscriber("news.de@example.org", "de", ["news"]),
    }


def recipients(outbox):
    return sorted(address for message in outbox for address in message.to)


def test_a_substantive_change_reaches_followers_once_per_language(
    admin_user, measure, followers, mailoutbox, django_capture_on_commit_callbacks
):
    publish(measure, change_note=NOTE_DE)
    assert recipients(mailoutbox) == ["area.in@example.org", "measure.de@example.org"]
    message = mailoutbox[0]
    assert "Luisenpark" in message.subject
    assert NOTE_DE in message.body
    assert f"http://testserver{measure.url}#change-notes" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    mailoutbox.clear()

    # A retry of the task (another worker, a worker restart) and a re-publication send nothing more.
    note = ChangeNote.objects.get(page=measure, note=NOTE_DE)
    tasks.notify_change_note.call(note.pk)
    publish(measure, change_note=NOTE_DE)
    assert mailoutbox == []
    assert Delivery.objects.filter(change_note=note).count() == 2

    # The English translation, synced and published with the note translated: the English follower, once.
    tool = Demo(user=admin_user)
    tool.t(NOTE_DE, NOTE_EN)
    with django_capture_on_commit_callbacks(execute=True):
        english = tool.sync(measure).specific
    assert recipients(mailoutbox) == ["measure.en@example.org"]
    assert NOTE_EN in mailoutbox[0].body and NOTE_DE not in mailoutbox[0].body
    assert "/en/" in mailoutbox[0].body
    mailoutbox.clear()
    publish(english)
    assert mailoutbox == []


def test_a_minor_edit_reaches_nobody(measure, followers, mailoutbox):
    publish(measure, change_note="")  # a minor edit
    assert mailoutbox == []
    assert not Delivery.objects.exclude(change_note=None).exists()


def test_follow_a_measure_from_its_page(client, measure, mailoutbox, django_capture_on_commit_callbacks):
    html = client.get(measure.url).content.decode()
    assert "Dieser Maßnahme folgen" in html
    assert 'action="/de/newsletter/follow/"' in html
    data = {
        "email": "Neu@Example.org",
        "topics": [measure_key(measure)],
        "consent": "on",
        "form_url": measure.url,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/de/newsletter/follow/", data, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 200
    assert "Bitte sehen Sie in Ihr Postfach" in response.content.decode()
    subscriber = Subscriber.objects.get(email="neu@example.org")
    assert subscriber.status == Subscriber.Status.PENDING and subscriber.language == "de"
    assert subscriber.topic_keys == [measure_key(measure)]
    [confirmation] = mailoutbox
    client.post(link(confirmation.body, "confirm"))
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED

    # The preferences page lists the measure by its title, and keeps it when saved.
    page = client.get(f"/de/newsletter/preferences/{subscriber.token}/").content.decode()
    assert f"Maßnahme: {measure.title}" in page


def test_following_more_with_a_confirmed_address_needs_its_owner(
    client, measure, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber = make_subscriber("anna@example.org", "de", ["news"])
    data = {"email": "anna@example.org", "topics": [measure_key(measure)], "consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/de/newsletter/follow/", data, HTTP_ORIGIN="http://testserver")
    assert subscriber.topic_keys == ["news"]  # nothing changed without the owner
    [request] = mailoutbox
    assert f"Maßnahme: {measure.title}" in request.body, request.body
    confirm = link(request.body, "confirm")
    assert f"Maßnahme: {measure.title}" in client.get(confirm).content.decode()
    client.post(confirm)
    assert subscriber.topic_keys == sorted(["news", measure_key(measure)])


def test_follow_an_area_by_a_directory_address(client, demo, mailoutbox, django_capture_on_commit_callbacks):
    from directory.models import DirectoryEntry

    entry = DirectoryEntry.objects.filter(locale=demo["de"], approved=True).exclude(latitude=None).first()
    page = client.get(demo_url(NewsletterPage)).content.decode()
    assert "Einem Gebiet folgen" in page
    assert f'<option value="{entry.pk}">{entry.name}' in page
    data = {"email": "bert@example.org", "place": entry.pk, "radius": "1000", "consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/de/newsletter/follow/", data, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 200
    [key] = Subscriber.objects.get(email="bert@example.org").topic_keys
    assert key == Area(float(entry.latitude), float(entry.longitude), 1000).key
    # A point marked on the map (the picker fills latitude and longitude) instead of an address.
    assert "data-place-picker" in page and "data-place-lat" in page
    data = {"email": "carla@example.org", "latitude": "51.594", "longitude": "7.682", "radius": "250", "consent": "on"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/de/newsletter/follow/", data, HTTP_ORIGIN="http://testserver")
    assert Subscriber.objects.get(email="carla@example.org").topic_keys == [Area(51.594, 7.682, 250).key]
    # Nothing to follow is an error, shown on the form.
    response = client.post(
        "/de/newsletter/follow/", {"email": "c@example.org", "consent": "on"}, HTTP_ORIGIN="http://testserver"
    )
    assert response.status_code == 400
    assert "Bitte wählen Sie, was Sie verfolgen möchten." in response.content.decode()
    # A made-up measure key is an invalid choice, not an error of the server.
    for key in ("measure:not-a-uuid", "measure:00000000-0000-0000-0000-000000000000"):
        data = {"email": "d@example.org", "topics": [key], "consent": "on"}
        response = client.post("/de/newsletter/follow/", data, HTTP_ORIGIN="http://testserver")
        assert response.status_code == 400


def test_an_answer_to_a_contribution_reaches_followers_once(
    measure, followers, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        contribution = ContributionFactory(
            message="Mehr Bänke am Teich, bitte.", measure=measure, status=Contribution.Status.NEW
        )
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        contribution.status = Contribution.Status.APPROVED
        contribution.public_reply = "Zwei Bänke werden im Frühjahr aufgestellt."
        contribution.save()
    assert recipients(mailoutbox) == ["area.in@example.org", "measure.de@example.org", "measure.en@example.org"]
    english = next(message for message in mailoutbox if message.to == ["measure.en@example.org"])
    assert "Mehr Bänke am Teich" in english.body and "Answer" in english.body
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        contribution.public_reason = "Beschlossen."
        contribution.save()
    assert mailoutbox == []


def test_no_follower_data_in_public_output(client, demo, measure, followers):
    publish(measure, change_note=NOTE_DE)
    index = measure.get_parent().specific
    paths = [
        measure.url,
        url(measure, "changes_feed"),
        url(index, "changes_feed"),
        url(index, "data_json"),
        "/katalog.ttl",
    ]
    for path in paths:
        body = client.get(path).content.decode()
        for subscriber in followers.values():
            assert subscriber.email not in body
            assert subscriber.token not in body
        assert "area:" not in body


def test_follow_from_the_english_page_subscribes_in_english(
    client, demo, measure, mailoutbox, django_capture_on_commit_callbacks
):
    english = demo_page(ProjectPage, "luisenpark", lang="en")
    html = client.get(english.url).content.decode()
    assert "Follow this measure" in html and 'action="/en/newsletter/follow/"' in html
    data = {"email": "eve@example.org", "topics": [measure_key(measure)], "consent": "on", "form_url": english.url}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/newsletter/follow/", data, HTTP_ORIGIN="http://testserver")
    assert "Please check your inbox" in response.content.decode()
    assert Subscriber.objects.get(email="eve@example.org").language == "en"
    [confirmation] = mailoutbox
    assert "/en/newsletter/confirm/" in confirmation.body
    # A post from another site is refused (no CSRF token on this form: the origin is checked instead).
    response = client.post("/en/newsletter/follow/", data, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
