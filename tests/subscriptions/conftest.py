import re
from itertools import count

import pytest

from home.models import HomePage, StandardPage
from stadtteil.routing import reverse_alternates
from subscriptions.models import NewsletterPage
from tests.conftest import demo_url

_slugs = count(1)


@pytest.fixture
def notifiable(monkeypatch):
    """Give StandardPage the notification protocol the news, event and document pages implement.

    The topics of a page are taken from its `seo_title` (comma-separated), "news" if empty.
    """

    def get_notification_topics(self):
        return {key.strip() for key in (self.seo_title or "news").split(",")}

    monkeypatch.setattr(StandardPage, "get_notification_topics", get_notification_topics, raising=False)
    monkeypatch.setattr(StandardPage, "no_notification", False, raising=False)
    return StandardPage


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Create (or re-publish) a page under a parent, running the on-commit callbacks like a real commit."""

    def _publish(parent=None, page=None, title="Neuer Spielplatz eröffnet", topics="", **fields):
        with django_capture_on_commit_callbacks(execute=True):
            if page is None:
                page = StandardPage(
                    title=title,
                    slug=f"notification-test-{next(_slugs)}",
                    seo_title=topics,
                    search_description=fields.pop("search_description", "Der Spielplatz an der Rosenstraße ist offen."),
                    **fields,
                )
                parent.add_child(instance=page)
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    return _publish


@pytest.fixture
def subscribe(client, django_capture_on_commit_callbacks):
    """Post the subscribe form like a visitor; returns the response."""

    def _subscribe(email="anna@example.org", language="de", topics=("news",), consent=True, url=None, **extra):
        form_url = demo_url(HomePage)
        data = {"email": email, "language": language, "topics": list(topics), "form_url": form_url, **extra}
        if consent:
            data["consent"] = "on"
        with django_capture_on_commit_callbacks(execute=True):
            page_language = language if language in ("de", "en") else "de"
            return client.post(url or demo_url(NewsletterPage, lang=page_language), data)

    return _subscribe


def newsletter_url(name, language="de", **kwargs):
    """The URL of a newsletter view of subscriptions/urls.py (subscribe, confirm, …) in a language."""
    return reverse_alternates(f"subscriptions:{name}", kwargs)[language]


def link(text, kind):
    """The first link of a kind (confirm, preferences, unsubscribe) in a mail text, as a path."""
    match = re.search(rf"http://testserver(/(?:de|en)/newsletter/{kind}/[^/\s]+/)", text)
    assert match, f"no {kind} link in {text!r}"
    return match.group(1)
