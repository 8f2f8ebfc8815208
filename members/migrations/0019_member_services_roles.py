"""The staff roles again, for the member services and the events' new work: the outreach editor sets
registration questions and questionnaires, writes to registrants, keeps the check-in desk, the change
notices and the subscribers, reads questionnaire results and certificates; the database editor keeps experts' publications and decides their claims and requests for
records; the secretariat staffs the check-in desk and reads subscribers, digests, claims, saved searches,
consents, certificates and the records of contact-detail views; the administrator again holds every permission of the
portal's apps, the search app's (saved searches) among them.

Each migration that changes the roles holds the complete lists as they stand when it is written (copied
from members/roles.py, not imported) and sets the groups to them; tests/members/test_roles.py runs the
latest one again and checks the groups match members/roles.py.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CRUD = ("view", "add", "change", "delete")
PROJECT_APPS = ("consortium", "members", "experts", "projects", "heritage", "events", "reports", "search")


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
        # The reception desk at events, and enquiries about subscriptions, claims and saved searches.
        "events.add_checkin",
        "events.view_checkin",
        "events.view_subscriber",
        "events.view_digest",
        "experts.view_expertclaim",
        "experts.view_expertrecordrequest",
        "search.view_savedsearch",
        "members.view_consent",
        "experts.view_contactview",
        "events.view_certificate",
    ],
    "Database editor": [
        *_crud("experts", "expert", "specialty", "publication"),
        "experts.view_expertclaim",
        "experts.change_expertclaim",
        "experts.view_expertrecordrequest",
        "experts.change_expertrecordrequest",
        *_crud("projects", "cooperationproject", "funder", "fundingscheme", "participation", "projectdocument"),
        *_crud("heritage", "heritagesite", "threat", "dangerperiod"),
        *_crud("members", "organization"),
        *_crud("reports", "report", "reportfile"),
        "consortium.view_country",
        "consortium.view_language",
    ],
    "Outreach editor": [
        *_crud("events", "event", "registration", "speaker", "material", "newsarticle", "newsattachment", "page"),
        *_crud("events", "activityforeword", "registrationquestion", "eventmessage"),
        *_crud("events", "questionnaire", "questionnairequestion"),
        "events.open_questionnaire",
        "events.view_questionnaireresponse",
        "events.view_questionnaireinvitation",
        "events.view_certificate",
        "events.send_eventmessage",
        "events.view_changenotice",
        "events.delete_changenotice",
        "events.view_eventmaildelivery",
        "events.add_checkin",
        "events.view_checkin",
        "events.delete_checkin",
        "events.view_subscriber",
        "events.change_subscriber",
        "events.delete_subscriber",
        "events.view_subscription",
        "events.delete_subscription",
        "events.view_digest",
        "events.view_digestentry",
        "members.view_consent",
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
        ("members", "0018_consents_and_closed_accounts"),
        ("consortium", "0009_exports_of_questionnaire_answers"),
        ("events", "0017_questionnaires_and_certificates_of_attendance"),
        ("experts", "0015_reading_of_names_without_kanji"),
        ("heritage", "0009_name_readings"),
        ("projects", "0015_title_orders_indexed"),
        ("reports", "0001_reports_and_their_files"),
        ("search", "0003_normalize_translates_only_what_it_must"),
    ]

    operations = [
        # Reversing leaves the groups: they may hold staff members by then.
        migrations.RunPython(create_roles, migrations.RunPython.noop),
    ]
