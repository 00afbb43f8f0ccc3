"""Notifications on first publication: matching, exactly once, retries with backoff, purge, real SMTP."""

import socket
import time
from datetime import timedelta
from email import message_from_bytes
from email.header import decode_header, make_header

import pytest
from django.conf import settings
from django.core import mail as django_mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone

from subscriptions import tasks
from subscriptions.models import Delivery, Subscriber
from tests.conftest import make_subscriber


@pytest.fixture
def audience(db):
    return {
        "news_de": make_subscriber("news.de@example.org", "de", ["news"]),
        "events_de": make_subscriber("events.de@example.org", "de", ["events"]),
        "both_de": make_subscriber("both.de@example.org", "de", ["news", "events"]),
        "news_en": make_subscriber("news.en@example.org", "en", ["news"]),
        "pending_de": make_subscriber("pending@example.org", "de", ["news"], status=Subscriber.Status.PENDING),
    }


def recipients(outbox):
    return sorted(address for message in outbox for address in message.to)


def test_only_confirmed_subscribers_of_the_language_and_topic(demo, mailoutbox, notifiable, publish, audience):
    publish(demo["de_home"], title="Neuigkeit")
    assert recipients(mailoutbox) == ["both.de@example.org", "news.de@example.org"]
    mailoutbox.clear()
    publish(demo["de_home"], title="Termin", topics="events")
    assert recipients(mailoutbox) == ["both.de@example.org", "events.de@example.org"]
    mailoutbox.clear()
    publish(demo["en_home"], title="News item")
    assert recipients(mailoutbox) == ["news.en@example.org"]


def test_field_of_action_topics(demo, mailoutbox, notifiable, publish, audience):
    make_subscriber("green@example.org", "de", ["field:abc-123"])
    publish(demo["de_home"], title="Luisenpark", topics="field:abc-123")
    assert recipients(mailoutbox) == ["green@example.org"]


def test_no_duplicates_on_republish_or_rerun(demo, mailoutbox, notifiable, publish, audience):
    page = publish(demo["de_home"], title="Einmal")
    assert len(mailoutbox) == 2
    publish(page=page)  # a second publication is not the first one
    tasks.notify_subscribers.enqueue(page.pk)  # a re-run of the task
    tasks.notify_subscribers.call(page.pk)
    call_command("subscriptions_housekeeping", stdout=None)
    assert len(mailoutbox) == 2
    assert Delivery.objects.filter(page=page).count() == 2
    assert set(Delivery.objects.filter(page=page).values_list("status", flat=True)) == {Delivery.Status.SENT}


def test_a_claimed_delivery_is_not_sent_again(demo, mailoutbox, notifiable, publish, audience):
    """A second worker finds the row claimed (status "sending", lease running) and leaves it alone."""
    page = publish(demo["de_home"], title="Parallel", topics="nobody-has-this")
    Delivery.objects.create(
        subscriber=audience["events_de"],
        page=page,
        status=Delivery.Status.SENDING,
        next_attempt_at=timezone.now() + timedelta(minutes=5),
    )
    tasks.deliver_due()
    assert mailoutbox == []


def test_a_delivery_abandoned_by_a_killed_worker_is_sent_once(demo, mailoutbox, notifiable, publish, audience):
    """A worker killed after claiming leaves "sending"; once its lease expired the mail goes out, exactly once."""
    page = publish(demo["de_home"], title="Verwaist", topics="nobody-has-this")
    claimed = timezone.now() - timedelta(seconds=settings.TASKS_RUNNING_TIMEOUT + 1)
    delivery = Delivery.objects.create(
        subscriber=audience["events_de"], page=page, status=Delivery.Status.SENDING, attempts=1
    )
    Delivery.objects.filter(pk=delivery.pk).update(next_attempt_at=claimed + timedelta(seconds=1))
    # Still within the lease: nothing happens.
    assert tasks.deliver_due(now=claimed) == 0
    assert tasks.deliver_due() == 1
    assert tasks.deliver_due() == 0
    call_command("subscriptions_housekeeping", stdout=None)
    assert [message.to for message in mailoutbox] == [[audience["events_de"].email]]
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 2)


def test_pending_mails_go_out_at_the_configured_rate(demo, mailoutbox, notifiable, publish, settings):
    settings.SUBSCRIPTIONS_SEND_RATE = 3
    for number in range(7):
        make_subscriber(f"rate{number}@example.org")
    page = publish(demo["de_home"], title="Gedrosselt", topics="nobody-has-this")
    Delivery.objects.bulk_create(Delivery(subscriber=s, page=page) for s in Subscriber.objects.all())
    start = timezone.now()
    assert tasks.deliver_due(now=start) == 3
    # The same minute: the budget is spent.
    assert tasks.deliver_due(now=start + timedelta(seconds=30)) == 0
    assert tasks.deliver_due(now=start + timedelta(seconds=61)) == 3
    assert tasks.deliver_due(now=start + timedelta(seconds=122)) == 1
    assert len(mailoutbox) == 7
    assert len({message.to[0] for message in mailoutbox}) == 7


