"""Subscribing: links that expire or were tampered with, no enumeration, abuse protection, invalid input."""

import time

import pytest
from django.core import signing
from django.test import Client, override_settings

from home.models import StandardPage
from subscriptions.models import NewsletterPage, Subscriber
from tests.conftest import demo_url
from tests.subscriptions.conftest import link, newsletter_url


def test_expired_link_is_refused(client, demo, mailoutbox, subscribe, monkeypatch):
    subscribe()
    confirm = link(mailoutbox[0].body, "confirm")
    eight_days_later = time.time() + 8 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: eight_days_later)
    response = client.post(confirm)
    assert response.status_code == 410
    assert "Dieser Bestätigungslink ist abgelaufen" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
    english = client.get(confirm.replace("/de/", "/en/"))  # the same link under the English prefix
    assert "This confirmation link has expired" in english.content.decode()


def test_link_within_seven_days_works(client, demo, mailoutbox, subscribe, monkeypatch):
    subscribe()
    confirm = link(mailoutbox[0].body, "confirm")
    six_days_later = time.time() + 6 * 24 * 3600
    monkeypatch.setattr(signing.time, "time", lambda: six_days_later)
    assert client.post(confirm).status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED


@pytest.mark.parametrize("tamper", [lambda v: v[:-2] + ("AA" if not v.endswith("AA") else "BB"), lambda v: "x" + v])
def test_tampered_link_is_refused(client, demo, mailoutbox, subscribe, tamper):
    subscribe()
    confirm = link(mailoutbox[0].body, "confirm")
    value = confirm.rstrip("/").rsplit("/", 1)[1]
    response = client.post(confirm.replace(value, tamper(value)))
    assert response.status_code == 400
    assert "Dieser Bestätigungslink ist ungültig" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_forged_signature_for_another_token_is_refused(client, demo, mailoutbox, subscribe):
    subscribe()
    token = Subscriber.objects.get().token
    forged = signing.dumps({"t": token}, key="not-the-secret-key", salt="subscriptions.confirm")
    assert client.post(newsletter_url("confirm", value=forged)).status_code == 400


def test_new_request_voids_older_link(client, demo, mailoutbox, subscribe):
    subscribe()
    subscribe()
    assert Subscriber.objects.count() == 1
    old, new = link(mailoutbox[0].body, "confirm"), link(mailoutbox[1].body, "confirm")
    response = client.post(old)
    assert response.status_code == 404
    assert "Dieser Bestätigungslink gilt nicht mehr" in response.content.decode()
    assert client.post(new).status_code == 200


def test_existing_address_gets_the_same_answer_and_no_duplicate(client, demo, mailoutbox, subscribe):
    fresh = subscribe("new@example.org")
    Subscriber.objects.filter(email="new@example.org").update(status=Subscriber.Status.CONFIRMED)
    again = subscribe("NEW@example.org", topics=["documents"], language="de")
    other = subscribe("other@example.org")
    assert fresh.status_code == again.status_code == other.status_code == 302
    assert fresh["Location"] == again["Location"] == other["Location"]
    assert Subscriber.objects.filter(email="new@example.org").count() == 1
    # Nobody can change a confirmed subscription through the public form; its owner gets their links.
    assert Subscriber.objects.get(email="new@example.org").topic_keys == ["news"]
    assert "Sie sind bereits angemeldet" in mailoutbox[1].subject
    token = Subscriber.objects.get(email="new@example.org").token
    assert link(mailoutbox[1].body, "preferences") == newsletter_url("preferences", token=token)
    assert "confirm/" not in mailoutbox[1].body


def test_honeypot_stores_and_sends_nothing(client, demo, mailoutbox, subscribe):
    response = subscribe(website="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == demo_url(NewsletterPage) + "?sent=1"
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


def test_rate_limit_per_address(client, demo, mailoutbox, subscribe):
    for _ in range(3):
        assert subscribe("target@example.org").status_code == 302
    response = subscribe("target@example.org")
    assert response.status_code == 429
    assert "Zu viele Anfragen" in response.content.decode()
    assert len(mailoutbox) == 3
    # Another address from the same visitor still works.
    assert subscribe("someone@example.org").status_code == 302


@override_settings(SUBSCRIPTIONS_RATE_PER_IP="2/h")
def test_rate_limit_per_ip(client, demo, mailoutbox, subscribe):
    assert subscribe("a@example.org").status_code == 302
    assert subscribe("b@example.org").status_code == 302
    response = subscribe("c@example.org", language="en")
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert not Subscriber.objects.filter(email="c@example.org").exists()
    # Another visitor is not affected.
    other = Client(REMOTE_ADDR="192.0.2.7")
    response = other.post(
        demo_url(NewsletterPage), {"email": "d@example.org", "language": "de", "topics": ["news"], "consent": "on"}
    )
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "kein-at-zeichen"}, "Bitte geben Sie eine gültige E-Mail-Adresse ein"),
        ({"email": ""}, "Bitte geben Sie Ihre E-Mail-Adresse ein."),
        ({"consent": False}, "Bitte stimmen Sie der Speicherung Ihrer Daten zu"),
        ({"topics": []}, "Bitte wählen Sie mindestens ein Thema."),
        ({"topics": ["news", "lottery"]}, "Bitte wählen Sie Themen aus der Liste."),
        ({"language": "fr"}, "Bitte wählen Sie eine Sprache aus der Liste."),
    ],
)
def test_invalid_input_is_explained_and_nothing_stored(client, demo, mailoutbox, subscribe, data, message):
    response = subscribe(**data)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "Es wurde nichts gespeichert." in body
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


