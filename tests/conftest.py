"""Shared fixtures.

The demo content is loaded once per test session into the test database, through the real `load_demo`
command; every test then runs inside a transaction that is rolled back, so each starts from the same
demo site. (Tests that need a real transaction must not flush it: use serialized data or a separate DB.)
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Locale, Page

from subscriptions.models import Subscriber
from tests.factories import SubscriberFactory

ADMIN_PASSWORD = "correct-horse-battery-staple"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        get_user_model().objects.create_superuser("admin", "admin@example.org", ADMIN_PASSWORD)
        call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.get(username="admin")


@pytest.fixture
def demo(db):
    """The demo site as `make run` sets it up: locales and the home page of each language."""
    de = Locale.objects.get(language_code="de")
    en = Locale.objects.get(language_code="en")
    return {
        "de": de,
        "en": en,
        "de_home": Page.objects.get(depth=2, locale=de).specific,
        "en_home": Page.objects.get(depth=2, locale=en).specific,
    }


def demo_page(model, slug=None, lang=None):
    """A demo page of `model`: the only one of its type, or the one with this German slug; in `lang` (its
    translation), German by default. Tests that are not about the URL itself take it from here (`.url`, or
    `stadtteil.routing.url(page, name)` for a sub-view), so that an editor's new slug breaks no test."""
    from django.conf import settings

    pages = model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
    page = pages.get(slug=slug) if slug else pages.get()
    if lang and lang != settings.LANGUAGE_CODE:
        page = page.get_translation(Locale.objects.get(language_code=lang))
    return page


def demo_url(model, slug=None, lang=None):
    """The URL of `demo_page(model, slug, lang)`, as the site links it."""
    return demo_page(model, slug, lang).url


def verify_second_factor(client, user):
    """Complete the second factor for a client signed in with force_login, as the verify view does after a
    correct code: the user gets a confirmed authenticator app, the session is marked as verified by it."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="Test-App", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


def make_subscriber(email, language="de", topics=("news",), status=Subscriber.Status.CONFIRMED, **fields):
    """tests.factories.SubscriberFactory with the address, language and topics in this order: a subscriber who
    consented through the form (confirmed unless `status` says otherwise); `fields` sets any other field."""
    return SubscriberFactory(email=email, language=language, topics=topics, status=status, **fields)


def publish(page, change_note=None):
    """Publish a page (the first time or again) as the editor's Publish button does: a new revision, published, and
    the on-commit callbacks (notification tasks) run as after a real commit. For a measure, `change_note` is what the
    editor enters in the form: a note ticks "Substantive change?", "" is a minor edit."""
    if change_note is not None:
        page.substantive_change = bool(change_note)
        page.change_note = change_note
    with TestCase.captureOnCommitCallbacks(execute=True):
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def staff_login(client, user):
    """force_login plus the second factor: what a member of staff has after signing in to the admin."""
    client.force_login(user)
    verify_second_factor(client, user)
    return client


@pytest.fixture
def admin_client(client, admin_user):
    return staff_login(client, admin_user)


@pytest.fixture(autouse=True)
def _settings_restored():
    """Every test leaves Django's settings as it found them. A test that mixes @override_settings with the
    `settings` fixture gets them back wrong (the fixture restores what the decorator had set), and every later
    test in the process would run with them: e.g. the database task backend, so no task runs and no mail goes."""
    from django.conf import settings

    before = settings._wrapped
    yield
    if settings._wrapped is not before:
        settings._wrapped = before
        pytest.fail("This test changed Django's settings for the tests after it (see tests/conftest.py).")


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the site's default language: a request served by the test client leaves its language
    active in the thread, which would otherwise carry over into the next test of the same worker."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test rolls its database back, but the cache would outlive it (Wagtail's cached site root paths,
    rate-limit counters, the page cache's version): start each test with an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
