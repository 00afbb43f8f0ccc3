"""Remove Wagtail's default groups "Editors" and "Moderators" and its default workflow "Moderators approval".

The project's roles are the German groups of editorial.roles; the English defaults beside them confused editors.
Members are not left without rights: members of "Editors" join "Redaktion", members of "Moderators" join
"Freigabe" (the roles that do the same work), then the old groups are deleted with their permissions. The old
workflow and its task are deleted when nothing uses them any more, else only disabled (their history stays).
"""

from django.conf import settings
from django.db import migrations

REPLACEMENTS = {"Editors": "Redaktion", "Moderators": "Freigabe"}
DEFAULT_WORKFLOW = "Moderators approval"


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    for old_name, new_name in REPLACEMENTS.items():
        old = Group.objects.filter(name=old_name).first()
        if old is None:
            continue
        new, _ = Group.objects.get_or_create(name=new_name)
        for user in User.objects.filter(groups=old):
            user.groups.add(new)
        old.delete()

    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    Task = apps.get_model("wagtailcore", "Task")
    TaskState = apps.get_model("wagtailcore", "TaskState")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    for workflow in Workflow.objects.filter(name=DEFAULT_WORKFLOW):
        task_ids = list(WorkflowTask.objects.filter(workflow=workflow).values_list("task_id", flat=True))
        in_use = (
            WorkflowPage.objects.filter(workflow=workflow).exists()
            or WorkflowContentType.objects.filter(workflow=workflow).exists()
            or WorkflowState.objects.filter(workflow=workflow).exists()
        )
        if in_use:
            workflow.active = False
            workflow.save()
            continue
        workflow.delete()
        for task in Task.objects.filter(pk__in=task_ids, name=DEFAULT_WORKFLOW):
            if WorkflowTask.objects.filter(task=task).exists() or TaskState.objects.filter(task=task).exists():
                task.active = False
                task.save()
            else:
                task.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0001_editorial_roles_and_workflow"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("auth", "0012_alter_user_first_name_max_length"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
