"""The user admin: only a superuser grants staff status, superuser status or permissions."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from members.models import User
from tests.admin_checks import sign_in_to_admin
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def staff_with(*codenames):
    user = make_user("clerk@example.org", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="members", codename__in=codenames))
    return user


def change_form_data(user, **fields):
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "language": user.language,
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        **fields,
    }


def test_staff_with_change_user_cannot_make_anyone_a_superuser_by_a_crafted_post(client, member):
    clerk = staff_with("view_user", "change_user")
    group = Group.objects.create(name="Editors")
    sign_in_to_admin(client, clerk)
    response = client.post(
        reverse("admin:members_user_change", args=[member.pk]),
        change_form_data(member, first_name="Hanae", is_staff="on", is_superuser="on", groups=[group.pk]),
    )
    assert response.status_code == 302
    saved = User.objects.get(pk=member.pk)
    assert saved.first_name == "Hanae"
    assert (saved.is_staff, saved.is_superuser, list(saved.groups.all())) == (False, False, [])


def test_staff_without_superuser_status_see_permission_fields_read_only(client, member):
    sign_in_to_admin(client, staff_with("view_user", "change_user"))
    form = client.get(reverse("admin:members_user_change", args=[member.pk])).context["adminform"].form
    assert "first_name" in form.fields
    assert not {"is_staff", "is_superuser", "groups", "user_permissions"} & set(form.fields)


def test_staff_without_superuser_status_cannot_change_a_staff_account(client, staff):
    clerk = staff_with("view_user", "change_user")
    sign_in_to_admin(client, clerk)
    for account in (staff, clerk):
        response = client.post(
            reverse("admin:members_user_change", args=[account.pk]),
            change_form_data(account, email="mine@example.org", is_superuser="on"),
        )
        assert response.status_code == 403
    assert client.get(reverse("admin:auth_user_password_change", args=[staff.pk])).status_code == 403
    assert not User.objects.filter(email="mine@example.org").exists()
    assert not User.objects.get(pk=clerk.pk).is_superuser


def test_a_superuser_grants_staff_status(staff_client, member):
    response = staff_client.post(
        reverse("admin:members_user_change", args=[member.pk]), change_form_data(member, is_staff="on")
    )
    assert response.status_code == 302
    assert User.objects.get(pk=member.pk).is_staff
