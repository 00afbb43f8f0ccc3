"""The whole path of a subscriber: subscribe, confirm, receive, change preferences, unsubscribe."""

from django.test import Client

from home.models import HomePage, StandardPage
from subscriptions.models import Delivery, NewsletterPage, Subscriber, SubscriberTopic
from tests.conftest import demo_url
from tests.subscriptions.conftest import link, newsletter_url


def test_full_flow(client, demo, mailoutbox, notifiable, publish, subscribe):
    # Subscribe on the German page.
    response = subscribe("Anna@Example.org", topics=["news", "events"])
    assert response.status_code == 302
    assert response["Location"] == demo_url(NewsletterPage) + "?sent=1"
    thanks = client.get(response["Location"])
    assert "Bitte schauen Sie in Ihr Postfach" in thanks.content.decode()

    subscriber = Subscriber.objects.get()
    assert subscriber.email == "anna@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.topic_keys == ["events", "news"]
    assert subscriber.consent_at is not None
    assert subscriber.consent_url == "http://testserver" + demo_url(HomePage)
    assert subscriber.consent_version
    assert subscriber.confirmed_at is None

    # The confirmation mail: German, a link, no promotion.
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["anna@example.org"]
    assert "bitte bestätigen Sie Ihr Abonnement" in mail.subject
    assert mail.from_email == "Stadtteilprojekt Heeren-Werve <noreply@localhost>"
    assert mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = mail.alternatives[0][0]
    assert "Abonnement bestätigen" in html
    confirm = link(mail.body, "confirm")
    assert confirm in html

    # Nothing is sent before the confirmation.
    publish(demo["de_home"], title="Vor der Bestätigung")
    assert len(mailoutbox) == 1

    # A GET shows a button (link scanners confirm nothing), the POST confirms.
    page = client.get(confirm)
    assert page.status_code == 200
    assert "Ja, Abonnement bestätigen" in page.content.decode()
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    done = client.post(confirm)
    assert done.status_code == 200
    assert "Ihr Abonnement ist bestätigt" in done.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None

    # Publishing a news item notifies the subscriber, in German, with teaser and link.
    news = publish(demo["de_home"], title="Neuer Spielplatz eröffnet")
    assert len(mailoutbox) == 2
    notification = mailoutbox[1]
    assert "Neuer Spielplatz eröffnet" in notification.subject
    assert "Der Spielplatz an der Rosenstraße ist offen." in notification.body
    assert f"http://testserver{news.url}" in notification.body
    assert "Weiterlesen" in notification.body
    assert notification.extra_headers["List-Unsubscribe"].startswith("<http://testserver/de/newsletter/unsubscribe/")
    notification_html = notification.alternatives[0][0]
    assert "Neuer Spielplatz eröffnet" in notification_html
    assert Delivery.objects.get(page=news).status == Delivery.Status.SENT

    # Preferences: only events, in English from now on.
    preferences = link(notification.body, "preferences")
    form = client.get(preferences)
    assert form.status_code == 200
    assert "anna@example.org" in form.content.decode()
    saved = client.post(preferences, {"topics": ["events"], "language": "en"})
    assert saved.status_code == 200
    assert "Ihre Einstellungen wurden gespeichert" in saved.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.topic_keys == ["events"]
    assert subscriber.language == "en"

    # A news item no longer matches; an English event does.
    publish(demo["de_home"], title="Noch eine Neuigkeit")
    publish(demo["en_home"], title="Christmas lights", topics="events", search_description="Lights in the centre.")
    assert len(mailoutbox) == 3
    english = mailoutbox[2]
    assert "Christmas lights" in english.subject
    assert "Read more" in english.body

    # One-click unsubscribe: the mail client's POST has no CSRF token.
    unsubscribe = english.extra_headers["List-Unsubscribe"].strip("<>").removeprefix("http://testserver")
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post(
        unsubscribe, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert "You have been unsubscribed" in response.content.decode()

    # The personal data is gone; the delivery counts stay, anonymous.
    assert not Subscriber.objects.exists()
    assert not SubscriberTopic.objects.exists()
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 2
    assert not Delivery.objects.filter(subscriber__isnull=False).exists()
    assert client.get(preferences).status_code == 404
    # A second click answers the same.
    assert mail_client.post(unsubscribe).status_code == 200


def test_unsubscribe_get_asks_first(client, demo, mailoutbox, subscribe):
    subscribe()
    subscriber = Subscriber.objects.get()
    page = client.get(newsletter_url("unsubscribe", "en", token=subscriber.token))
    assert page.status_code == 200
    assert "Do you want to stop receiving e-mails at anna@example.org?" in page.content.decode()
    assert Subscriber.objects.exists()
    german = client.get(newsletter_url("unsubscribe", token=subscriber.token))
    assert "Möchten Sie keine E-Mails mehr" in german.content.decode()
    assert client.get(newsletter_url("unsubscribe", token="unknown-token")).status_code == 404


def test_english_page_and_mails(client, demo, mailoutbox, subscribe):
    response = client.get(demo_url(NewsletterPage, lang="en"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Would you like to know what is happening in Heeren-Werve?" in body
    assert f'href="{demo_url(StandardPage, "datenschutz", lang="en")}"' in body
    assert "All news" in body
    subscribe(language="en")
    assert "please confirm your subscription" in mailoutbox[0].subject
    assert "Confirm subscription" in mailoutbox[0].body
    assert "/en/newsletter/confirm/" in mailoutbox[0].body  # the link of the subscriber's language


def test_german_page(client, demo):
    response = client.get(demo_url(NewsletterPage))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Sie möchten wissen, was in Heeren-Werve passiert?" in body
    assert "E-Mail-Adresse" in body
    assert "Alle Neuigkeiten" in body
    assert f'href="{demo_url(StandardPage, "datenschutz")}"' in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert "private" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
