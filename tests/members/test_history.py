"""History of the e-mail news and of users' staff flags: recorded, shown to staff, revertible by the right people."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from members import newsletter
from members.models import Membership, NewsIssue, User
from tests.admin_checks import change_form_data, sign_in_to_admin
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(db):
    return NewsIssue.objects.create(
        subject_ja="会員ニュース 第1号", subject_en="Members' news No. 1", body_ja="本文", body_en="The news."
    )


def test_editing_a_news_issue_in_the_admin_records_the_change(staff_client, staff, issue):
    url = reverse("admin:members_newsissue_change", args=[issue.pk])
    data = change_form_data(staff_client.get(url))
    data["subject_en"] = "Members' news No. 1 (corrected)"
    assert staff_client.post(url, data).status_code == 302
    latest = issue.history.latest()
    assert (latest.subject_en, latest.history_user) == ("Members' news No. 1 (corrected)", staff)
    assert staff_client.get(reverse("admin:members_newsissue_history", args=[issue.pk])).status_code == 200


def test_a_queued_news_issue_cannot_be_reverted_to_its_draft(staff_client, issue):
    issue.subject_en = "Changed"
    issue.save()
    newsletter.queue(issue)
    url = reverse("admin:members_newsissue_simple_history", args=[issue.pk, issue.history.earliest().history_id])
    data = change_form_data(staff_client.get(url))
    assert staff_client.post(url, data).status_code == 403
    issue.refresh_from_db()
    assert (issue.status, issue.subject_en) == (NewsIssue.Status.QUEUED, "Changed")


def test_granting_staff_status_in_the_admin_records_it_without_the_password(staff_client, staff, member):
    group = Group.objects.create(name="Editors")
    url = reverse("admin:members_user_change", args=[member.pk])
    data = change_form_data(staff_client.get(url))
    data.update(is_staff="on", groups=[group.pk])
    assert staff_client.post(url, data).status_code == 302
    latest = member.history.latest()
    assert (latest.is_staff, latest.history_user) == (True, staff)
    assert [entry.group for entry in latest.groups.all()] == [group]
    assert not hasattr(latest, "password")
    assert "password" not in {field.name for field in User.history.model._meta.get_fields()}
    page = staff_client.get(reverse("admin:members_user_history", args=[member.pk]))
    assert page.status_code == 200


def test_signing_in_leaves_no_entry_in_a_users_history(client, member):
    before = member.history.count()
    assert client.login(email=member.email, password="correct horse battery staple")
    assert User.objects.get(pk=member.pk).last_login is not None
    assert member.history.count() == before


def test_a_superuser_reverts_a_users_staff_status(staff_client, member):
    member.is_staff = True
    member.save()
    url = reverse("admin:members_user_simple_history", args=[member.pk, member.history.earliest().history_id])
    response = staff_client.get(url)
    assert response.status_code == 200
    assert staff_client.post(url, change_form_data(response)).status_code == 302
    assert not User.objects.get(pk=member.pk).is_staff


def test_staff_without_superuser_status_cannot_revert_a_user_to_an_earlier_version(client, staff_client, member):
    member.is_superuser = True
    member.save()
    member.is_superuser = False
    member.save()
    url = reverse("admin:members_user_simple_history", args=[member.pk, member.history.all()[1].history_id])
    data = change_form_data(staff_client.get(url))
    clerk = make_user("clerk@example.org", is_staff=True)
    clerk.user_permissions.set(Permission.objects.filter(codename__in=["view_user", "change_user"]))
    sign_in_to_admin(client, clerk)
    assert client.post(url, data).status_code == 403
    assert not User.objects.get(pk=member.pk).is_superuser


def test_staff_who_may_only_view_memberships_cannot_revert_a_suspension(client, staff_client, member):
    membership = member.membership
    membership.status = Membership.Status.SUSPENDED
    membership.save()
    url = reverse(
        "admin:members_membership_simple_history", args=[membership.pk, membership.history.earliest().history_id]
    )
    data = change_form_data(staff_client.get(url))
    viewer = make_user("viewer@example.org", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_membership"))
    sign_in_to_admin(client, viewer)
    assert client.post(url, data).status_code == 403
    membership.refresh_from_db()
    assert membership.status == Membership.Status.SUSPENDED
