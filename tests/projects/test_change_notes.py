"""Change notes: a substantive change published with a note is listed on the measure page and in the Atom feeds
(per measure and for all measures), in both languages; a minor edit adds nothing; the admin form asks for it."""

import feedparser
import pytest
from django.utils import timezone

from projects.change_notes import ChangeNote
from projects.models import ProjectIndexPage, ProjectPage
from stadtteil.demo import Demo
from stadtteil.routing import url
from tests.conftest import demo_page, publish

NOTE_DE = "Die Bauarbeiten beginnen im Mai statt im März, weil die Ausschreibung wiederholt werden musste."
NOTE_EN = "Construction starts in May instead of March because the tender had to be repeated."


@pytest.fixture
def measure(demo):
    return demo_page(ProjectPage, "luisenpark")


@pytest.fixture
def translate_note(admin_user, django_capture_on_commit_callbacks):
    """Sync the English translation with the German page and publish it, with the note translated."""

    def _translate(page, english=NOTE_EN):
        tool = Demo(user=admin_user)
        tool.t(page.change_note, english)
        with django_capture_on_commit_callbacks(execute=True):
            return tool.sync(page).specific

    return _translate


def feed(client, page):
    response = client.get(url(page, "changes_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return response, feedparser.parse(response.content)


def test_substantive_change_is_listed_with_its_date(client, measure):
    publish(measure, change_note=NOTE_DE)
    note = ChangeNote.objects.get(page=measure)
    assert note.note == NOTE_DE
    html = client.get(measure.url).content.decode()
    assert NOTE_DE in html
    assert "Zuletzt wesentlich geändert am " + timezone.localtime(note.published_at).strftime("%-d.") in html
    assert 'rel="alternate" type="application/atom+xml"' in html


def test_minor_edit_and_republication_add_no_note(measure):
    publish(measure, change_note="")  # a minor edit
    assert not ChangeNote.objects.filter(page=measure).exists()
    publish(measure, change_note=NOTE_DE)
    publish(measure, change_note=NOTE_DE)  # the same publication again, e.g. from code: still one note
    assert ChangeNote.objects.filter(page=measure).count() == 1


def test_feeds_of_the_measure_and_of_all_measures(client, demo, measure):
    publish(measure, change_note=NOTE_DE)
    response, parsed = feed(client, measure)
    assert parsed.bozo == 0
    [entry] = [entry for entry in parsed.entries if entry.summary == NOTE_DE]
    assert entry.link == f"http://testserver{measure.url}#change-notes"
    assert "Last-Modified" in response
    again = client.get(url(measure, "changes_feed"), HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304

    index = demo_page(ProjectIndexPage)
    _response, parsed = feed(client, index)
    assert NOTE_DE in [entry.summary for entry in parsed.entries]
    # The demo's notes of other measures are in it too, newest first.
    assert len(parsed.entries) > 1
    assert index.reverse_subpage("changes_feed") in client.get(index.url).content.decode()


def test_english_note_appears_with_the_english_translation(client, demo, measure, translate_note):
    publish(measure, change_note=NOTE_DE)
    english = demo_page(ProjectPage, "luisenpark", lang="en")
    assert NOTE_EN not in client.get(english.url).content.decode()

    english = translate_note(measure)
    [note] = ChangeNote.objects.filter(page=english, note=NOTE_EN)
    assert note.translation_of.note == NOTE_DE
    html = client.get(english.url).content.decode()
    assert NOTE_EN in html and "Last substantively changed on" in html
    assert NOTE_DE not in html
    _response, parsed = feed(client, english)
    assert NOTE_EN in [entry.summary for entry in parsed.entries]

    # Publishing the English page again (a typo fixed) adds no second note.
    publish(english.get_latest_revision_as_object())
    assert ChangeNote.objects.filter(page=english).filter(translation_of=note.translation_of).count() == 1


def test_admin_form_starts_empty_and_needs_a_note(admin_client, measure):
    publish(measure, change_note=NOTE_DE)
    edit_url = f"/admin/pages/{measure.pk}/edit/"
    html = admin_client.get(edit_url).content.decode()
    assert "Wesentliche Änderung?" in html
    assert NOTE_DE not in html  # the last note is not offered again
