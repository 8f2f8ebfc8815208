"""Staff decisions: the approval module, the admin's actions and decision page, and their e-mails."""

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from members import approval
from members.access import Level, access_level
from members.models import Membership, Organization, User
from tests.admin_checks import assert_flat_queries, sign_in_to_admin
from tests.conftest import make_user


@pytest.fixture
def admin_client(client, staff):
    client.force_login(staff)
    return client


@pytest.mark.parametrize("decision", [approval.APPROVE, approval.REJECT])
@pytest.mark.parametrize("language", ["ja", "en"])
def test_decision_is_e_mailed_in_the_members_language(
    django_capture_on_commit_callbacks, applicant, staff, language, decision
):
    applicant.language = language
    applicant.save()
    with translation.override("en" if language == "ja" else "ja"), django_capture_on_commit_callbacks(execute=True):
        assert approval.decide(applicant.membership, decision, by=staff, note="Welcome / ようこそ")
    (message,) = mail.outbox
    assert message.to == [applicant.email]
    assert "Welcome / ようこそ" in message.body
    # The date of the decision, written the way the member's language writes dates.
    decided_at = timezone.localtime(Membership.objects.get(user=applicant).decided_at)
    with translation.override(language):
        expected_date = date_format(decided_at, "DATE_FORMAT")
    assert expected_date in message.body
    assert ("年" in message.body) == (language == "ja")


def test_approval_activates_and_records_who_and_when(django_capture_on_commit_callbacks, applicant, staff):
    with django_capture_on_commit_callbacks(execute=True):
        approval.decide(applicant.membership, approval.APPROVE, by=staff)
    membership = Membership.objects.get(user=applicant)
    assert membership.status == Membership.Status.ACTIVE
    assert membership.decided_by == staff
    assert membership.decided_at is not None
    assert membership.history.first().history_user == staff
    assert access_level(User.objects.get(pk=applicant.pk)) == Level.MEMBER


def test_a_decision_that_does_not_apply_changes_nothing(member, staff):
    assert not approval.decide(member.membership, approval.REJECT, by=staff)
    assert Membership.objects.get(user=member).status == Membership.Status.ACTIVE
    assert mail.outbox == []


def test_admin_action_asks_for_a_message_then_approves(admin_client, applicant, django_capture_on_commit_callbacks):
    changelist = reverse("admin:members_membership_changelist")
    data = {"action": "approve_selected", "_selected_action": [applicant.membership.pk]}
    confirm = admin_client.post(changelist, data)
    assert confirm.status_code == 200
    assert Membership.objects.get(pk=applicant.membership.pk).status == Membership.Status.APPLIED

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(changelist, {**data, "confirm": "1", "note": "Welcome aboard."})
    assert response.status_code == 302
    membership = Membership.objects.get(pk=applicant.membership.pk)
    assert membership.status == Membership.Status.ACTIVE
    assert membership.decision_note == "Welcome aboard."
    assert "Welcome aboard." in mail.outbox[0].body
    assert f"{settings.PORTAL_URL}/ja/members/" in mail.outbox[0].body


def test_one_by_one_rejection_from_the_change_form(admin_client, applicant, django_capture_on_commit_callbacks):
    change = reverse("admin:members_membership_change", args=[applicant.membership.pk])
    decide = reverse("admin:members_membership_decide", args=[applicant.membership.pk, "reject"])
    assert decide in admin_client.get(change).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(decide, {"confirm": "1", "note": ""})
    assert response["Location"] == change
    assert Membership.objects.get(pk=applicant.membership.pk).status == Membership.Status.REJECTED
    assert len(mail.outbox) == 1


def test_membership_changelist_lists_applications(admin_client, applicant, member):
    response = admin_client.get(reverse("admin:members_membership_changelist"), {"status__exact": "applied"})
    assert response.status_code == 200
    assert str(applicant) in response.content.decode()
    assert str(member) not in response.content.decode()


def test_membership_changelist_runs_a_fixed_number_of_queries(client, staff, applicant):
    sign_in_to_admin(client, staff)
    organisation = Organization.objects.create(name_en="Nara Institute", kind="research_institute")

    def add_rows():
        for number in range(5):
            user = make_user(f"applicant{number}@example.org", status=Membership.Status.APPLIED)
            Membership.objects.filter(user=user).update(organization=organisation)
            EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)

    assert_flat_queries(client, reverse("admin:members_membership_changelist"), add_rows, most=12)
