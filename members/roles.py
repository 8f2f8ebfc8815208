"""The staff roles: a Django group per role and the permissions it holds.

The groups are made by the migrations that set the roles (``members.0010_staff_roles``,
then each one that changed them, the latest ``members.0019_member_services_roles``); each keeps
its own copy of these lists (a migration must not change when this module
does); tests/members/test_roles.py checks that the groups in the database hold
exactly what this module says, so a change here needs a new migration. Group
names are data, in English; the README gives their Japanese labels. Only a
superuser puts a staff member in a group (members/admin.py).
"""

CRUD = ("view", "add", "change", "delete")

# The apps whose permissions the administrator holds, all of them.
PROJECT_APPS = ("consortium", "members", "experts", "projects", "heritage", "events", "reports", "search")


def _crud(app_label, *model_names):
    return [f"{app_label}.{action}_{name}" for name in model_names for action in CRUD]


SECRETARIAT = "Secretariat"
DATABASE_EDITOR = "Database editor"
OUTREACH_EDITOR = "Outreach editor"
ADMINISTRATOR = "Administrator"

# Each role's permissions as "app_label.codename". The view permissions of the
# reference lists (countries, languages, organisations) let the admin's
# autocomplete fields of a role's own models search them.
ROLE_PERMISSIONS = {
    SECRETARIAT: [
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
    DATABASE_EDITOR: [
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
    OUTREACH_EDITOR: [
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

ROLES = (SECRETARIAT, DATABASE_EDITOR, OUTREACH_EDITOR, ADMINISTRATOR)


def role_permissions(permission_model, role):
    """The permissions of ``role``: a queryset of ``permission_model`` (the real or a migration's model)."""
    if role == ADMINISTRATOR:
        return permission_model.objects.filter(content_type__app_label__in=PROJECT_APPS)
    wanted = {tuple(name.split(".")) for name in ROLE_PERMISSIONS[role]}
    permissions = [
        permission
        for permission in permission_model.objects.filter(
            content_type__app_label__in={app_label for app_label, _ in wanted},
            codename__in={codename for _, codename in wanted},
        ).select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    if len(permissions) != len(wanted):
        found = {(permission.content_type.app_label, permission.codename) for permission in permissions}
        raise LookupError(f"{role}: no such permission {sorted(wanted - found)}")
    return permissions


def ensure_role_groups():
    """Create the role groups, or reset their permissions to this module's lists; returns them by name."""
    from django.contrib.auth.models import Group, Permission

    groups = {}
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(role_permissions(Permission, role))
        groups[role] = group
    return groups
