"""Staff: the subscriber list (filters, counts, CSV export, no tokens) and the per-page delivery report."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from subscriptions.models import Delivery, Subscriber
from tests.conftest import make_subscriber, staff_login


@pytest.fixture
def subscribers(db):
    return [
        make_subscriber("anna@example.org", "de", ["news"]),
        make_subscriber("ben@example.org", "en", ["events"]),
        make_subscriber("cem@example.org", "de", ["events", "documents"], status=Subscriber.Status.PENDING),
    ]


def test_subscriber_list_with_counts_and_no_tokens(admin_client, subscribers):
    response = admin_client.get("/admin/subscribers/")
    body = response.content.decode()
    assert response.status_code == 200
    for subscriber in subscribers:
        assert subscriber.email in body
        assert subscriber.token not in body
    # The admin speaks the user's language, German by default.
    assert "Insgesamt 3 Abonnent*innen: 2 bestätigt, 1 warten auf Bestätigung." in body


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("status=pending", ["cem@"], ["anna@", "ben@"]),
        ("status=confirmed", ["anna@", "ben@"], ["cem@"]),
        ("language=en", ["ben@"], ["anna@", "cem@"]),
        ("topic=events", ["ben@", "cem@"], ["anna@"]),
        ("topic=events&language=de", ["cem@"], ["anna@", "ben@"]),
    ],
)
def test_subscriber_filters(admin_client, subscribers, query, shown, hidden):
    body = admin_client.get(f"/admin/subscribers/?{query}").content.decode()
    for email in shown:
        assert email in body
    for email in hidden:
        assert email not in body
    assert f"Angezeigt: {len(shown)}." in body


def test_csv_export(admin_client, subscribers):
    response = admin_client.get("/admin/subscribers/?export=csv&status=confirmed")
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert "anna@example.org" in content
    assert "ben@example.org" in content
    assert "cem@example.org" not in content
    assert "Einwilligung erteilt" in content
    assert "http://testserver/de/newsletter/" in content
    for subscriber in subscribers:
        assert subscriber.token not in content


def test_inspect_shows_consent_proof_but_no_token(admin_client, subscribers):
    subscriber = subscribers[0]
    response = admin_client.get(f"/admin/subscribers/inspect/{subscriber.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "http://testserver/de/newsletter/" in body
    assert subscriber.consent_version in body
    assert subscriber.token not in body


def test_staff_cannot_add_or_edit_subscribers(admin_client, subscribers):
    assert admin_client.get("/admin/subscribers/new/").status_code in (302, 403)
    assert admin_client.get(f"/admin/subscribers/edit/{subscribers[0].pk}/").status_code in (302, 403)
    response = admin_client.post(f"/admin/subscribers/delete/{subscribers[0].pk}/")
    assert response.status_code == 302
    assert not Subscriber.objects.filter(pk=subscribers[0].pk).exists()


def test_editors_without_permission_see_nothing(client, subscribers):
    editor = get_user_model().objects.create_user("editor", "editor@example.org", "x" * 16)
    group = Group.objects.get(name="Redaktion")
    editor.groups.add(group)
    staff_login(client, editor)
    assert client.get("/admin/subscribers/").status_code in (302, 403)
    assert client.get("/admin/reports/newsletter/").status_code in (302, 403)
    editor.user_permissions.add(Permission.objects.get(codename="view_subscriber"))
    assert client.get("/admin/subscribers/").status_code == 200


def test_delivery_report(admin_client, demo, subscribers):
    page = demo["de_home"].get_children().live().first()
    Delivery.objects.create(subscriber=subscribers[0], page=page, status=Delivery.Status.SENT)
    Delivery.objects.create(subscriber=subscribers[1], page=page, status=Delivery.Status.FAILED)
    Delivery.objects.create(subscriber=None, page=page, status=Delivery.Status.SENT)
    response = admin_client.get("/admin/reports/newsletter/")
    body = response.content.decode()
    assert response.status_code == 200
    assert page.title in body
    assert "<td>2</td>" in body  # sent
    assert "<td>1</td>" in body  # failed
    export = admin_client.get("/admin/reports/newsletter/?export=csv")
    content = b"".join(export.streaming_content).decode() if export.streaming else export.content.decode()
    assert page.title in content


def test_deleting_a_subscriber_in_the_admin_anonymises_deliveries(admin_client, demo, subscribers):
    page = demo["de_home"].get_children().live().first()
    subscriber = subscribers[0]
    Delivery.objects.create(
        subscriber=subscriber, page=page, status=Delivery.Status.FAILED, last_error=f"550 <{subscriber.email}> unknown"
    )
    admin_client.post(f"/admin/subscribers/delete/{subscriber.pk}/")
    delivery = Delivery.objects.get(page=page)
    assert delivery.subscriber is None
    assert delivery.last_error == ""
    assert delivery.status == Delivery.Status.FAILED
