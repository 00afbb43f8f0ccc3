"""The translators' workflow (issue 17): a new translation is a draft, goes live and notifies English subscribers
once, in English; language-independent facts follow the German page at once; a sync never puts German text on a
live English page and the report lists what is left to translate."""

import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from editorial.translations import outdated_sources
from news.models import NewsCategory, NewsIndexPage, NewsPage, NewsPageCategory
from places.formatting import format_euro
from projects.models import ProjectPage
from subscriptions.models import Delivery, WithheldNotification
from tests.conftest import demo_url, make_subscriber

pytestmark = pytest.mark.django_db

ENGLISH = {
    "Neuer Bücherschrank am Marktplatz": "New public bookcase at the market square",
    "Der Bücherschrank ist ab heute geöffnet.": "The bookcase opens today.",
    "Ein erster Absatz über den Schrank.": "A first paragraph about the bookcase.",
    "Ein zweiter Absatz über die Spenden.": "A second paragraph about the donations.",
}


@pytest.fixture
def readers(db):
    make_subscriber("news.de@example.org", "de", ["news"])
    make_subscriber("news.en@example.org", "en", ["news"])


@pytest.fixture
def german_news(demo, readers, django_capture_on_commit_callbacks):
    index = NewsIndexPage.objects.get(locale=demo["de"])
    page = NewsPage(
        title="Neuer Bücherschrank am Marktplatz",
        slug="neuer-buecherschrank",
        date=datetime.date(2026, 11, 2),
        teaser="Der Bücherschrank ist ab heute geöffnet.",
        body=[
            ("paragraph", "<p>Ein erster Absatz über den Schrank.</p>"),
            ("paragraph", "<p>Ein zweiter Absatz über die Spenden.</p>"),
        ],
        category_links=[NewsPageCategory(category=NewsCategory.objects.get(locale=demo["de"], slug="bauen"))],
    )
    index.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert [message.to for message in mail.outbox] == [["news.de@example.org"]]
    mail.outbox.clear()
    return NewsPage.objects.get(pk=page.pk)


def translate_via_admin(client, page, captured):
    """ "Übersetzen" → Englisch → Absenden, as in the admin."""
    en = Locale.objects.get(language_code="en")
    with captured(execute=True):
        response = client.post(
            reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [en.pk]}
        )
    assert response.status_code == 302
    return page.get_translation(en).specific


def translation_of(page):
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    return Translation.objects.get(source=source, target_locale__language_code="en")


def translate_segments(page, texts=None, only=None):
    """Translate the page's German texts into English, as a translator does in the translation editor."""
    translation = translation_of(page)
    texts = texts or ENGLISH
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string", "context"):
        german = segment.string.data
        if only is not None and german not in only:
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": texts.get(german, f"English: {german}")},
        )


def publish_in_translation_editor(client, en_page, captured):
    with captured(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[en_page.pk]), {"action": "publish"})
    assert response.status_code in (200, 302)
    en_page.refresh_from_db()
    return en_page


def english_mails():
    return [message for message in mail.outbox if message.to == ["news.en@example.org"]]


def test_translate_news_draft_then_publish_notifies_once_in_english(
    admin_client, client, german_news, django_capture_on_commit_callbacks
):
    captured = django_capture_on_commit_callbacks
    en_page = translate_via_admin(admin_client, german_news, captured)
    # A draft: not live, not listed, nobody mailed.
    assert not en_page.live
    listing = client.get(demo_url(NewsIndexPage, lang="en")).content.decode()
    assert "Bücherschrank am Marktplatz" not in listing and "market square" not in listing
    assert mail.outbox == []
    assert [item.instance.pk for item in outdated_sources()] == [german_news.pk]

    translate_segments(german_news)
    en_page = publish_in_translation_editor(admin_client, en_page, captured)
    assert en_page.live
    html = client.get(en_page.url).content.decode()
    assert "New public bookcase at the market square" in html
    assert "Der Bücherschrank ist ab heute" not in html and "Absatz" not in html
    assert '<span lang="de">' not in html
    [message] = english_mails()
    assert "New public bookcase at the market square" in message.subject
    assert "Bücherschrank" not in message.body
    assert outdated_sources() == []

    # Publishing again mails nobody.
    publish_in_translation_editor(admin_client, en_page, captured)
    assert len(english_mails()) == 1
    assert Delivery.objects.filter(page=en_page).count() == 1


def test_partial_translation_published_on_purpose(
    admin_client, client, german_news, django_capture_on_commit_callbacks
):
    captured = django_capture_on_commit_callbacks
    en_page = translate_via_admin(admin_client, german_news, captured)
    translate_segments(german_news, only={"Neuer Bücherschrank am Marktplatz"})
    en_page = publish_in_translation_editor(admin_client, en_page, captured)
    assert en_page.live
    # The German texts left on the page are marked as German; nobody gets a mail with them.
    html = client.get(en_page.url).content.decode()
    assert '<span lang="de">Ein erster Absatz über den Schrank.</span>' in html
    assert '<span lang="de">Ein zweiter Absatz über die Spenden.</span>' in html
    assert english_mails() == []
    assert WithheldNotification.objects.filter(page=en_page).exists()
    [item] = outdated_sources()
    total, done = translation_of(german_news).get_progress()
    assert (item.instance.pk, item.missing, done) == (german_news.pk, total - 1, 1)
    report = admin_client.get(reverse("editorial:outdated_translations")).content.decode()
    assert german_news.title in report

    # Once every text is translated and published: exactly one English mail, in English. Until it is published,
    # the German text on the live page stays marked.
    translate_segments(german_news)
    assert '<span lang="de">Ein erster Absatz über den Schrank.</span>' in client.get(en_page.url).content.decode()
    publish_in_translation_editor(admin_client, en_page, captured)
    [message] = english_mails()
    assert "New public bookcase" in message.subject
    assert '<span lang="de">' not in client.get(en_page.url).content.decode()
    publish_in_translation_editor(admin_client, en_page, captured)
    assert len(english_mails()) == 1
    assert not WithheldNotification.objects.exists()


