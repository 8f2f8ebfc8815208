"""A sub-committee becomes a committee: the planning committee, the regional sub-committees and working groups
are kinds of one model. The rows, their history and the members' choices are kept."""

from django.db import migrations


def rename_permissions(apps, schema_editor):
    # The content type follows the rename; the permissions' codenames would not, and roles name them.
    Permission = apps.get_model("auth", "Permission")
    for action in ("view", "add", "change", "delete"):
        Permission.objects.filter(content_type__app_label="members", codename=f"{action}_subcommittee").update(
            codename=f"{action}_committee", name=f"Can {action} committee"
        )
        Permission.objects.filter(
            content_type__app_label="members", codename=f"{action}_historicalsubcommittee"
        ).update(codename=f"{action}_historicalcommittee", name=f"Can {action} historical committee")


def restore_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for action in ("view", "add", "change", "delete"):
        Permission.objects.filter(content_type__app_label="members", codename=f"{action}_committee").update(
            codename=f"{action}_subcommittee", name=f"Can {action} sub-committee"
        )
        Permission.objects.filter(
            content_type__app_label="members", codename=f"{action}_historicalcommittee"
        ).update(codename=f"{action}_historicalsubcommittee", name=f"Can {action} historical sub-committee")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("consortium", "0007_country_profile"),
        ("members", "0010_staff_roles"),
    ]

    operations = [
        migrations.RenameModel("SubCommittee", "Committee"),
        migrations.RenameModel("HistoricalSubCommittee", "HistoricalCommittee"),
        migrations.RunPython(rename_permissions, restore_permissions),
    ]
