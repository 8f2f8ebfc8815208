"""The secretariat keeps the committees: their rosters, requests, meetings and papers.
The administrator again holds every permission of the portal's apps, the new models' included."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CRUD = ("view", "add", "change", "delete")
COMMITTEE_MODELS = ("committee", "committeeseat", "committeerequest", "meeting", "meetingfile")
PROJECT_APPS = ("consortium", "members", "experts", "projects", "heritage", "events", "reports")


def grant(apps, schema_editor):
    alias = schema_editor.connection.alias
    # Permissions are otherwise made after the whole migrate run (post_migrate): make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=alias, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    secretariat = Group.objects.using(alias).filter(name="Secretariat").first()
    if secretariat is not None:
        codenames = [f"{action}_{model}" for model in COMMITTEE_MODELS for action in CRUD]
        secretariat.permissions.add(
            *Permission.objects.using(alias).filter(content_type__app_label="members", codename__in=codenames)
        )
    administrator = Group.objects.using(alias).filter(name="Administrator").first()
    if administrator is not None:
        administrator.permissions.set(
            Permission.objects.using(alias).filter(content_type__app_label__in=PROJECT_APPS)
        )


class Migration(migrations.Migration):
    dependencies = [("members", "0012_committees_rosters_meetings")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
