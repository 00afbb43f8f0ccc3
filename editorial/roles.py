"""The editorial roles (groups and their permissions) and the review workflow.

`apply_roles` and `ensure_workflow` are idempotent and work with the historical models of a migration as well as
with the live app registry: the data migration creates everything once, a post_migrate handler tops up permissions
of apps that are migrated later (so permissions listed here for apps still being built are granted as soon as the
app exists), and `manage.py setup_editorial_roles` runs both by hand.

Permissions are only ever added, never removed: what an administrator grants by hand in the admin survives a deploy.
"""

from django.apps import apps as global_apps
from django.conf import settings

REDAKTION = "Redaktion"
FREIGABE = "Freigabe"
UEBERSETZUNG = "Übersetzung"
MODERATION = "Beteiligung-Moderation"
NEWSLETTER = "Newsletter-Verwaltung"
GROUPS = [REDAKTION, FREIGABE, UEBERSETZUNG, MODERATION, NEWSLETTER]

WORKFLOW_NAME = "Redaktionelle Freigabe"
TASK_NAME = "Freigabe durch die Freigabe-Gruppe"

ADMIN_ACCESS = "wagtailadmin.access_admin"
SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"

# Model permissions per group, "app_label.codename". A permission whose app or model does not exist (yet) is
# skipped: this is the hook for the apps built in parallel. When participation/subscriptions land, add e.g.
# "participation.view_contribution", "participation.change_contribution" to MODERATION and
# "subscriptions.view_subscriber" to NEWSLETTER here; the next `migrate` grants them.
MODEL_PERMISSIONS = {
    REDAKTION: [ADMIN_ACCESS, "stadtteil.add_sitetexts", "stadtteil.change_sitetexts"],
    FREIGABE: [
        ADMIN_ACCESS,
        "stadtteil.add_sitetexts",
        "stadtteil.change_sitetexts",
        "stadtteil.change_sitesettings",
        SUBMIT_TRANSLATION,
    ],
    # submit_translation: "Translate this page" and wagtail-localize's own "Sync translated pages/snippets".
    # change_sitetexts: wagtail-localize checks the (locale-blind) model permission before showing a snippet's
    # translation editor; the German record is protected by the before_edit_snippet hook in wagtail_hooks.py.
    UEBERSETZUNG: [ADMIN_ACCESS, SUBMIT_TRANSLATION, "stadtteil.change_sitetexts"],
    # Their own admin areas only: contributions (moderate, reply, export) and subscribers (view, export,
    # delete on request); form pages' submissions belong to moderation too.
    MODERATION: [
        ADMIN_ACCESS,
        "participation.view_contribution",
        "participation.change_contribution",
        "participation.delete_contribution",
    ],
    NEWSLETTER: [ADMIN_ACCESS, "subscriptions.view_subscriber", "subscriptions.delete_subscriber"],
}

# Page permissions (GroupPagePermission) on the whole tree (the root page).
TREE_PAGE_PERMISSIONS = {
    REDAKTION: ["add_page", "change_page"],
    FREIGABE: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}

# Page permissions on the home page of each translation locale (English): translators edit translations only,
# never the German source. "change_page" opens wagtail-localize's translation editor (it checks can_edit() on
# the target page); "publish_page" lets them put a finished translation live, because that editor has no
# "submit for review" action, only "Publish in English". The German text was reviewed before.
TRANSLATION_PAGE_PERMISSIONS = {UEBERSETZUNG: ["change_page", "publish_page"]}

# Image and document permissions on the root collection (so on every collection).
COLLECTION_PERMISSIONS = {
    REDAKTION: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    FREIGABE: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    # Translators may swap a picture or document for an English one (overridable segments in the editor).
    UEBERSETZUNG: ["wagtailimages.choose_image", "wagtaildocs.choose_document"],
}


def _permission(apps, dotted):
    app_label, codename = dotted.split(".", 1)
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


def _page_permission(apps, codename):
    return _permission(apps, f"wagtailcore.{codename}")


def apply_roles(apps=global_apps):
    """Create the groups and grant each its permissions (idempotent, add-only)."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in GROUPS}

    for name, dotted_names in MODEL_PERMISSIONS.items():
        permissions = [p for p in (_permission(apps, dotted) for dotted in dotted_names) if p is not None]
        groups[name].permissions.add(*permissions)

    root = Page.objects.filter(depth=1).first()
    if root is not None:
        for name, codenames in TREE_PAGE_PERMISSIONS.items():
            for codename in codenames:
                permission = _page_permission(apps, codename)
                if permission is not None:
                    GroupPagePermission.objects.get_or_create(group=groups[name], page=root, permission=permission)

    translation_homes = Page.objects.filter(depth=2).exclude(locale__language_code=settings.LANGUAGE_CODE)
    for home in translation_homes:
        for name, codenames in TRANSLATION_PAGE_PERMISSIONS.items():
            for codename in codenames:
                permission = _page_permission(apps, codename)
                if permission is not None:
                    GroupPagePermission.objects.get_or_create(group=groups[name], page=home, permission=permission)

    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for name, dotted_names in COLLECTION_PERMISSIONS.items():
            for dotted in dotted_names:
                permission = _permission(apps, dotted)
                if permission is not None:
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[name], collection=root_collection, permission=permission
                    )
    return groups


def ensure_workflow(apps=global_apps):
    """The workflow "Redaktionelle Freigabe": one group approval task for Freigabe, on the whole tree."""
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    freigabe = Group.objects.get_or_create(name=FREIGABE)[0]
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        # Historical models have no custom save(): set the specific content type by hand.
        content_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
        task = GroupApprovalTask.objects.create(name=TASK_NAME, active=True, content_type=content_type)
    task.groups.add(freigabe)
    if not WorkflowTask.objects.filter(workflow=workflow, task=task).exists():
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    root = Page.objects.filter(depth=1).first()
    if root is not None:
        current = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
        if current is None:
            WorkflowPage.objects.create(page=root, workflow=workflow)
        elif current.workflow_id != workflow.pk and current.workflow.name == "Moderators approval":
            # Replace Wagtail's default workflow (its "Moderators" group is not used here) once; a workflow an
            # administrator chose later stays.
            previous = current.workflow
            current.workflow = workflow
            current.save()
            if not WorkflowPage.objects.filter(workflow=previous).exists():
                previous.active = False
                previous.save()
    return workflow


def create_all_permissions(using="default"):
    """Django creates permissions after all migrations; make sure they exist before granting them."""
    from django.contrib.auth.management import create_permissions

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
