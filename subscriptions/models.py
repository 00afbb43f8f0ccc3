"""Subscribers with their proof of consent, the topics they chose, one delivery record per subscriber and page
(or document),
and the newsletter page that carries the subscribe form."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

# Bump when the wording of the consent checkbox changes; each subscriber keeps the version they agreed to.
CONSENT_VERSION = "2026-11"
CONFIRMATION_MAX_AGE = timedelta(days=7)


def new_token():
    return secrets.token_urlsafe(32)


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)

    def expired_requests(self, now=None):
        """Unconfirmed requests older than the confirmation link's lifetime."""
        now = now or timezone.now()
        return self.filter(status=Subscriber.Status.PENDING, consent_at__lt=now - CONFIRMATION_MAX_AGE)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        CONFIRMED = "confirmed", _("confirmed")

    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    # Secret for the preferences and unsubscribe links in every e-mail; never shown in the admin.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Proof of consent (Art. 7(1) GDPR): when, where, which wording, and when the address owner confirmed.
    consent_at = models.DateTimeField(_("consent given"))
    consent_url = models.URLField(_("form URL"), max_length=500)
    consent_version = models.CharField(_("consent wording version"), max_length=20)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    @property
    def topic_keys(self):
        return sorted(topic.key for topic in self.topics.all())

    @property
    def topic_list(self):
        """The chosen topics by name ("Alle Neuigkeiten, Grün und Freiraum"), not by key ("field:<uuid>").
        A list view may set `_topic_labels` on its rows so that the names are looked up once per page."""
        from subscriptions.follow import follow_labels
        from subscriptions.topics import topic_choices

        labels = getattr(self, "_topic_labels", None)
        if labels is None:
            labels = dict(topic_choices())
        keys = self.topic_keys
        # Followed measures by title; followed areas without their place (which may be someone's home).
        labels = {**follow_labels([key for key in keys if key not in labels], private=True), **labels}
        return ", ".join(str(labels.get(key, key)) for key in keys)

    def set_topics(self, keys):
        keys = set(keys)
        self.topics.exclude(key__in=keys).delete()
        existing = set(self.topics.values_list("key", flat=True))
        SubscriberTopic.objects.bulk_create(SubscriberTopic(subscriber=self, key=key) for key in keys - existing)

    @transaction.atomic
    def forget(self):
        """Delete every personal datum: the subscriber, their topics; delivery counts stay, anonymous."""
        self.delete()  # see anonymise_deliveries below


@receiver(pre_delete, sender="subscriptions.Subscriber")
def anonymise_deliveries(sender, instance, **kwargs):
    """Whoever deletes a subscriber (unsubscribe, purge, staff): unsent mails go, error texts (which may
    quote the address) are cleared; the sent/failed counts per page stay."""
    deliveries = Delivery.objects.filter(subscriber=instance)
    deliveries.filter(status=Delivery.Status.PENDING).delete()
    deliveries.update(last_error="")


class SubscriberTopic(models.Model):
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="topics")
    key = models.CharField(_("topic"), max_length=100, db_index=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        constraints = [models.UniqueConstraint(fields=["subscriber", "key"], name="subscriptions_topic_once")]

    def __str__(self):
        return self.key


class Delivery(models.Model):
    """One notification e-mail of one page to one subscriber; the unique constraint makes it happen once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    # Null once the subscriber unsubscribed: the count stays, the person is gone.
    subscriber = models.ForeignKey(Subscriber, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # A delivery is about one thing (see the check constraint): a page (news, event), a new document, a change
    # note of a followed measure, or the official answer to a contribution on something followed.
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.CASCADE, related_name="subscription_deliveries"
    )
    document = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscription_deliveries",
    )
    change_note = models.ForeignKey(
        "projects.ChangeNote", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    contribution = models.ForeignKey(
        "participation.Contribution", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(fields=["subscriber", "page"], name="subscriptions_delivery_once"),
            models.UniqueConstraint(fields=["subscriber", "document"], name="subscriptions_document_delivery_once"),
            models.UniqueConstraint(fields=["subscriber", "change_note"], name="subscriptions_change_note_once"),
            models.UniqueConstraint(fields=["subscriber", "contribution"], name="subscriptions_answer_once"),
            models.CheckConstraint(
                condition=models.Q(page__isnull=False, document__isnull=True, change_note=None, contribution=None)
                | models.Q(page__isnull=True, document__isnull=False, change_note=None, contribution=None)
                | models.Q(page=None, document=None, change_note__isnull=False, contribution=None)
                | models.Q(page=None, document=None, change_note=None, contribution__isnull=False),
                name="subscriptions_delivery_one_subject",
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        if self.page_id:
            target = f"page {self.page_id}"
        elif self.document_id:
            target = f"document {self.document_id}"
        elif self.change_note_id:
            target = f"change note {self.change_note_id}"
        else:
            target = f"contribution {self.contribution_id}"
        return f"{target} → {self.subscriber_id}: {self.status}"


class WithheldNotification(models.Model):
    """A translated page that went live before it was completely translated: its subscribers are notified once,
    at the first publication with every text translated, not with German text (subscriptions/signals.py)."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("withheld notification")
        verbose_name_plural = _("withheld notifications")

    def __str__(self):
        return f"page {self.page_id}"


class NewsletterPage(Page):
    """The subscribe page of one language."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    thanks = RichTextField(
        _("text after subscribing"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown after the form was sent. Leave empty for the default text."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("thanks")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("newsletter page")
        verbose_name_plural = _("newsletter pages")

    def get_sitemap_urls(self, request=None):
        return []  # a form, marked noindex: not content for search engines

    def serve(self, request, *args, **kwargs):
        from subscriptions.views import newsletter_page

        return newsletter_page(self, request)