def test_no_notification_flag(demo, mailoutbox, notifiable, publish, audience, monkeypatch):
    # On the real pages a BooleanField that editors tick.
    monkeypatch.setattr(notifiable, "no_notification", True)
    publish(demo["de_home"], title="Still und leise")
    assert mailoutbox == []
    assert not Delivery.objects.exists()


def test_pages_without_the_protocol_notify_no_one(demo, mailoutbox, publish, audience):
    publish(demo["de_home"], title="Normale Seite")
    assert mailoutbox == []


def test_notification_waits_for_the_commit(demo, mailoutbox, notifiable, audience):
    from home.models import StandardPage

    page = StandardPage(title="Noch nicht", slug="noch-nicht")
    demo["de_home"].add_child(instance=page)
    page.save_revision().publish()
    # Without a commit, the task is not queued (the test's transaction is never committed).
    assert mailoutbox == []


def test_failures_are_retried_with_backoff_and_recorded(demo, mailoutbox, notifiable, publish, monkeypatch):
    subscriber = make_subscriber("flaky@example.org")
    calls = {"n": 0}
    original_send = django_mail.EmailMultiAlternatives.send

    def flaky_send(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] <= 2:
            raise ConnectionRefusedError("SMTP server down")
        return original_send(self, *args, **kwargs)

    monkeypatch.setattr(django_mail.EmailMultiAlternatives, "send", flaky_send)
    page = publish(demo["de_home"], title="Wackelig")
    delivery = Delivery.objects.get(page=page, subscriber=subscriber)
    assert delivery.status == Delivery.Status.PENDING
    assert delivery.attempts == 1
    assert "SMTP server down" in delivery.last_error
    first_wait = delivery.next_attempt_at - timezone.now()
    assert timedelta(minutes=1) < first_wait <= timedelta(minutes=2)
    assert mailoutbox == []

    # Not before its time.
    assert tasks.deliver_due() == 0
    tasks.deliver_due(now=delivery.next_attempt_at)
    delivery.refresh_from_db()
    assert delivery.attempts == 2
    second_wait = delivery.next_attempt_at - timezone.now()
    assert second_wait > first_wait * 3  # the pause grows

    assert tasks.deliver_due(now=delivery.next_attempt_at) == 1
    delivery.refresh_from_db()
    assert delivery.status == Delivery.Status.SENT
    assert delivery.last_error == ""
    assert recipients(mailoutbox) == ["flaky@example.org"]


def test_gives_up_after_the_last_attempt(demo, mailoutbox, notifiable, publish, monkeypatch):
    make_subscriber("broken@example.org")

    def failing_send(self, *args, **kwargs):
        raise OSError("mailbox unavailable")

    monkeypatch.setattr(django_mail.EmailMultiAlternatives, "send", failing_send)
    page = publish(demo["de_home"], title="Kaputt")
    for _ in range(tasks.MAX_ATTEMPTS):
        tasks.deliver_due(now=timezone.now() + timedelta(days=1))
    delivery = Delivery.objects.get(page=page)
    assert delivery.status == Delivery.Status.FAILED
    assert delivery.attempts == tasks.MAX_ATTEMPTS
    assert "mailbox unavailable" in delivery.last_error


def test_purge_unconfirmed_requests(demo, audience):
    old = timezone.now() - timedelta(days=8)
    stale = make_subscriber("stale@example.org", status=Subscriber.Status.PENDING, consent_at=old)
    confirmed_long_ago = make_subscriber("loyal@example.org", consent_at=old)
    call_command("subscriptions_housekeeping", stdout=None)
    assert not Subscriber.objects.filter(pk=stale.pk).exists()
    assert Subscriber.objects.filter(pk=confirmed_long_ago.pk).exists()
    assert Subscriber.objects.filter(pk=audience["pending_de"].pk).exists()  # still within seven days


