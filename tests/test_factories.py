"""The factories of tests/factories.py make what an editor would: pages live at their URL (a draft is not), under
the demo's index of their kind, translatable; snippets and rows that the pages show."""

import pytest

from news.models import EventIndexPage, NewsIndexPage
from projects.models import ProjectIndexPage
from tests.conftest import demo_url, publish
from tests.factories import (
    ChangeNoteFactory,
    EventPageFactory,
    MilestoneFactory,
    NewsPageFactory,
    PhaseFactory,
    ProjectPageFactory,
)


def test_a_measure_is_live_at_its_url_in_both_languages(client, demo):
    measure = ProjectPageFactory(
        title="Trinkbrunnen am Marktplatz",
        phase=PhaseFactory(name="Bohrung"),
        milestones=[MilestoneFactory.build(title="Brunnen gebohrt")],
    )
    assert measure.live and measure.live_revision is not None
    assert measure.url == demo_url(ProjectIndexPage) + "trinkbrunnen-am-marktplatz/"
    html = client.get(measure.url).content.decode()
    assert "Trinkbrunnen am Marktplatz" in html and "Bohrung" in html and "Brunnen gebohrt" in html

    ChangeNoteFactory(page=measure, note="Der Brunnen bekommt eine zweite Zapfstelle.")
    assert "Der Brunnen bekommt eine zweite Zapfstelle." in client.get(measure.url).content.decode()

    english = publish(measure.copy_for_translation(demo["en"]).specific)
    assert english.url == demo_url(ProjectIndexPage, lang="en") + "trinkbrunnen-am-marktplatz/"
    assert client.get(english.url).status_code == 200


@pytest.mark.parametrize(("factory", "index"), [(NewsPageFactory, NewsIndexPage), (EventPageFactory, EventIndexPage)])
def test_news_and_events_are_live_under_their_index_and_a_draft_is_not(client, demo, factory, index):
    page = factory(title="Pflanzaktion im Luisenpark")
    assert page.url == demo_url(index) + "pflanzaktion-im-luisenpark/"
    assert "Pflanzaktion im Luisenpark" in client.get(page.url).content.decode()

    draft = factory(draft=True)
    assert not draft.live and draft.live_revision is None
    assert client.get(demo_url(index) + draft.slug + "/").status_code == 404
