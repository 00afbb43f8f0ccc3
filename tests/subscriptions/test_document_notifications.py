"""New documents: the subscribers of the "documents" topic are notified once, in their language."""

import pytest
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.documents import get_document_model

from documents import demo as documents_demo
from subscriptions import tasks
from subscriptions.models import Delivery, Subscriber
from tests.conftest import make_subscriber


@pytest.fixture
def audience(db):
    return {
        "docs_de": make_subscriber("docs.de@example.org", "de", ["documents"]),
        "docs_en": make_subscriber("docs.en@example.org", "en", ["documents", "news"]),
        "news_de": make_subscriber("news.de@example.org", "de", ["news", "events"]),
        "pending": make_subscriber("pending@example.org", "de", ["documents"], status=Subscriber.Status.PENDING),
    }


@pytest.fixture
def pdf():
    return documents_demo._report_pdf()


@pytest.fixture
def upload(django_capture_on_commit_callbacks, pdf):
    """Store a new document like an upload, running the on-commit callbacks like a real commit."""

    def _upload(title="Protokoll der Stadtteilkonferenz", **fields):
        fields.setdefault("category", "minutes")
        document = get_document_model()(title=title, **fields)
        document.file.save("protokoll.pdf", ContentFile(pdf), save=False)
        with django_capture_on_commit_callbacks(execute=True):
            document.save()
        return document

    return _upload


def recipients(outbox):
    return sorted(address for message in outbox for address in message.to)


def html_of(message):
    return next(content for content, mimetype in message.alternatives if mimetype == "text/html")


def test_new_document_notifies_confirmed_document_subscribers_in_their_language(demo, mailoutbox, audience, upload):
    document = upload(
        description="Ergebnisse der Sitzung vom 3. November.",
        english_title="Minutes of the district conference",
        english_description="Results of the meeting of 3 November.",
    )
    assert recipients(mailoutbox) == ["docs.de@example.org", "docs.en@example.org"]
    german = next(message for message in mailoutbox if message.to == ["docs.de@example.org"])
    english = next(message for message in mailoutbox if message.to == ["docs.en@example.org"])
    pages = document.page_count
    assert pages and pages > 1

    assert german.subject.endswith("neues Dokument: Protokoll der Stadtteilkonferenz")
    assert "Ein neues Dokument steht zum Herunterladen bereit" in german.body
    assert "Ergebnisse der Sitzung vom 3. November." in german.body
    assert f"PDF, {document.link_meta().split(', ')[1]}" in german.body
    assert f"{pages} Seiten" in german.body
    assert "http://testserver/de/downloads/" in german.body
    assert f"http://testserver{document.url}" in german.body
    assert "Minutes of the district conference" not in german.body
    assert "Alle Dokumente auf der Download-Seite" in html_of(german)
    assert f'href="http://testserver{document.url}"' in html_of(german)

    assert english.subject.endswith("new document: Minutes of the district conference")
    assert "Results of the meeting of 3 November." in english.body
    assert f"{pages} pages" in english.body
    assert "http://testserver/en/downloads/" in english.body
    assert "Protokoll der Stadtteilkonferenz" not in english.body
    assert "Minutes of the district conference" in html_of(english)

    for message, subscriber in ((german, audience["docs_de"]), (english, audience["docs_en"])):
        language = subscriber.language
        unsubscribe = f"http://testserver/{language}/newsletter/unsubscribe/{subscriber.token}/"
        assert message.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert f"http://testserver/{language}/newsletter/preferences/{subscriber.token}/" in message.body
        assert unsubscribe in html_of(message)

    deliveries = Delivery.objects.filter(document=document)
    assert deliveries.count() == 2
    assert set(deliveries.values_list("status", flat=True)) == {Delivery.Status.SENT}
    assert not deliveries.filter(page__isnull=False).exists()


def test_english_subscriber_gets_the_german_texts_when_no_english_ones(demo, mailoutbox, audience, upload):
    upload(title="Bebauungsplan Rosenstraße", category="plan", description="Der Entwurf zur Beteiligung.")
    english = next(message for message in mailoutbox if message.to == ["docs.en@example.org"])
    assert "new document: Bebauungsplan Rosenstraße" in english.subject
    assert "Der Entwurf zur Beteiligung." in english.body
    assert '<p lang="de">Der Entwurf zur Beteiligung.</p>' in html_of(english)
    assert 'lang="de">Bebauungsplan Rosenstraße</a>' in html_of(english)


def test_resaving_or_rerunning_sends_nothing_more(
    demo, mailoutbox, audience, upload, django_capture_on_commit_callbacks
):
    document = upload()
    assert len(mailoutbox) == 2
    first_listed = get_document_model().objects.get(pk=document.pk).first_listed_at
    assert first_listed is not None
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document.description = "Ergänzt."
        document.save()
        reloaded = get_document_model().objects.get(pk=document.pk)
        reloaded.category = "report"
        reloaded.save()
    queued = [cb for cb in callbacks if getattr(cb, "func", None) == tasks.notify_document_subscribers.enqueue]
    assert queued == []
    tasks.notify_document_subscribers.call(document.pk)  # a re-run of the task, or a second worker
    tasks.notify_document_subscribers.enqueue(document.pk)
    tasks.deliver_notifications.call()
    assert len(mailoutbox) == 2
    assert Delivery.objects.filter(document=document).count() == 2
    assert get_document_model().objects.get(pk=document.pk).first_listed_at == first_listed


