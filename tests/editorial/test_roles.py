"""The editorial groups: created by the migration with exactly their permissions, checked through the admin."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page, Site, Workflow, WorkflowPage

from editorial.roles import FREIGABE, GROUPS, MODERATION, NEWSLETTER, REDAKTION, UEBERSETZUNG, WORKFLOW_NAME
from stadtteil.models import SiteTexts

from .conftest import page_form


def model_permissions(group):
    return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")}


def page_permissions(group):
    return {
        (gpp.page.depth, gpp.page.locale.language_code, gpp.permission.codename)
        for gpp in GroupPagePermission.objects.filter(group=group).select_related("page__locale", "permission")
    }


def collection_permissions(group):
    return {
        f"{gcp.permission.content_type.app_label}.{gcp.permission.codename}"
        for gcp in GroupCollectionPermission.objects.filter(group=group, collection__depth=1).select_related(
            "permission__content_type"
        )
    }


IMAGE_DOC_EDIT = {
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
}


def test_groups_have_exactly_their_permissions(demo):
    groups = {g.name: g for g in Group.objects.filter(name__in=GROUPS)}
    assert set(groups) == set(GROUPS)

    assert model_permissions(groups[REDAKTION]) == {
        "wagtailadmin.access_admin",
        "stadtteil.add_sitetexts",
        "stadtteil.change_sitetexts",
    }
    assert {(depth, codename) for depth, _, codename in page_permissions(groups[REDAKTION])} == {
        (1, "add_page"),
        (1, "change_page"),
    }
    assert collection_permissions(groups[REDAKTION]) == IMAGE_DOC_EDIT

    assert model_permissions(groups[FREIGABE]) == {
        "wagtailadmin.access_admin",
        "stadtteil.add_sitetexts",
        "stadtteil.change_sitetexts",
        "stadtteil.change_sitesettings",
        "wagtail_localize.submit_translation",
    }
    assert {(depth, codename) for depth, _, codename in page_permissions(groups[FREIGABE])} == {
        (1, "add_page"),
        (1, "change_page"),
        (1, "publish_page"),
        (1, "lock_page"),
        (1, "unlock_page"),
    }
    assert collection_permissions(groups[FREIGABE]) == IMAGE_DOC_EDIT

    assert model_permissions(groups[UEBERSETZUNG]) == {
        "wagtailadmin.access_admin",
        "wagtail_localize.submit_translation",
        "stadtteil.change_sitetexts",
    }
    # Only on the English home page (and so its subtree), never on the root or the German tree.
    assert page_permissions(groups[UEBERSETZUNG]) == {(2, "en", "change_page"), (2, "en", "publish_page")}
    assert collection_permissions(groups[UEBERSETZUNG]) == {"wagtailimages.choose_image", "wagtaildocs.choose_document"}

    assert model_permissions(groups[MODERATION]) == {
        "wagtailadmin.access_admin",
        "participation.view_contribution",
        "participation.change_contribution",
        "participation.delete_contribution",
    }
    assert model_permissions(groups[NEWSLETTER]) == {
        "wagtailadmin.access_admin",
        "subscriptions.view_subscriber",
        "subscriptions.delete_subscriber",
    }
    for name in (MODERATION, NEWSLETTER):
        assert page_permissions(groups[name]) == set()
        assert collection_permissions(groups[name]) == set()


def test_setup_is_idempotent(demo):
    before = (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        Workflow.objects.count(),
    )
    call_command("setup_editorial_roles", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        Workflow.objects.count(),
    )
    assert before == after


def test_workflow_on_whole_tree_with_freigabe(demo):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    assert workflow.active
    assert WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow == workflow
    tasks = [t.specific for t in workflow.tasks.all()]
    assert len(tasks) == 1
    assert [g.name for g in tasks[0].groups.all()] == [FREIGABE]
    # Every page of both languages is covered.
    assert demo["de_home"].get_workflow() == workflow
    assert demo["en_home"].get_workflow() == workflow


# --- through the admin --------------------------------------------------------------------------------------


def test_redaktion_creates_and_edits_but_cannot_publish(make_user, login, demo, draft_page):
    rita = make_user("rita", REDAKTION)
    client = login(rita)
    home = demo["de_home"]
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:add", args=["home", "standardpage", home.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[draft_page.pk])).status_code == 200
    assert client.get(reverse("wagtailimages:add")).status_code == 200
    assert client.get(reverse("wagtaildocs:add")).status_code == 200

    # "Publish" from an editor without the permission only saves a draft.
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[draft_page.pk]),
        page_form(draft_page, title="Neuer Titel", **{"action-publish": "publish"}),
    )
    assert response.status_code == 302
    draft_page.refresh_from_db()
    assert draft_page.title == "Testseite"
    assert draft_page.has_unpublished_changes
    assert draft_page.get_latest_revision_as_object().title == "Neuer Titel"

    # No publishing, no unpublishing, no users, no settings.
    assert client.get(reverse("wagtailadmin_pages:unpublish", args=[draft_page.pk])).status_code in (302, 403)
    assert client.get(reverse("wagtailusers_users:index")).status_code in (302, 403)
    assert client.get(reverse("wagtailadmin_pages:lock", args=[draft_page.pk])).status_code in (302, 403, 405)
    assert not draft_page.permissions_for_user(rita).can_publish()


def test_redaktion_cannot_edit_site_settings(make_user, login, demo):
    client = login(make_user("rita", REDAKTION))
    response = client.get(settings_url())
    assert response.status_code in (302, 403)


def test_freigabe_publishes_locks_and_unlocks(make_user, login, demo, draft_page):
    client = login(make_user("frida", FREIGABE))
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[draft_page.pk]),
        page_form(draft_page, title="Freigegeben", **{"action-publish": "publish"}),
    )
    assert response.status_code == 302
    draft_page.refresh_from_db()
    assert draft_page.title == "Freigegeben"
    assert draft_page.live and not draft_page.has_unpublished_changes

    assert client.post(reverse("wagtailadmin_pages:lock", args=[draft_page.pk])).status_code == 302
    draft_page.refresh_from_db()
    assert draft_page.locked
    assert client.post(reverse("wagtailadmin_pages:unlock", args=[draft_page.pk])).status_code == 302
    draft_page.refresh_from_db()
    assert not draft_page.locked
    assert client.get(settings_url()).status_code == 200
    assert client.get(reverse("wagtailusers_users:index")).status_code in (302, 403)


def test_uebersetzung_edits_english_translation_only(make_user, login, demo):
    translator = make_user("tom", UEBERSETZUNG)
    client = login(translator)
    de_page = Page.objects.get(locale=demo["de"], slug="ueber-das-projekt")
    en_page = de_page.get_translation(demo["en"])

    # The German source: refused.
    response = client.get(reverse("wagtailadmin_pages:edit", args=[de_page.pk]))
    assert response.status_code in (302, 403)
    assert not de_page.permissions_for_user(translator).can_edit()
    add_url = reverse("wagtailadmin_pages:add", args=["home", "standardpage", demo["de_home"].pk])
    assert client.get(add_url).status_code in (302, 403)

    # The English translation: wagtail-localize's translation editor.
    response = client.get(reverse("wagtailadmin_pages:edit", args=[en_page.pk]))
    assert response.status_code == 200
    assert "wagtail_localize" in response.content.decode() or "w-localize" in response.content.decode()

    # Saving one translated text through the editor's API.
    from wagtail_localize.models import StringSegment, Translation

    translation = Translation.objects.get(source__object_id=de_page.translation_key, target_locale=demo["en"])
    segment = StringSegment.objects.filter(source=translation.source, context__path="title").get()
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk]),
        "value=About+the+project+%28new%29",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    # Publishing the translation from the editor.
    response = client.post(reverse("wagtailadmin_pages:edit", args=[en_page.pk]), {"action": "publish"})
    assert response.status_code == 302
    en_page.refresh_from_db()
    assert en_page.title == "About the project (new)"


def test_uebersetzung_cannot_edit_german_snippet(make_user, login, demo):
    client = login(make_user("tom", UEBERSETZUNG))
    de_texts = SiteTexts.objects.get(locale=demo["de"])
    en_texts = SiteTexts.objects.get(locale=demo["en"])
    response = client.get(reverse("wagtailsnippets_stadtteil_sitetexts:edit", args=[de_texts.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailsnippets_stadtteil_sitetexts:list")
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["Übersetzerinnen und Übersetzer bearbeiten nur die Übersetzungen, nicht das deutsche Original."]
    # Posting the form directly is refused the same way.
    response = client.post(
        reverse("wagtailsnippets_stadtteil_sitetexts:edit", args=[de_texts.pk]),
        {"site_name": "Geändert", "tagline": "", "opening_hours": "", "funding_notice": ""},
    )
    assert response.status_code == 302
    de_texts.refresh_from_db()
    assert de_texts.site_name != "Geändert"
    assert client.get(reverse("wagtailsnippets_stadtteil_sitetexts:edit", args=[en_texts.pk])).status_code == 200


def test_moderation_and_newsletter_reach_their_own_areas_only(make_user, login, demo):
    moderator = login(make_user("moderator", MODERATION))
    assert moderator.get("/admin/participation/contributions/").status_code == 200
    assert moderator.get("/admin/subscribers/").status_code in (302, 403)
    moderator.logout()
    newsletter = login(make_user("newsletter", NEWSLETTER))
    assert newsletter.get("/admin/subscribers/").status_code == 200
    assert newsletter.get("/admin/participation/contributions/").status_code in (302, 403)


@pytest.mark.parametrize("group", [MODERATION, NEWSLETTER])
def test_moderation_and_newsletter_have_admin_access_only(make_user, login, demo, draft_page, group):
    client = login(make_user("mo", group))
    assert client.get(reverse("wagtailadmin_home")).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[draft_page.pk])).status_code in (302, 403)
    assert client.get(reverse("wagtailimages:add")).status_code in (302, 403)
    assert client.get(reverse("wagtaildocs:add")).status_code in (302, 403)
    assert client.get(reverse("wagtailsnippets_stadtteil_sitetexts:list")).status_code in (302, 403)


def test_no_group_no_admin(make_user, login, demo):
    client = login(make_user("nobody"))
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def settings_url():
    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=["stadtteil", "sitesettings", site.pk])


def test_translators_get_rights_on_a_new_translation_home(demo):
    """When a translation locale's home page is (re)published, the translators' rights on it are in place."""
    translators = Group.objects.get(name=UEBERSETZUNG)
    GroupPagePermission.objects.filter(group=translators).delete()
    demo["en_home"].save_revision().publish()
    assert {gpp.permission.codename for gpp in GroupPagePermission.objects.filter(group=translators)} == {
        "change_page",
        "publish_page",
    }
    assert not GroupPagePermission.objects.filter(group=translators, page=demo["de_home"]).exists()


def test_wagtails_default_groups_and_workflow_are_gone(admin_client):
    assert set(Group.objects.values_list("name", flat=True)) == set(GROUPS)
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    body = admin_client.get("/admin/groups/").content.decode()
    assert "Editors" not in body and "Moderators" not in body
    assert REDAKTION in body


def test_members_of_the_old_groups_keep_working_rights(make_user):
    """On an existing installation, members of "Editors"/"Moderators" move to "Redaktion"/"Freigabe"."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("editorial.migrations.0002_remove_wagtail_default_groups")
    editors = Group.objects.create(name="Editors")
    moderators = Group.objects.create(name="Moderators")
    anna, bert = make_user("anna"), make_user("bert")
    anna.groups.add(editors)
    bert.groups.add(moderators)
    migration.forwards(apps, None)
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()
    assert set(anna.groups.values_list("name", flat=True)) == {REDAKTION}
    assert set(bert.groups.values_list("name", flat=True)) == {FREIGABE}
