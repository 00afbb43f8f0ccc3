"""Background work, run by the django-tasks worker (`manage.py worker`, started by `make run`).

Exactly once: every notification is a Delivery row, unique per subscriber and page (or document). A worker claims a row
with one conditional UPDATE (pending -> sending) before it sends, so a retry, a re-publish or a second worker
never sends the same notification twice. The claim is a lease of TASKS_RUNNING_TIMEOUT: a row still "sending" after
that belonged to a worker that was killed or lost its database, and is pending again. The row is marked sent right
after the SMTP server accepted the mail; a worker killed between those two steps (a few milliseconds) makes that one
mail go out twice. We chose this side on purpose: the other order (mark sent, then send) would lose that mail
silently, and a missed announcement of an event is worse than one duplicate.

Rate: at most SUBSCRIPTIONS_SEND_RATE mails per minute, counted from the rows sent in the last minute (so several
runs or workers share it); while mails are due, the delivery task queues its next run for when the budget frees up.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db.models import F, Min
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page

from stadtteil.tasks import schedule_once
from stadtteil.visibility import page_is_public, public_documents
from subscriptions import follow, mail
from subscriptions.models import Delivery, Subscriber
from subscriptions.topics import is_notifiable

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF_BASE = timedelta(minutes=2)  # 2, 8, 32, 128 minutes between the five attempts
HOUSEKEEPING_INTERVAL = timedelta(hours=1)
RATE_WINDOW = timedelta(minutes=1)


def send_rate():
    return max(1, settings.SUBSCRIPTIONS_SEND_RATE)


def sending_lease():
    from stadtteil.worker import running_timeout

    return running_timeout()


def backoff(attempts):
    return BACKOFF_BASE * 4 ** (attempts - 1)


@task()
def send_confirmation(subscriber_id):
    subscriber = Subscriber.objects.filter(pk=subscriber_id, status=Subscriber.Status.PENDING).first()
    if subscriber is not None:
        mail.send_confirmation_request(subscriber)


@task()
def send_already_subscribed(subscriber_id):
    subscriber = Subscriber.objects.confirmed().filter(pk=subscriber_id).first()
    if subscriber is not None:
        mail.send_already_subscribed(subscriber)


@task()
def send_follow_request(subscriber_id, keys):
    subscriber = Subscriber.objects.confirmed().filter(pk=subscriber_id).first()
    if subscriber is not None:
        mail.send_follow_request(subscriber, keys)


@task()
def notify_subscribers(page_id):
    """Create one delivery per matching confirmed subscriber of the page's language, then send them."""
    page = Page.objects.filter(pk=page_id, live=True).select_related("locale").first()
    if page is None:
        return 0
    page = page.specific
    if not is_notifiable(page) or page.no_notification:
        return 0
    if not page_is_public(page):
        return 0  # a login-, password- or group-restricted page (or one under such a page) is never announced
    topics = set(page.get_notification_topics() or ())
    if not topics:
        return 0
    # Followers of the related measures (the measure itself, or an area around it) hear of it too.
    measures = follow.related_measures(page)
    topics.update(follow.measure_key(measure) for measure in measures)
    points = [follow.measure_point(measure) for measure in measures]
    recipients = follow.follower_ids(topics, points, language=page.locale.language_code)
    # The unique constraint drops the rows that exist already (re-publish, second worker, re-run).
    Delivery.objects.bulk_create(
        [Delivery(subscriber_id=pk, page_id=page.pk) for pk in recipients], ignore_conflicts=True
    )
    return deliver_due()


@task()
def notify_document_subscribers(document_id):
    """A new document on the downloads page: one delivery per confirmed "documents" subscriber (any language)."""
    from wagtail.documents import get_document_model

    from subscriptions.topics import DOCUMENTS

    document = public_documents(get_document_model().objects.filter(pk=document_id).exclude(category="")).first()
    if document is None or document.no_notification:
        return 0  # gone, uncategorised, excluded by the editor, or in a private collection
    recipients = Subscriber.objects.confirmed().filter(topics__key=DOCUMENTS).values_list("pk", flat=True).distinct()
    # The unique constraint (subscriber, document) drops the rows that exist already.
    Delivery.objects.bulk_create(
        [Delivery(subscriber_id=pk, document_id=document.pk) for pk in recipients], ignore_conflicts=True
    )
    return deliver_due()


@task()
def notify_change_note(note_id):
    """A change note of a public measure: one delivery per follower (of the measure, its fields of action, or an
    area around it) whose language is the note's. Each language has its own note, so each follower gets it once."""
    from projects.change_notes import ChangeNote

    note = ChangeNote.objects.filter(pk=note_id, page__live=True).select_related("page__locale").first()
    if note is None or not page_is_public(note.page):
        return 0
    measure = note.page
    recipients = follow.follower_ids(
        follow.measure_topics(measure), [follow.measure_point(measure)], language=measure.locale.language_code
    )
    Delivery.objects.bulk_create(
        [Delivery(subscriber_id=pk, change_note_id=note.pk) for pk in recipients], ignore_conflicts=True
    )
    return deliver_due()


