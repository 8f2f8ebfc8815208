"""The staff roles: groups made by a migration, and what a staff member in each may see and do."""

import importlib

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from consortium.visibility import Visibility
from experts.models import Expert
from members.models import Organization
from members.roles import (
    ADMINISTRATOR,
    DATABASE_EDITOR,
    OUTREACH_EDITOR,
    PROJECT_APPS,
    ROLE_PERMISSIONS,
    ROLES,
    SECRETARIAT,
    ensure_role_groups,
)
from tests.admin_checks import sign_in_to_admin
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def permissions_of(role):
    group = Group.objects.get(name=role)
    return {
        f"{app_label}.{codename}"
        for app_label, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


def staff_in(client, role):
    user = make_user(f"{role.lower().replace(' ', '-')}@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return sign_in_to_admin(client, user)


@pytest.fixture
def staff_only_expert(db):
    return Expert.objects.create(family_name_en="Staffonlyexpert", visibility=Visibility.STAFF)


def test_the_migration_makes_the_groups_of_the_roles_module():
    for role, permissions in ROLE_PERMISSIONS.items():
        assert permissions_of(role) == set(permissions), role
    every = Permission.objects.filter(content_type__app_label__in=PROJECT_APPS)
    assert permissions_of(ADMINISTRATOR) == {f"{p.content_type.app_label}.{p.codename}" for p in every}


@pytest.mark.parametrize(
    ("role", "holds", "lacks"),
    [
        (
            SECRETARIAT,
            [
                "members.change_membership",
                "members.change_user",
                "members.add_newsissue",
                "members.change_organization",
                "members.change_invitation",
                "members.change_committeeseat",
            ],
            ["members.add_organization", "experts.view_expert", "events.change_newsarticle", "members.delete_user"],
        ),
        (
            DATABASE_EDITOR,
            [
                "experts.view_expert",
                "projects.delete_cooperationproject",
                "heritage.add_heritagesite",
                "members.change_organization",
                "reports.view_report",
                "reports.change_reportfile",
            ],
            ["members.view_membership", "members.add_newsissue", "events.view_event", "consortium.change_country"],
        ),
        (
            OUTREACH_EDITOR,
            [
                "events.change_newsarticle",
                "events.add_event",
                "events.view_registration",
                "events.delete_page",
                "consortium.change_countryprofile",
            ],
            ["experts.view_expert", "reports.view_report", "members.view_membership", "members.change_newsissue"],
        ),
        (
            ADMINISTRATOR,
            [
                "members.change_user",
                "experts.delete_expert",
                "events.change_page",
                "consortium.change_country",
                "members.change_newsissue",
                "reports.view_report",
            ],
            ["auth.change_group", "auth.add_permission"],
        ),
    ],
)
def test_a_role_holds_its_permissions_and_not_others(role, holds, lacks):
    permissions = permissions_of(role)
    assert set(holds) <= permissions
    assert not set(lacks) & permissions


def test_no_role_may_change_groups_or_permissions_and_only_two_may_change_users():
    for role in ROLES:
        permissions = permissions_of(role)
        assert not {p for p in permissions if p.startswith("auth.")}, role
        changes_users = "members.change_user" in permissions
        assert changes_users == (role in (SECRETARIAT, ADMINISTRATOR)), role


def test_setting_up_the_groups_again_resets_their_permissions():
    group = Group.objects.get(name=OUTREACH_EDITOR)
    group.permissions.add(Permission.objects.get(codename="view_expert"))
    Group.objects.get(name=SECRETARIAT).delete()

    ensure_role_groups()

    assert permissions_of(OUTREACH_EDITOR) == set(ROLE_PERMISSIONS[OUTREACH_EDITOR])
    assert permissions_of(SECRETARIAT) == set(ROLE_PERMISSIONS[SECRETARIAT])
    assert Group.objects.filter(name__in=ROLES).count() == len(ROLES)


# The latest migration that sets the roles; each holds the complete lists of its day.
LATEST_ROLES_MIGRATION = "0019_member_services_roles"


def test_running_the_latest_roles_migration_again_resets_the_groups_without_doubling_them():
    migration = importlib.import_module(f"members.migrations.{LATEST_ROLES_MIGRATION}")
    state_apps = MigrationExecutor(connection).loader.project_state(("members", LATEST_ROLES_MIGRATION)).apps
    Group.objects.get(name=SECRETARIAT).permissions.add(Permission.objects.get(codename="delete_user"))

    with connection.schema_editor() as schema_editor:
        migration.create_roles(state_apps, schema_editor)

    assert permissions_of(SECRETARIAT) == set(ROLE_PERMISSIONS[SECRETARIAT])
    assert Group.objects.filter(name__in=ROLES).count() == len(ROLES)


def test_a_database_editor_sees_a_staff_only_expert(client, staff_only_expert):
    client = staff_in(client, DATABASE_EDITOR)
    assert client.get(staff_only_expert.get_absolute_url()).status_code == 200
    page = client.get(reverse("experts:list") + "?q=Staffonlyexpert").content.decode()
    assert staff_only_expert.get_absolute_url() in page


def test_an_outreach_editor_does_not_see_a_staff_only_expert_but_edits_news(client, staff_only_expert):
    client = staff_in(client, OUTREACH_EDITOR)
    assert client.get(staff_only_expert.get_absolute_url()).status_code == 404
    page = client.get(reverse("experts:list") + "?q=Staffonlyexpert").content.decode()
    assert staff_only_expert.get_absolute_url() not in page
    assert client.get(reverse("admin:events_newsarticle_changelist")).status_code == 200


def test_the_secretariat_opens_memberships_but_not_experts_in_the_admin(client):
    client = staff_in(client, SECRETARIAT)
    assert client.get(reverse("admin:members_membership_changelist")).status_code == 200
    assert client.get(reverse("admin:experts_expert_changelist")).status_code == 403


def test_staff_in_no_group_can_neither_export_nor_import(client):
    user = make_user("no-role@example.org", is_staff=True)
    client = sign_in_to_admin(client, user)
    for url in (reverse("admin:experts_expert_export"), reverse("admin:experts_expert_import")):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("admin:experts_expert_export"), {"resource": "0", "format": "0"}).status_code == 403


SEC, DB, OUT, ADM = SECRETARIAT, DATABASE_EDITOR, OUTREACH_EDITOR, ADMINISTRATOR

# The admin pages each role opens; every other role, and staff in no group, get 403.
ADMIN_PAGES = {
    "members_user_changelist": {SEC, ADM},
    "members_membership_changelist": {SEC, ADM},
    "members_membership_add": {SEC, ADM},
    "members_newsissue_changelist": {SEC, ADM},
    "members_newsissue_add": {SEC, ADM},
    "members_organization_changelist": {SEC, DB, OUT, ADM},
    "members_organization_add": {DB, ADM},
    "members_invitation_changelist": {SEC, ADM},
    "members_committee_add": {SEC, ADM},
    "members_meeting_changelist": {SEC, ADM},
    "events_activityforeword_add": {OUT, ADM},
    "experts_expert_changelist": {DB, ADM},
    "experts_expert_add": {DB, ADM},
    "projects_cooperationproject_add": {DB, ADM},
    "heritage_heritagesite_changelist": {DB, ADM},
    "reports_report_add": {DB, ADM},
    "events_newsarticle_add": {OUT, ADM},
    "events_event_add": {OUT, ADM},
    "events_registration_changelist": {OUT, ADM},
    "events_page_changelist": {OUT, ADM},
    "consortium_countryprofile_add": {OUT, ADM},
    "consortium_country_changelist": {SEC, DB, OUT, ADM},
    "auth_group_changelist": set(),
}


@pytest.mark.parametrize("role", [*ROLES, None])
def test_each_role_opens_its_admin_pages_and_no_others(client, role):
    if role is None:
        client = sign_in_to_admin(client, make_user("no-role@example.org", is_staff=True))
    else:
        client = staff_in(client, role)
    answers = {page: client.get(reverse(f"admin:{page}")).status_code for page in ADMIN_PAGES}
    assert answers == {page: 200 if role in roles else 403 for page, roles in ADMIN_PAGES.items()}


def test_only_the_secretariat_names_an_organisations_representative(client):
    organisation = Organization.objects.create(name_en="Institute of Conservation", kind=Organization.Kind.UNIVERSITY)
    url = reverse("admin:members_organization_change", args=[organisation.pk])
    assert 'name="representative"' in staff_in(client, SECRETARIAT).get(url).text
    client.logout()
    page = staff_in(client, DATABASE_EDITOR).get(url).text
    assert 'name="name_en"' in page
    assert 'name="representative"' not in page
