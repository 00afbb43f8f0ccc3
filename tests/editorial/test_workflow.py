"""The review workflow "Redaktionelle Freigabe": submit, reject, approve, publish; reviewers notified by e-mail."""

from django.core import mail
from django.urls import reverse
from wagtail.models import WorkflowState

from editorial.roles import FREIGABE, REDAKTION
from tests.conftest import staff_login

from .conftest import page_form


def submit(client, page, title):
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        page_form(page, title=title, **{"action-submit": "submit"}),
    )
    assert response.status_code == 302
    return WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)


def workflow_action(client, page, state, action, **data):
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, state.current_task_state.pk])
    return client.post(url, data)


def test_submit_notifies_reviewers_and_approval_publishes(make_user, login, draft_page, client):
    author = make_user("rita", REDAKTION)
    reviewer = make_user("frida", FREIGABE)
    make_user("other", REDAKTION)  # not a reviewer: gets no mail
    mail.outbox.clear()

    state = submit(login(author), draft_page, "Neue Fassung")
    assert state.workflow.name == "Redaktionelle Freigabe"
    assert state.requested_by == author
    draft_page.refresh_from_db()
    assert draft_page.title == "Testseite"  # not live before approval

    recipients = [address for message in mail.outbox for address in message.to]
    assert recipients == [reviewer.email]
    assert "Neue Fassung" in mail.outbox[0].subject + mail.outbox[0].body

    # The author cannot approve their own submission (not in Freigabe).
    response = workflow_action(client, draft_page, state, "approve")
    assert response.status_code in (302, 403)
    draft_page.refresh_from_db()
    assert draft_page.title == "Testseite"

    mail.outbox.clear()
    staff_login(client, reviewer)
    response = workflow_action(client, draft_page, state, "approve")
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    draft_page.refresh_from_db()
    assert draft_page.title == "Neue Fassung"
    assert draft_page.live and not draft_page.has_unpublished_changes
    # The author hears about the approval.
    assert author.email in [address for message in mail.outbox for address in message.to]


def test_reject_sends_back_to_author(make_user, login, draft_page, client):
    author = make_user("rita", REDAKTION)
    reviewer = make_user("frida", FREIGABE)
    state = submit(login(author), draft_page, "Noch nicht fertig")
    mail.outbox.clear()

    staff_login(client, reviewer)
    response = workflow_action(client, draft_page, state, "reject", comment="Bitte die Quelle ergänzen.")
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    draft_page.refresh_from_db()
    assert draft_page.title == "Testseite"
    assert author.email in [address for message in mail.outbox for address in message.to]
    assert "Bitte die Quelle ergänzen." in "".join(message.body for message in mail.outbox)


def test_reviewers_see_the_page_on_their_dashboard(make_user, login, draft_page, client):
    author = make_user("rita", REDAKTION)
    reviewer = make_user("frida", FREIGABE)
    submit(login(author), draft_page, "Zur Prüfung")
    staff_login(client, reviewer)
    response = client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert "Zur Prüfung" in html
    assert "Freigabe durch die Freigabe-Gruppe" in html


def test_comments_are_enabled_in_the_page_editor(make_user, login, draft_page):
    client = login(make_user("rita", REDAKTION))
    response = client.get(reverse("wagtailadmin_pages:edit", args=[draft_page.pk]))
    html = response.content.decode()
    assert 'id="comments-data"' in html
    assert "add-comment-button" in html


def test_approve_and_publish_in_the_editor_says_so(make_user, login, draft_page, client):
    from django.contrib.messages import get_messages

    author = make_user("rita", REDAKTION)
    reviewer = make_user("frida", FREIGABE)
    submit(login(author), draft_page, "Freigegebene Fassung")
    staff_login(client, reviewer)
    data = page_form(
        draft_page,
        title="Freigegebene Fassung",
        **{"action-workflow-action": "true", "workflow-action-name": "approve"},
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[draft_page.pk]), data)
    assert response.status_code == 302
    texts = [str(message) for message in get_messages(response.wsgi_request)]
    # (Before it, the author's "eingereicht" from the same browser session.)
    assert texts[-1] == "Seite „Freigegebene Fassung“ wurde freigegeben und veröffentlicht."
    assert not any("aktualisiert" in text for text in texts)
    draft_page.refresh_from_db()
    assert draft_page.live and draft_page.title == "Freigegebene Fassung"
