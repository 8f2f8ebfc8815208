"""The staff roles again, for the Connect pillar: the secretariat names organisations' representatives,
sees and revokes their invitations, searches countries in the committee admin and reads the activity
reports' forewords; the outreach editor writes those forewords; the database editor keeps the funding
schemes; the administrator again holds every permission of the portal's apps (the invitations' and the
news' committees' history among them).

Each migration that changes the roles holds the complete lists as they stand when it is written (copied
from members/roles.py, not imported) and sets the groups to them; tests/members/test_roles.py runs the
latest one again and checks the groups match members/roles.py.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CRUD = ("view", "add", "change", "delete")
PROJECT_APPS = ("consortium", "members", "experts", "projects", "heritage", "events", "reports")


def _crud(app_label, *model_names):
    return [f"{app_label}.{action}_{name}" for name in model_names for action in CRUD]


ROLE_PERMISSIONS = {
    "Secretariat": [
        "members.view_user",
        "members.change_user",
        "members.view_membership",
        "members.add_membership",
        "members.change_membership",
        "members.view_organization",
        "members.change_organization",
        "members.view_invitation",
        "members.change_invitation",
        *_crud("members", "committee", "committeeseat", "committeerequest", "meeting", "meetingfile"),
        *_crud("members", "newsissue"),
        "members.view_newsdelivery",
        "consortium.view_country",
        "events.view_activityforeword",
    ],
    "Database editor": [
        *_crud("experts", "expert", "specialty"),
        *_crud("projects", "cooperationproject", "funder", "fundingscheme", "participation", "projectdocument"),
        *_crud("heritage", "heritagesite", "threat", "dangerperiod"),
        *_crud("members", "organization"),
        *_crud("reports", "report", "reportfile"),
        "consortium.view_country",
        "consortium.view_language",
    ],
    "Outreach editor": [
        *_crud("events", "event", "registration", "speaker", "material", "newsarticle", "newsattachment", "page"),
        *_crud("events", "activityforeword"),
        *_crud("consortium", "countryprofile"),
        "consortium.view_country",
        "members.view_organization",
    ],
}


def create_roles(apps, schema_editor):
    alias = schema_editor.connection.alias
    # Permissions are otherwise made after the whole migrate run (post_migrate): make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, using=alias, apps=apps)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permission_names in ROLE_PERMISSIONS.items():
        wanted = {tuple(permission_name.split(".")) for permission_name in permission_names}
        permissions = [
            permission
            for permission in Permission.objects.using(alias)
            .filter(codename__in={codename for _, codename in wanted})
            .select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]
        if len(permissions) != len(wanted):
            found = {(permission.content_type.app_label, permission.codename) for permission in permissions}
            raise LookupError(f"{name}: no such permission {sorted(wanted - found)}")
        group, _ = Group.objects.using(alias).get_or_create(name=name)
        group.permissions.set(permissions)
    group, _ = Group.objects.using(alias).get_or_create(name="Administrator")
    group.permissions.set(Permission.objects.using(alias).filter(content_type__app_label__in=PROJECT_APPS))


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0016_organisation_representatives"),
        ("events", "0009_reserve_the_activities_address"),
        ("projects", "0013_real_funding_schemes"),
    ]

    operations = [
        # Reversing leaves the groups: they may hold staff members by then.
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
