"""Queue notifications when a notifiable page goes live for the first time in its language, and when a document
first appears on the downloads page."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save, pre_save
from wagtail.documents import get_document_model
from wagtail.signals import page_published

from stadtteil.visibility import document_is_public
from subscriptions.topics import is_notifiable


def first_publication(page):
    # Wagtail sets first_published_at only once, to the same instant as last_published_at.
    return page.first_published_at is not None and page.first_published_at == page.last_published_at


def on_page_published(sender, instance, **kwargs):
    """Notify once per page, at its first publication in its language with translated content.

    A translation published while some of its texts are still German (an editor may do that on purpose) does not
    notify: the notification is withheld (a WithheldNotification row) until the first publication at which every
    text is translated. Deleting that row is the conditional step that lets exactly one publication notify.
    """
    from editorial.localize import is_complete
    from subscriptions.models import WithheldNotification
    from subscriptions.tasks import notify_subscribers

    if not is_notifiable(instance) or instance.no_notification:
        return
    withheld = WithheldNotification.objects.filter(page_id=instance.pk)
    if first_publication(instance):
        if not is_complete(instance):
            WithheldNotification.objects.get_or_create(page_id=instance.pk)
            return
    elif not withheld.exists() or not is_complete(instance) or not withheld.delete()[0]:
        return
    # After the commit, so that the worker sees the live page (the immediate backend runs it right then).
    transaction.on_commit(partial(notify_subscribers.enqueue, instance.pk))


def on_document_saved(sender, instance, **kwargs):
    """Notify the "documents" subscribers once, when a document is first listed on the downloads page.

    The trigger: the first save at which the document has a category (that lists it) and its processing is
    finished (done or failed), so that the mail can give type, size and pages; for big files that is the save
    of the processing task. The conditional UPDATE of `first_listed_at` lets exactly one save win, however often
    the document is saved. A document the editor excluded (`no_notification`) is marked listed all the same:
    unticking the box later does not mail an old document.
    """
    from django.utils import timezone

    from documents.models import ProcessingStatus
    from subscriptions.tasks import notify_document_subscribers

    if not instance.category or instance.first_listed_at is not None:
        return
    if instance.processing_status == ProcessingStatus.PENDING:
        return
    if not document_is_public(instance):
        return  # not listed while its collection is private; first listed when it becomes public
    now = timezone.now()
    won = type(instance).objects.filter(pk=instance.pk, first_listed_at__isnull=True).update(first_listed_at=now)
    instance.first_listed_at = now  # a later full save of this instance must not write None back
    if won and not instance.no_notification:
        # After the commit, so that the worker sees the committed document and its file.
        transaction.on_commit(partial(notify_document_subscribers.enqueue, instance.pk))


def on_change_note_saved(sender, instance, created, **kwargs):
    """A new change note (projects/change_notes.py makes each once per revision or translation): tell followers."""
    from subscriptions.tasks import notify_change_note

    if created:
        transaction.on_commit(partial(notify_change_note.enqueue, instance.pk))


def _answered_in_public(contribution):
    return contribution.status == contribution.Status.APPROVED and contribution.first_answered_at is not None


def on_contribution_pre_save(sender, instance, **kwargs):
    # Whether the contribution was already public and answered before this save: only the step to both notifies.
    old = sender.objects.filter(pk=instance.pk).only("status", "first_answered_at").first() if instance.pk else None
    instance._was_answered_in_public = old is not None and _answered_in_public(old)


def on_contribution_saved(sender, instance, **kwargs):
    """The first official answer to a published contribution reaches the followers of what it is about (the
    deliveries are unique per subscriber and contribution, whatever saves follow)."""
    from subscriptions.tasks import notify_contribution_answer

    if _answered_in_public(instance) and not getattr(instance, "_was_answered_in_public", False):
        transaction.on_commit(partial(notify_contribution_answer.enqueue, instance.pk))


def connect():
    from participation.models import Contribution
    from projects.change_notes import ChangeNote

    page_published.connect(on_page_published, dispatch_uid="subscriptions_notify")
    post_save.connect(on_change_note_saved, sender=ChangeNote, dispatch_uid="subscriptions_notify_change_note")
    pre_save.connect(on_contribution_pre_save, sender=Contribution, dispatch_uid="subscriptions_answer_before")
    post_save.connect(on_contribution_saved, sender=Contribution, dispatch_uid="subscriptions_notify_answer")
    post_save.connect(on_document_saved, sender=get_document_model(), dispatch_uid="subscriptions_notify_document")