def test_a_later_subscriber_gets_no_old_document(
    demo, mailoutbox, audience, upload, django_capture_on_commit_callbacks
):
    document = upload()
    mailoutbox.clear()
    make_subscriber("late@example.org", "de", ["documents"])
    with django_capture_on_commit_callbacks(execute=True):
        document.save()
    assert mailoutbox == []


def test_demo_documents_are_not_new(demo, mailoutbox, audience, django_capture_on_commit_callbacks):
    listed = get_document_model().objects.exclude(category="")
    assert listed.exists()
    with django_capture_on_commit_callbacks(execute=True):
        for document in listed:
            document.save()
    assert mailoutbox == []


def test_no_notification_suppresses(demo, mailoutbox, audience, upload, django_capture_on_commit_callbacks):
    document = upload(no_notification=True)
    assert mailoutbox == []
    assert not Delivery.objects.filter(document=document).exists()
    tasks.notify_document_subscribers.call(document.pk)
    assert mailoutbox == []
    # Unticking later does not mail an old document: its first appearance has passed.
    with django_capture_on_commit_callbacks(execute=True):
        document.no_notification = False
        document.save()
    assert mailoutbox == []


def test_an_uncategorised_document_notifies_when_it_gets_its_category(
    demo, mailoutbox, audience, upload, django_capture_on_commit_callbacks
):
    document = upload(category="")  # not on the downloads page
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        document.category = "report"
        document.save()
    assert recipients(mailoutbox) == ["docs.de@example.org", "docs.en@example.org"]


def test_unconfirmed_and_other_topics_get_nothing(demo, mailoutbox, upload):
    make_subscriber("pending@example.org", "de", ["documents"], status=Subscriber.Status.PENDING)
    make_subscriber("news@example.org", "en", ["news", "events", "field:abc"])
    upload()
    assert mailoutbox == []


def test_a_delivery_is_for_a_page_or_a_document(demo, audience, upload):
    document = upload(no_notification=True)
    page = demo["de_home"]
    subscriber = audience["docs_de"]
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(subscriber=subscriber)
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(subscriber=subscriber, page=page, document=document)
    Delivery.objects.create(subscriber=subscriber, document=document)
    with pytest.raises(IntegrityError), transaction.atomic():
        Delivery.objects.create(subscriber=subscriber, document=document)


def test_unsubscribing_keeps_the_counts_and_a_failed_mail_is_retried(demo, mailoutbox, audience, upload, monkeypatch):
    from subscriptions import mail

    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr(mail, "document_notification_message", broken)
    document = upload()
    assert mailoutbox == []
    deliveries = Delivery.objects.filter(document=document)
    assert set(deliveries.values_list("status", flat=True)) == {Delivery.Status.PENDING}
    assert set(deliveries.values_list("attempts", flat=True)) == {1}
    monkeypatch.undo()
    deliveries.update(next_attempt_at=timezone.now())
    assert tasks.deliver_due() == 2
    assert recipients(mailoutbox) == ["docs.de@example.org", "docs.en@example.org"]
    audience["docs_de"].forget()
    assert deliveries.count() == 2


def test_admin_form_and_report(admin_client, demo, audience, upload):
    document = upload()
    form = admin_client.get(f"/admin/documents/edit/{document.pk}/")
    assert 'name="no_notification"' in form.content.decode()
    response = admin_client.get("/admin/reports/newsletter/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Neues Dokument" in body or "New document" in body
    assert document.title in body
    assert "<td>2</td>" in body  # sent


def test_a_big_document_notifies_after_its_processing(demo, mailoutbox, audience, upload, settings):
    document = upload()
    document.refresh_from_db()
    assert document.processing_status == "done"
    assert recipients(mailoutbox) == ["docs.de@example.org", "docs.en@example.org"]
    german = next(message for message in mailoutbox if message.to == ["docs.de@example.org"])
    assert f"{document.page_count} Seiten" in german.body


def test_a_document_whose_processing_failed_is_still_announced(
    demo, mailoutbox, audience, django_capture_on_commit_callbacks, monkeypatch, pdf
):
    from documents import processing

    def broken(*args, **kwargs):
        raise ValueError("unreadable")

    monkeypatch.setattr(processing, "extract", broken)
    document = get_document_model()(title="Kaputtes PDF", category="other")
    document.file.save("kaputt.pdf", ContentFile(pdf), save=False)
    with django_capture_on_commit_callbacks(execute=True):
        document.save()
    document.refresh_from_db()
    assert document.processing_status == "failed"
    assert recipients(mailoutbox) == ["docs.de@example.org", "docs.en@example.org"]
    assert "Kaputtes PDF" in mailoutbox[0].body