def test_housekeeping_task(demo, audience):
    make_subscriber(
        "stale@example.org", status=Subscriber.Status.PENDING, consent_at=timezone.now() - timedelta(days=9)
    )
    result = tasks.housekeeping.enqueue()
    assert result.return_value == {"purged": 1, "sent": 0}


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_delivery_through_a_real_smtp_server(demo, notifiable, publish):
    from aiosmtpd.controller import Controller

    class Collector:
        def __init__(self):
            self.envelopes = []

        async def handle_DATA(self, server, session, envelope):
            self.envelopes.append(envelope)
            return "250 Message accepted for delivery"

    handler = Collector()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        subscriber = make_subscriber("smtp@example.org", "de", ["news"])
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            EMAIL_TIMEOUT=5,
        ):
            page = publish(demo["de_home"], title="Über SMTP verschickt")
            deadline = time.monotonic() + 5
            while not handler.envelopes and time.monotonic() < deadline:
                time.sleep(0.05)
    finally:
        controller.stop()

    assert len(handler.envelopes) == 1
    envelope = handler.envelopes[0]
    assert envelope.rcpt_tos == ["smtp@example.org"]
    assert envelope.mail_from == "noreply@localhost"
    message = message_from_bytes(envelope.original_content)
    assert str(make_header(decode_header(message["Subject"]))).endswith("Über SMTP verschickt")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # Mail providers see a list, a message id on the site's domain (not this machine's name) and a sender name.
    assert message["List-Id"] == "Stadtteilprojekt Heeren-Werve <newsletter.testserver>"
    assert message["Message-ID"].endswith("@testserver>")
    assert str(make_header(decode_header(message["From"]))) == "Stadtteilprojekt Heeren-Werve <noreply@localhost>"
    # Long headers are folded on the wire; the mail client unfolds them (RFC 5322 2.2.3).
    unsubscribe = message["List-Unsubscribe"].replace("\r\n", "").strip()
    assert unsubscribe == f"<http://testserver/de/newsletter/unsubscribe/{subscriber.token}/>"
    assert message.is_multipart()
    assert {part.get_content_type() for part in message.walk()} >= {"text/plain", "text/html"}
    assert Delivery.objects.get(page=page).status == Delivery.Status.SENT

    # The mail client's one-click POST, exactly as RFC 8058 describes it, without CSRF token or cookie.
    response = Client(enforce_csrf_checks=True).post(
        unsubscribe.strip("<>").removeprefix("http://testserver"),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.filter(email="smtp@example.org").exists()


def test_notification_shows_the_image(demo, mailoutbox, notifiable, publish, monkeypatch):
    from wagtail.images import get_image_model

    image = get_image_model().objects.first()
    assert image is not None  # the demo has pictures
    monkeypatch.setattr(notifiable, "image", image, raising=False)
    make_subscriber("pictures@example.org")
    publish(demo["de_home"], title="Mit Bild")
    html = mailoutbox[0].alternatives[0][0]
    assert '<img src="http://testserver/media/images/' in html


@pytest.mark.parametrize("count", [2, 20])
def test_sending_costs_a_fixed_number_of_queries_per_mail(
    demo, mailoutbox, notifiable, publish, django_assert_max_num_queries, count
):
    for number in range(count):
        make_subscriber(f"reader{number}@example.org")
    page = publish(demo["de_home"], title="Viele Leser", topics="nobody-has-this")
    Delivery.objects.bulk_create(Delivery(subscriber=s, page=page) for s in Subscriber.objects.all())
    # Claim, load, mark as sent: three queries per mail; the page, its URL and the site name once.
    with django_assert_max_num_queries(12 + 3 * count):
        assert tasks.deliver_due() == count
    assert len(mailoutbox) == count


DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@override_settings(TASKS=DB_TASKS)
def test_schedule_queues_the_periodic_task_once(db):
    from django_tasks_db.models import DBTaskResult

    call_command("subscriptions_housekeeping", "--schedule", stdout=None)
    call_command("subscriptions_housekeeping", "--schedule", stdout=None)
    queued = DBTaskResult.objects.filter(task_path="subscriptions.tasks.housekeeping", status="READY")
    assert queued.count() == 1


@override_settings(TASKS=DB_TASKS)
def test_with_the_database_backend_a_retry_is_queued_for_later(demo, mailoutbox, notifiable, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    from home.models import StandardPage

    make_subscriber("later@example.org")
    page = StandardPage(title="Später", slug="spaeter", live=True)
    demo["de_home"].add_child(instance=page)
    page.save_revision().publish()

    def failing_send(self, *args, **kwargs):
        raise OSError("greylisted")

    monkeypatch.setattr(django_mail.EmailMultiAlternatives, "send", failing_send)
    # What the worker does with the queued task:
    tasks.notify_subscribers.call(page.pk)
    delivery = Delivery.objects.get(page=page)
    retry = DBTaskResult.objects.get(task_path="subscriptions.tasks.deliver_notifications")
    assert retry.status == "READY"
    assert abs((retry.run_after - delivery.next_attempt_at).total_seconds()) < 1
