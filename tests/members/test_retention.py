"""The retention command removes exactly what is due: public registrants' details a set time after their event,
former members' accounts a set time after they left, records of access after theirs; at the boundary, due."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from consortium.models import DataExport
from events.models import EventMailDelivery, EventMessage, PendingRegistration, Registration, RegistrationAnswer
from experts.models import ContactView
from members import retention
from members.models import Membership, User
from tests.conftest import make_user
from tests.events.conftest import make_event, make_registration
from tests.members.personal_data_helpers import answer, registration_questions

NOW = timezone.now().replace(microsecond=0)
SECOND = timedelta(seconds=1)


@pytest.fixture(autouse=True)
def periods(settings):
    settings.RETENTION_REGISTRANT_DAYS = 365
    settings.RETENTION_FORMER_MEMBER_DAYS = 200
    settings.RETENTION_ACCESS_LOG_DAYS = 1000


def event_ended(ago):
    ends = NOW - ago
    return make_event(starts_at=ends - timedelta(hours=3), ends_at=ends)


def test_public_registrants_details_go_a_set_time_after_the_event(db):
    due = make_registration(event_ended(timedelta(days=365)), name="Due Person", affiliation="Museum")
    kept = make_registration(event_ended(timedelta(days=365) - SECOND), name="Kept Person")
    member = make_user("registered.member@example.org")
    members_own = make_registration(event_ended(timedelta(days=900)), user=member, name="Member Person")

    assert retention.apply(NOW).registrations == 1

    due.refresh_from_db()
    assert (due.name, due.affiliation, due.email) == ("", "", f"registration-{due.pk}@removed.invalid")
    assert due.personal_data_removed_at == NOW
    assert due.status == Registration.Status.CONFIRMED  # still counted
    assert Registration.objects.get(pk=kept.pk).name == "Kept Person"
    assert Registration.objects.get(pk=members_own.pk).name == "Member Person"
    # Done once: a second run finds nothing more.
    assert retention.apply(NOW).registrations == 0


def test_answers_in_the_registrants_own_words_and_the_events_emails_go_with_their_details(db):
    def registered(event, name):
        registration = make_registration(event, name=name, email=f"{name.lower()}@example.org")
        answer(registration, *registration_questions(event), needs=f"{name} needs a wheelchair space")
        message = EventMessage.objects.create(event=event, subject_en="Programme", body_en="Attached.")
        EventMailDelivery.objects.create(
            message=message, registration=registration, name=name, email=registration.email, language="en"
        )
        return registration

    due = registered(event_ended(timedelta(days=365)), "Due")
    kept = registered(event_ended(timedelta(days=365) - SECOND), "Kept")

    assert retention.apply(NOW).registrations == 1

    # The choice among options stays with the anonymous registration, as the event's figures.
    assert list(RegistrationAnswer.objects.filter(registration=due).values_list("value", flat=True)) == ["online"]
    delivery = EventMailDelivery.objects.get(registration=due)
    assert (delivery.name, delivery.email) == ("", f"registration-{due.pk}@removed.invalid")
    assert sorted(RegistrationAnswer.objects.filter(registration=kept).values_list("value", flat=True)) == [
        "Kept needs a wheelchair space",
        "online",
    ]
    assert EventMailDelivery.objects.get(registration=kept).email == "kept@example.org"


def test_requests_never_confirmed_go_when_their_link_expires(db):
    event = make_event()
    expired = PendingRegistration.objects.issue(event, name="A", email="a@example.org", affiliation="", language="en")
    fresh = PendingRegistration.objects.issue(event, name="B", email="b@example.org", affiliation="", language="en")
    PendingRegistration.objects.filter(email="a@example.org").update(created_at=NOW - timedelta(days=3, seconds=1))
    assert expired and fresh
    assert retention.apply(NOW).pending_requests == 1
    assert list(PendingRegistration.objects.values_list("email", flat=True)) == ["b@example.org"]


def former_member(email, *, left_ago, status=Membership.Status.WITHDRAWN, last_login_ago=None, **fields):
    user = make_user(email, status=status, first_name="Former", **fields)
    Membership.objects.filter(user=user).update(decided_at=NOW - left_ago)
    if last_login_ago is not None:
        User.objects.filter(pk=user.pk).update(last_login=NOW - last_login_ago)
    return user


def test_former_members_accounts_close_a_set_time_after_they_left(db):
    due = former_member("due@example.org", left_ago=timedelta(days=200))
    refused = former_member("refused@example.org", left_ago=timedelta(days=300), status=Membership.Status.REJECTED)
    recent = former_member("recent@example.org", left_ago=timedelta(days=200) - SECOND)
    signed_in_since = former_member(
        "back@example.org", left_ago=timedelta(days=400), last_login_ago=timedelta(days=10)
    )
    long_ago_login = former_member(
        "quiet@example.org", left_ago=timedelta(days=400), last_login_ago=timedelta(days=250)
    )
    active = make_user("active@example.org", status=Membership.Status.ACTIVE)
    staff = former_member("staff.left@example.org", left_ago=timedelta(days=900), is_staff=True)

    assert retention.apply(NOW).former_members == 3

    closed = set(User.objects.filter(closed_at=NOW).values_list("pk", flat=True))
    assert closed == {due.pk, refused.pk, long_ago_login.pk}
    for user in (recent, signed_in_since, active, staff):
        user.refresh_from_db()
        assert (user.closed_at, user.is_active, user.first_name) == (None, True, user.first_name)
        assert user.email.endswith("@example.org")
    due.refresh_from_db()
    assert (due.email, due.first_name, due.is_active) == (f"closed-account-{due.pk}@closed.invalid", "", False)
    assert Membership.objects.get(user=due).status == Membership.Status.WITHDRAWN
    assert mail.outbox == []  # closed by the policy, not by them: nobody is written to


def test_records_of_access_go_a_set_time_after_they_were_made(member):
    def export(ago):
        record = DataExport.objects.create(
            user=member, user_email=member.email, kind="experts", format="csv", language="en", row_count=1
        )
        DataExport.objects.filter(pk=record.pk).update(created_at=NOW - ago)  # auto_now_add: set afterwards
        return record

    def view(ago):
        return ContactView.objects.create(
            viewer=member, viewer_email=member.email, expert_name="X", viewed_at=NOW - ago
        )

    export(timedelta(days=1000))
    kept_export = export(timedelta(days=1000) - SECOND)
    view(timedelta(days=1000))
    kept_view = view(timedelta(days=1000) - SECOND)

    result = retention.apply(NOW)
    assert (result.data_exports, result.contact_views) == (1, 1)
    assert list(DataExport.objects.values_list("pk", flat=True)) == [kept_export.pk]
    assert list(ContactView.objects.values_list("pk", flat=True)) == [kept_view.pk]


def test_the_command_says_what_it_did_and_a_dry_run_changes_nothing(db):
    registration = make_registration(event_ended(timedelta(days=400)), name="Due Person")
    user = former_member("due@example.org", left_ago=timedelta(days=300))

    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert "Would remove the name, address and affiliation of 1 public registration(s)" in out.getvalue()
    assert "Would close 1 account(s) of former members" in out.getvalue()
    assert "Dry run: nothing was changed." in out.getvalue()
    assert Registration.objects.get(pk=registration.pk).name == "Due Person"
    assert User.objects.get(pk=user.pk).closed_at is None

    out = StringIO()
    call_command("apply_retention", stdout=out)
    assert "Removed the name, address and affiliation of 1 public registration(s)" in out.getvalue()
    assert "Closed 1 account(s) of former members" in out.getvalue()
    assert Registration.objects.get(pk=registration.pk).name == ""
    assert User.objects.get(pk=user.pk).closed_at is not None
