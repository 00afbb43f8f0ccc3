"""The topics a subscriber can choose, collected from the `subscription_topics` Wagtail hook.

Each hook function returns a list of (key, label) pairs. This app registers the three general topics; the
measures app adds one "field:<translation_key>" topic per field of action. Pages name the topics they belong
to through `get_notification_topics()`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

NEWS = "news"
EVENTS = "events"
DOCUMENTS = "documents"

# Static, so that the footer form can show them without calling the hook (which may query the database).
GENERAL_TOPICS = [
    (NEWS, _("All news")),
    (EVENTS, _("Events")),
    (DOCUMENTS, _("New documents")),
]


def topic_choices():
    """All (key, label) pairs offered in the form, general topics first, without duplicates."""
    seen = set()
    choices = []
    for fn in hooks.get_hooks("subscription_topics"):
        for key, label in fn() or []:
            if key not in seen:
                seen.add(key)
                choices.append((key, label))
    return choices


def is_notifiable(page):
    return callable(getattr(page, "get_notification_topics", None)) and hasattr(page, "no_notification")