@task()
def notify_contribution_answer(contribution_id):
    """The first official answer to a published contribution: to the followers of its measure, field of action or
    an area around its place, in every language (the mail is in the follower's; the contribution is quoted as
    written)."""
    from participation.models import Contribution

    contribution = (
        Contribution.objects.filter(pk=contribution_id, status=Contribution.Status.APPROVED)
        .exclude(first_answered_at=None)
        .select_related("measure", "field_of_action")
        .first()
    )
    if contribution is None:
        return 0
    topics, points = set(), []
    if contribution.measure is not None and contribution.measure.live and page_is_public(contribution.measure):
        topics |= follow.measure_topics(contribution.measure)
        points.append(follow.measure_point(contribution.measure))
    if contribution.field_of_action is not None:
        topics.add(follow.field_key(contribution.field_of_action))
    if contribution.has_location:
        points.append((contribution.latitude, contribution.longitude))
    recipients = follow.follower_ids(topics, points)
    Delivery.objects.bulk_create(
        [Delivery(subscriber_id=pk, contribution_id=contribution.pk) for pk in recipients], ignore_conflicts=True
    )
    return deliver_due()


@task()
def deliver_notifications():
    return deliver_due()


def deliver_due(now=None):
    """Send pending deliveries whose time has come, as many as the rate allows now; returns how many were sent.
    What is left is sent by the next run, queued for when the rate allows more."""
    now = now or timezone.now()
    # Rows claimed by a worker that never finished (killed, database gone): pending again once the lease expired.
    Delivery.objects.filter(status=Delivery.Status.SENDING, next_attempt_at__lte=now).update(
        status=Delivery.Status.PENDING
    )
    budget = send_rate() - Delivery.objects.filter(status=Delivery.Status.SENT, sent_at__gt=now - RATE_WINDOW).count()
    due = list(
        Delivery.objects.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[: max(budget, 0)]
    )
    sent = 0
    pages = {}
    documents = {}
    memo = {}
    connection = get_connection()
    try:
        for pk in due:
            claimed = Delivery.objects.filter(pk=pk, status=Delivery.Status.PENDING, next_attempt_at__lte=now).update(
                status=Delivery.Status.SENDING, attempts=F("attempts") + 1, next_attempt_at=now + sending_lease()
            )
            if not claimed:
                continue  # another worker has it
            delivery = Delivery.objects.select_related("subscriber").get(pk=pk)
            if delivery.subscriber is None:
                delivery.delete()
                continue
            try:
                if delivery.change_note_id is not None:
                    message = mail.change_note_message(
                        delivery.subscriber, delivery.change_note_id, connection=connection, memo=memo
                    )
                elif delivery.contribution_id is not None:
                    message = mail.answer_message(
                        delivery.subscriber, delivery.contribution_id, connection=connection, memo=memo
                    )
                elif delivery.document_id is not None:
                    if delivery.document_id not in documents:
                        documents[delivery.document_id] = _document(delivery.document_id)
                    message = mail.document_notification_message(
                        delivery.subscriber, documents[delivery.document_id], connection=connection, memo=memo
                    )
                else:
                    if delivery.page_id not in pages:
                        pages[delivery.page_id] = Page.objects.get(pk=delivery.page_id).specific
                    message = mail.notification_message(
                        delivery.subscriber, pages[delivery.page_id], connection=connection, memo=memo
                    )
                message.send()
            except Exception as error:  # noqa: BLE001 - any failure is recorded and retried
                _record_failure(delivery, error)
                connection.close()  # a broken SMTP session must not fail the next messages
            else:
                Delivery.objects.filter(pk=pk).update(
                    status=Delivery.Status.SENT, sent_at=timezone.now(), last_error=""
                )
                sent += 1
    finally:
        connection.close()
    _schedule_next(now)
    return sent


def _document(pk):
    from wagtail.documents import get_document_model

    return get_document_model().objects.defer("extracted_text").get(pk=pk)


def _record_failure(delivery, error):
    attempts = delivery.attempts
    final = attempts >= MAX_ATTEMPTS
    logger.warning("Notification %s failed (attempt %s): %s", delivery.pk, attempts, type(error).__name__)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.FAILED if final else Delivery.Status.PENDING,
        next_attempt_at=timezone.now() + backoff(attempts),
        last_error=f"{type(error).__name__}: {error}"[:1000],
    )


def _schedule_next(now):
    """Queue the next run (database backend only): when the rate allows more mails if some are due now, else at
    the earliest retry or lease expiry. One queued run at or before that time is enough."""
    backend = deliver_notifications.get_backend()
    if not backend.supports_defer:
        return
    if Delivery.objects.filter(status=Delivery.Status.PENDING, next_attempt_at__lte=now).exists():
        oldest = Delivery.objects.filter(status=Delivery.Status.SENT, sent_at__gt=now - RATE_WINDOW).aggregate(
            at=Min("sent_at")
        )["at"]
        next_at = max(oldest + RATE_WINDOW, now) if oldest else now
    else:
        next_at = Delivery.objects.filter(status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]).aggregate(
            at=Min("next_attempt_at")
        )["at"]
        if next_at is None:
            return
    from django_tasks_db.backend import DatabaseBackend

    if isinstance(backend, DatabaseBackend):
        from django_tasks_db.models import DBTaskResult

        queued = DBTaskResult.objects.filter(
            status="READY", task_path=deliver_notifications.module_path, run_after__lte=next_at
        )
        if queued.exists():
            return
    deliver_notifications.using(run_after=max(next_at, timezone.now())).enqueue()


def purge_unconfirmed(now=None):
    """Delete requests that were not confirmed within the link's lifetime; returns how many."""
    _total, per_model = Subscriber.objects.expired_requests(now).delete()
    return per_model.get(Subscriber._meta.label, 0)


@task()
def housekeeping():
    """Hourly: purge expired requests, send due mails (a safety net: delivery runs queue their own next run), and
    queue the next run."""
    purged = purge_unconfirmed()
    sent = deliver_due()
    schedule_housekeeping(HOUSEKEEPING_INTERVAL)
    return {"purged": purged, "sent": sent}


def schedule_housekeeping(delay=timedelta(0)):
    return schedule_once(housekeeping, delay)
