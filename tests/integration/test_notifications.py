"""Notifications for real news and event pages: topics (including fields of action), languages, exactly once."""

import pytest
from wagtail.models import Locale

from home.models import HomePage
from news.models import EventPageMeasure, NewsPageFieldOfAction, NewsPageMeasure
from subscriptions.models import Delivery, NewsletterPage, Subscriber
from subscriptions.topics import topic_choices
from tests.conftest import demo_url, make_subscriber, publish
from tests.factories import EventPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def recipients(outbox):
    return sorted(address for message in outbox for address in message.to)


@pytest.fixture
def topics(field):
    """Topic keys of the demo's fields of action."""
    return {
        "green": f"field:{field('Grün- und Freiraum').translation_key}",
        "public": f"field:{field('Öffentlicher Raum').translation_key}",
        "housing": f"field:{field('Wohnen').translation_key}",
    }


@pytest.fixture
def audience(db, topics):
    make_subscriber("news.de@example.org", "de", ["news"])
    make_subscriber("events.de@example.org", "de", ["events"])
    make_subscriber("green.de@example.org", "de", [topics["green"]])
    make_subscriber("public.de@example.org", "de", [topics["public"]])
    make_subscriber("housing.de@example.org", "de", [topics["housing"]])
    make_subscriber("all.de@example.org", "de", ["news", "events", topics["green"], topics["public"]])
    make_subscriber("documents.de@example.org", "de", ["documents"])
    make_subscriber("pending.de@example.org", "de", ["news", topics["green"]], status=Subscriber.Status.PENDING)
    make_subscriber("news.en@example.org", "en", ["news"])
    make_subscriber("events.en@example.org", "en", ["events"])
    make_subscriber("green.en@example.org", "en", [topics["green"]])


def translate(page):
    """The English translation of a German page, created as wagtail-localize does (a copy), then published."""
    return publish(page.copy_for_translation(Locale.objects.get(language_code="en")).specific)


@pytest.fixture
def new_news(field, measure):
    """A German news item not published yet: its first publication is the test's."""

    def make(no_notification=False):
        return NewsPageFactory(
            draft=True,
            title="Neue Bäume im Luisenpark",
            teaser="Zwölf Linden wurden gepflanzt.",
            no_notification=no_notification,
            # The field "Grün- und Freiraum" directly; "Öffentlicher Raum" as the main field of the Neue Mitte.
            field_links=[NewsPageFieldOfAction(field=field("Grün- und Freiraum"))],
            measure_links=[NewsPageMeasure(measure=measure("neue-mitte"))],
        )

    return make


@pytest.fixture
def new_event(measure):
    """A German event ten days ahead, not published yet."""

    def make(no_notification=False):
        return EventPageFactory(
            draft=True,
            title="Pflanzaktion im Luisenpark",
            teaser="Wir pflanzen gemeinsam Blumenzwiebeln.",
            no_notification=no_notification,
            measure_links=[EventPageMeasure(measure=measure("luisenpark"))],  # main field "Grün- und Freiraum"
        )

    return make


def test_news_topics_include_its_fields_and_its_measures_main_fields(new_news, topics):
    assert new_news().get_notification_topics() == {"news", topics["green"], topics["public"]}


def test_event_topics_include_its_measures_main_fields(new_event, topics):
    assert new_event().get_notification_topics() == {"events", topics["green"]}


def test_news_first_publication_in_german_and_english(audience, new_news, mailoutbox):
    page = publish(new_news())
    assert recipients(mailoutbox) == [
        "all.de@example.org",
        "green.de@example.org",
        "news.de@example.org",
        "public.de@example.org",
    ]
    assert all(message.subject.endswith("Neue Bäume im Luisenpark") for message in mailoutbox)
    assert page.url in mailoutbox[0].body
    mailoutbox.clear()

    publish(page)  # a re-publish is not a first publication
    assert mailoutbox == []

    english_page = translate(page)
    # The translation keeps the links (to the German objects) and so its topics.
    assert english_page.specific.get_notification_topics() == page.get_notification_topics()
    assert recipients(mailoutbox) == ["green.en@example.org", "news.en@example.org"]
    mailoutbox.clear()
    publish(english_page.specific)
    assert mailoutbox == []
    assert Delivery.objects.filter(status=Delivery.Status.SENT).count() == 6


def test_event_first_publication_in_german_and_english(audience, new_event, mailoutbox):
    page = publish(new_event())
    assert recipients(mailoutbox) == ["all.de@example.org", "events.de@example.org", "green.de@example.org"]
    mailoutbox.clear()
    publish(page)
    assert mailoutbox == []
    translate(page)
    assert recipients(mailoutbox) == ["events.en@example.org", "green.en@example.org"]


def test_no_notification_suppresses(audience, new_news, new_event, mailoutbox):
    news_page = publish(new_news(no_notification=True))
    event_page = publish(new_event(no_notification=True))
    translate(news_page)  # the flag is copied into the translation
    translate(event_page)
    assert mailoutbox == []
    assert not Delivery.objects.exists()


def test_each_subscriber_gets_one_mail_however_many_topics_match(audience, new_news, mailoutbox):
    publish(new_news())
    addresses = recipients(mailoutbox)
    assert addresses.count("all.de@example.org") == 1
    assert len(addresses) == len(set(addresses))


# --- the topics in the forms ---------------------------------------------------------------------------------------
def test_topic_choices_offer_every_field_of_action_in_the_active_language(demo, field, settings):
    from django.utils import translation

    green = field("Grün- und Freiraum")
    with translation.override("de"):
        german = dict(topic_choices())
    with translation.override("en"):
        english = dict(topic_choices())
    assert german[f"field:{green.translation_key}"] == "Grün- und Freiraum"
    assert english[f"field:{green.translation_key}"] == "Green and open spaces"
    assert set(german) == set(english)
    assert len([key for key in german if key.startswith("field:")]) == 8
    assert list(german)[:3] == ["news", "events", "documents"]  # general topics first


def test_subscribe_page_offers_fields_of_action_and_stores_the_choice(client, demo, field, mailoutbox):
    green = field("Grün- und Freiraum")
    key = f"field:{green.translation_key}"
    for lang, label in (("de", "Grün- und Freiraum"), ("en", "Green and open spaces")):
        html = client.get(demo_url(NewsletterPage, lang=lang)).content.decode()
        assert f'value="{key}"' in html and label in html
    response = client.post(
        demo_url(NewsletterPage, lang="en"),
        {
            "email": "gardener@example.org",
            "language": "en",
            "topics": [key],
            "consent": "on",
            "form_url": demo_url(HomePage, lang="en"),
        },
    )
    assert response.status_code in (200, 302)
    assert Subscriber.objects.get(email="gardener@example.org").topic_keys == [key]