def test_changed_paragraph_and_sync_keep_english(admin_client, client, german_news, django_capture_on_commit_callbacks):
    captured = django_capture_on_commit_callbacks
    en_page = translate_via_admin(admin_client, german_news, captured)
    translate_segments(german_news)
    en_page = publish_in_translation_editor(admin_client, en_page, captured)

    german = NewsPage.objects.get(pk=german_news.pk)
    german.body[1] = ("paragraph", german.body[1].block.to_python("<p>Ein geänderter Absatz über die Spenden.</p>"))
    with captured(execute=True):
        german.save_revision().publish()
    [item] = outdated_sources()
    assert item.changed
    with captured(execute=True):
        response = admin_client.post(reverse("editorial:sync_translation", args=[item.source.pk]))
    assert response.status_code == 302

    html = client.get(en_page.url).content.decode()
    assert "A second paragraph about the donations." in html  # the earlier English wording stays live
    assert "geänderter Absatz" not in html
    assert "A first paragraph about the bookcase." in html
    [item] = outdated_sources()
    assert (item.changed, item.missing) == (False, 1)

    translate_segments(german_news, {"Ein geänderter Absatz über die Spenden.": "A changed paragraph."})
    publish_in_translation_editor(admin_client, en_page, captured)
    html = client.get(en_page.url).content.decode()
    assert "A changed paragraph." in html and "A second paragraph" not in html
    assert outdated_sources() == []
    assert len(english_mails()) == 1  # the first publication only


def test_changed_cost_shows_in_english_at_once(client, demo, settings, django_capture_on_commit_callbacks):
    """With the full-page cache on (as in production): every English view shows the new facts right after the
    German page is published, without a sync."""
    from stadtteil.page_cache import bump_version

    settings.PAGE_CACHE_ENABLED = True
    bump_version()
    german = ProjectPage.objects.filter(locale=demo["de"], live=True).first()
    en_page = german.get_translation(demo["en"]).specific
    base = en_page.get_parent().specific.url
    urls = {
        "page": en_page.url,
        "plan": f"{base}plan/",
        "json": f"{base}open-data/json/",
        "csv": f"{base}open-data/csv/",
        "xlsx": f"{base}plan/xlsx/",
    }
    new_cost = german.total_cost + Decimal(30000)
    for url in urls.values():  # cached with the old cost
        response = client.get(url)
        assert response.status_code == 200
        assert format_euro(new_cost, "en").encode() not in response.content
    assert client.get(urls["plan"])["X-Cache"] == "HIT"

    german.total_cost = new_cost
    german.status = "completed" if german.status != "completed" else "planned"
    with django_capture_on_commit_callbacks(execute=True):
        german.save_revision().publish()

    en_page.refresh_from_db()
    assert en_page.total_cost == new_cost and en_page.status == german.status
    assert format_euro(new_cost, "en") in client.get(urls["page"]).content.decode()
    assert format_euro(new_cost, "en") in client.get(urls["plan"]).content.decode()
    data = json.loads(client.get(urls["json"]).content)
    [row] = [row for row in data["measures"] if row["title"] == en_page.title]
    assert Decimal(str(row["total_cost_eur"])) == new_cost
    assert row["status"] == german.status
    assert str(int(new_cost)) in client.get(urls["csv"]).content.decode("utf-8-sig")
    workbook = load_workbook(io.BytesIO(client.get(urls["xlsx"]).content))
    values = [cell for row in workbook.active.iter_rows(values_only=True) for cell in row]
    assert int(new_cost) in values or float(new_cost) in values

    # The translation editor offers no fact for translation or overriding.
    assert not [
        segment
        for segment in StringSegment.objects.filter(source__object_id=german.translation_key)
        if re.search(r"total_cost|status", segment.context.path)
    ]


def test_english_editor_cannot_change_facts(demo):
    from stadtteil.facts import FactsFromSourcePageForm

    german = ProjectPage.objects.filter(locale=demo["de"], live=True).first()
    en_page = german.get_translation(demo["en"]).specific
    form_class = ProjectPage.get_edit_handler().get_form_class()
    assert issubclass(form_class, FactsFromSourcePageForm)
    form = form_class(instance=en_page, for_user=None)
    assert form.fields["total_cost"].disabled
    assert form.fields["status"].disabled
    assert not form.fields["title"].disabled
    german_form = form_class(instance=german, for_user=None)
    assert not german_form.fields["total_cost"].disabled


def test_slug_left_in_german_does_not_hold_back_the_mail(
    admin_client, client, german_news, django_capture_on_commit_callbacks
):
    """A translator who translates the content tab but not the slug on "Veröffentlichung": the page is complete for
    readers (the address keeps the German slug), so English subscribers get their one mail."""
    captured = django_capture_on_commit_callbacks
    en_page = translate_via_admin(admin_client, german_news, captured)
    segments = StringSegment.objects.filter(source=translation_of(german_news).source).select_related(
        "string", "context"
    )
    slug = {segment.string.data for segment in segments if segment.context.path == "slug"}
    assert slug == {german_news.slug}
    translate_segments(german_news, only={segment.string.data for segment in segments} - slug)
    en_page = publish_in_translation_editor(admin_client, en_page, captured)
    assert en_page.live and en_page.slug == german_news.slug
    assert '<span lang="de">' not in client.get(en_page.url).content.decode()
    [message] = english_mails()
    assert "New public bookcase at the market square" in message.subject
    assert not WithheldNotification.objects.exists()