def test_invalid_input_in_english(client, demo, subscribe):
    response = subscribe(email="nope", language="en")
    assert "Please enter a valid e-mail address" in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        {"email": "a" * 5000 + "@example.org"},
        {"website": "x" * 20000},
        {"topics": ["news"] * 500},
    ],
)
def test_oversized_input_gets_400(client, demo, mailoutbox, subscribe, data):
    response = subscribe(**data)
    assert response.status_code == 400
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


def test_too_long_address_is_a_form_error(client, demo, subscribe):
    response = subscribe(email="a" * 250 + "@example.org")
    assert response.status_code == 200
    assert "Diese E-Mail-Adresse ist zu lang." in response.content.decode()
    assert not Subscriber.objects.exists()


def test_csrf_is_required_for_subscribing(demo):
    client = Client(enforce_csrf_checks=True)
    response = client.post(demo_url(NewsletterPage), {"email": "a@example.org", "topics": ["news"], "consent": "on"})
    assert response.status_code == 403
    assert not Subscriber.objects.exists()


def test_footer_form_posts_to_the_newsletter_page_of_the_language(client, demo, django_assert_num_queries):
    german = client.get(demo_url(StandardPage, "ueber-das-projekt")).content.decode()
    assert f'action="{newsletter_url("subscribe")}"' in german
    assert "Neuigkeiten per E-Mail" in german
    assert f'href="{demo_url(StandardPage, "datenschutz")}"' in german
    english = client.get(demo_url(StandardPage, "ueber-das-projekt", lang="en")).content.decode()
    assert f'action="{newsletter_url("subscribe", "en")}"' in english
    assert "E-mail updates" in english
    assert f'href="{demo_url(StandardPage, "datenschutz", lang="en")}"' in english
    # The newsletter page does not repeat its form in the footer.
    assert 'id="footer-subscribe-email"' not in client.get(demo_url(NewsletterPage)).content.decode()


def test_footer_form_costs_no_query(client, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    about, action = demo_url(StandardPage, "ueber-das-projekt"), newsletter_url("subscribe")
    client.get(about)  # fills the cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(about)
    assert f'action="{action}"' in response.content.decode()
    assert not [q for q in queries.captured_queries if "newsletterpage" in q["sql"]]


def test_footer_form_subscribes(client, demo, mailoutbox, django_capture_on_commit_callbacks):
    about = demo_url(StandardPage, "ueber-das-projekt", lang="en")
    page = client.get(about).content.decode()
    assert f'name="form_url" value="{about}"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            newsletter_url("subscribe", "en"),
            {
                "email": "footer@example.org",
                "language": "en",
                "topics": ["events"],
                "consent": "on",
                "form_url": about,
            },
            HTTP_ORIGIN="http://testserver",
        )
    assert response.status_code == 302
    subscriber = Subscriber.objects.get()
    assert subscriber.consent_url == "http://testserver" + about
    assert subscriber.language == "en"
    assert len(mailoutbox) == 1


def test_footer_form_carries_no_csrf_token_so_pages_stay_cacheable(client, demo):
    page = client.get(demo_url(StandardPage, "ueber-das-projekt"))
    footer_form = (
        page.content.decode().split('class="subscribe-form subscribe-form--compact"', 1)[1].split("</form>")[0]
    )
    assert "csrfmiddlewaretoken" not in footer_form
    assert "csrftoken" not in page.cookies


def test_footer_subscribe_from_another_site_is_refused(demo, mailoutbox):
    client = Client(enforce_csrf_checks=True)
    data = {"email": "victim@example.org", "language": "de", "topics": ["news"], "consent": "on"}
    for headers in ({"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_REFERER": "https://evil.example/page"}, {}):
        response = client.post(newsletter_url("subscribe"), data, **headers)
        assert response.status_code == 403
    assert not Subscriber.objects.exists()
    assert not mailoutbox


def test_footer_subscribe_errors_show_on_the_newsletter_page_with_the_input_kept(demo):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        newsletter_url("subscribe"),
        {"email": "kein-at-zeichen", "language": "de", "topics": ["news"]},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="kein-at-zeichen"' in html
    assert "csrfmiddlewaretoken" in html  # the corrected form is sent with the page's own token
    assert not Subscriber.objects.exists()
