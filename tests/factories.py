"""Factories (factory_boy, wagtail-factories) for what the tests create: measures, news, events, phases, milestones,
change notes, subscribers and contributions, with the values a test does not care about filled in.

Pages go where the demo keeps their kind (in German by default; `parent=` for another place), added with
add_child as Wagtail wants, and published: live with a published revision, as an editor leaves them. A test of the
first publication (notifications) asks for `draft=True` and publishes the page itself (tests.conftest.publish).
Pages are published inside the test's transaction: their on-commit tasks (notifications) do not run.
"""

import datetime

import factory
import wagtail_factories
from django.conf import settings
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from participation.models import Contribution
from projects.change_notes import ChangeNote
from projects.models import FieldOfAction, Milestone, Phase, ProjectIndexPage, ProjectPage
from stadtteil.text import german_slugify
from subscriptions.models import CONSENT_VERSION, Subscriber


def default_locale():
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)


def demo_index(model):
    """The demo's index page of `model` in the default language: where an editor adds the page."""
    return factory.LazyFunction(lambda: model.objects.get(locale__language_code=settings.LANGUAGE_CODE))


class LivePageFactory(wagtail_factories.PageFactory):
    slug = factory.LazyAttribute(lambda page: german_slugify(page.title))

    class Meta:
        abstract = True
        skip_postgeneration_save = True  # the hook below saves what it changes

    class Params:
        # Added but never published (no revision): the test's own publication is the first one.
        draft = factory.Trait(live=False)

    @factory.post_generation
    def revision(page, create, extracted, **kwargs):
        if create and page.live:
            page.save_revision().publish()
            page.refresh_from_db()  # the publication saved a copy: live_revision, last_published_at


class ProjectPageFactory(LivePageFactory):
    """A measure under the demo's plan of measures, in the field of action the parent's language lists first."""

    title = factory.Sequence(lambda n: f"Testmaßnahme {n}")
    parent = demo_index(ProjectIndexPage)
    field_of_action = factory.LazyAttribute(lambda page: FieldOfAction.objects.filter(locale=page.parent.locale)[0])
    summary = factory.LazyAttribute(lambda page: f"Kurzbeschreibung von {page.title}.")
    start_year = 2026
    end_year = 2027
    responsible_body = "Stadt Kamen"
    total_cost = 100_000

    class Meta:
        model = ProjectPage


class TeaserPageFactory(LivePageFactory):
    """A page listed with a teaser (news, events)."""

    teaser = factory.LazyAttribute(lambda page: f"Anreißer von {page.title}.")

    class Meta:
        abstract = True


class NewsPageFactory(TeaserPageFactory):
    title = factory.Sequence(lambda n: f"Testnachricht {n}")
    parent = demo_index(NewsIndexPage)
    date = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = NewsPage


class EventPageFactory(TeaserPageFactory):
    """An event ten days ahead, two hours long."""

    title = factory.Sequence(lambda n: f"Testtermin {n}")
    parent = demo_index(EventIndexPage)
    start = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    end = factory.LazyAttribute(lambda page: page.start + datetime.timedelta(hours=2))

    class Meta:
        model = EventPage


class PhaseFactory(DjangoModelFactory):
    """A phase snippet in the default language, after the demo's phases."""

    name = factory.Sequence(lambda n: f"Testphase {n}")
    sort_order = factory.Sequence(lambda n: 100 + n)
    locale = factory.LazyFunction(default_locale)

    class Meta:
        model = Phase


class MilestoneFactory(DjangoModelFactory):
    """A milestone not reached yet. Saved for `page=`; or built (`.build()`) into a page's form data:
    ProjectPageFactory(milestones=[MilestoneFactory.build(...)]) or `page.milestones = [...]` before publishing."""

    title = factory.Sequence(lambda n: f"Meilenstein {n}")
    planned_date = datetime.date(2027, 3, 31)
    actual_date = None

    class Meta:
        model = Milestone


class ChangeNoteFactory(DjangoModelFactory):
    """A German change note as the publication of a substantive change leaves it (tests of the publication itself
    publish the page with a note: tests.conftest.publish)."""

    page = factory.SubFactory(ProjectPageFactory)
    note = "Die Bauarbeiten beginnen später als geplant."
    published_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = ChangeNote


class SubscriberFactory(DjangoModelFactory):
    """A subscriber who consented through the form, confirmed unless `status` says otherwise, with `topics`."""

    email = factory.Sequence(lambda n: f"abonnent{n}@example.org")
    language = "de"
    status = Subscriber.Status.CONFIRMED
    consent_at = factory.LazyFunction(timezone.now)
    consent_url = "http://testserver/de/newsletter/"
    consent_version = CONSENT_VERSION
    confirmed_at = factory.LazyAttribute(
        lambda subscriber: timezone.now() if subscriber.status == Subscriber.Status.CONFIRMED else None
    )

    class Meta:
        model = Subscriber
        skip_postgeneration_save = True  # set_topics saves its own rows

    @factory.post_generation
    def topics(subscriber, create, extracted, **kwargs):
        if create:
            subscriber.set_topics(("news",) if extracted is None else extracted)


class ContributionFactory(DjangoModelFactory):
    """A contribution as a visitor sends it, already approved (published) by the office."""

    message = "Eine Bank im Schatten wäre schön."
    status = Contribution.Status.APPROVED

    class Meta:
        model = Contribution
