"""Members' requests to join or leave a committee, the staff's decisions in the admin, the member's page,
and the migration that turned the old sign-up choices into requests."""

import importlib
from io import StringIO

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from members.models import CommitteeRequest, CommitteeSeat, Membership
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
PENDING = CommitteeRequest.Status.PENDING


def url(name, committee):
    return reverse(f"committees:{name}", kwargs={"code": committee.code})


def test_a_member_asks_to_join_with_a_message(client, member, committee):
    client.force_login(member)

    response = client.post(url("join", committee), {"message": "I work on rock art in Mongolia."})

    assert response.status_code == 302
    request = CommitteeRequest.objects.get(user=member, committee=committee)
    assert (request.action, request.status, request.message) == ("join", PENDING, "I work on rock art in Mongolia.")
    assert (
        "waiting for the secretariat" in client.get(url("detail", committee).replace("/ja/", "/en/")).content.decode()
    )


def test_asking_twice_adds_nothing(client, member, committee):
    client.force_login(member)
    client.post(url("join", committee))
    client.post(url("join", committee), {"message": "again"})
    assert CommitteeRequest.objects.filter(user=member, committee=committee).count() == 1


def test_a_member_withdraws_a_waiting_request(client, member, committee):
    client.force_login(member)
    client.post(url("join", committee))

    client.post(url("withdraw_request", committee))

    assert CommitteeRequest.objects.get(user=member).status == CommitteeRequest.Status.WITHDRAWN
    client.post(url("join", committee))  # and may ask again
    assert CommitteeRequest.objects.filter(user=member, status=PENDING).count() == 1


def test_a_committee_member_asks_to_leave_and_a_member_cannot_leave_what_they_are_not_on(
    client, member, committee_member, committee
):
    client.force_login(committee_member)
    client.post(url("leave", committee))
    assert CommitteeRequest.objects.get(user=committee_member).action == "leave"
    client.post(url("join", committee))  # already on it: nothing to join
    assert CommitteeRequest.objects.filter(user=committee_member).count() == 1

    client.force_login(member)
    client.post(url("leave", committee))
    assert not CommitteeRequest.objects.filter(user=member).exists()


@pytest.mark.parametrize(
    "who, status", [("anonymous", 302), ("applicant", 403), ("suspended_member", 403), ("staff", 403)]
)
def test_only_active_members_may_ask(request, client, who, status, committee):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for name in ("join", "leave", "withdraw_request"):
        assert client.post(url(name, committee)).status_code == status, name
    assert not CommitteeRequest.objects.exists()


def test_the_requests_are_post_only(client, member, committee):
    client.force_login(member)
    assert client.get(url("join", committee)).status_code == 405


def decide(staff_client, requests, action):
    changelist = reverse("admin:members_committeerequest_changelist")
    return staff_client.post(changelist, {"action": action, "_selected_action": [r.pk for r in requests]})


def test_accepting_a_join_seats_the_member_and_records_who_decided(staff_client, staff, member, committee):
    join = CommitteeRequest.objects.create(user=member, committee=committee, action="join")

    decide(staff_client, [join], "accept_selected")

    join.refresh_from_db()
    assert join.status == CommitteeRequest.Status.ACCEPTED
    assert join.decided_by == staff and join.decided_at is not None
    assert CommitteeSeat.objects.filter(user=member, committee=committee).exists()


def test_accepting_a_leave_removes_the_seat(staff_client, committee_member, committee):
    leave = CommitteeRequest.objects.create(user=committee_member, committee=committee, action="leave")
    decide(staff_client, [leave], "accept_selected")
    assert not CommitteeSeat.objects.filter(user=committee_member, committee=committee).exists()


def test_declining_changes_no_seat_and_a_decided_request_stays_decided(staff_client, member, committee):
    join = CommitteeRequest.objects.create(user=member, committee=committee, action="join")
    decide(staff_client, [join], "decline_selected")
    decide(staff_client, [join], "accept_selected")
    join.refresh_from_db()
    assert join.status == CommitteeRequest.Status.DECLINED
    assert not CommitteeSeat.objects.filter(user=member).exists()


def test_staff_who_may_only_view_requests_cannot_decide_them(client, member, committee):
    from tests.admin_checks import sign_in_to_admin
    from tests.members.committee_helpers import staff_user

    viewer = staff_user("viewer@example.org", "members.view_committeerequest")
    client = sign_in_to_admin(client, viewer)
    join = CommitteeRequest.objects.create(user=member, committee=committee, action="join")
    decide(client, [join], "accept_selected")
    join.refresh_from_db()
    assert join.status == PENDING


def test_the_admin_pages_open(staff_client, committee_member, committee):
    from members.models import Meeting

    meeting = Meeting.objects.create(committee=committee, held_on="2026-01-10")
    CommitteeRequest.objects.create(user=committee_member, committee=committee, action="leave")
    for name, args in [
        ("admin:members_committee_change", [committee.pk]),
        ("admin:members_committeerequest_changelist", []),
        ("admin:members_meeting_change", [meeting.pk]),
        ("admin:members_meeting_add", []),
    ]:
        assert staff_client.get(reverse(name, args=args)).status_code == 200, name


def test_the_member_s_page_lists_their_committees_and_waiting_requests(client, committee_member, committee):
    from members.models import Committee

    other = Committee.objects.get(code="europe")
    CommitteeRequest.objects.create(user=committee_member, committee=other, action="join")
    client.force_login(committee_member)

    content = client.get("/en/members/").content.decode()

    assert committee.get_absolute_url().replace("/ja/", "/en/") in content
    assert "To join the Europe Sub-Committee" in content


def test_the_migration_turns_active_members_and_applicants_choices_into_requests(committee):
    migration = importlib.import_module("members.migrations.0014_committee_seats_from_memberships")
    state_apps = MigrationExecutor(connection).loader.project_state(("members", "0013_committee_roles")).apps
    through = state_apps.get_model("members", "Membership").subcommittees.through
    with connection.schema_editor() as editor:
        editor.create_model(through)  # dropped by the migration; gone again when the test's transaction ends
    active = make_user("active@example.org", status=Membership.Status.ACTIVE)
    applicant = make_user("applying@example.org", status=Membership.Status.APPLIED)
    withdrawn = make_user("gone@example.org", status=Membership.Status.WITHDRAWN)
    for user in (active, applicant, withdrawn):
        through.objects.create(membership_id=user.membership.pk, committee_id=committee.pk)
    CommitteeRequest.objects.create(user=applicant, committee=committee, action="join", message="already asked")

    with connection.schema_editor() as editor:
        migration.requests_from_choices(state_apps, editor)

    requests = CommitteeRequest.objects.filter(committee=committee, status=PENDING, action="join")
    assert sorted(requests.values_list("user__email", flat=True)) == ["active@example.org", "applying@example.org"]
    assert requests.get(user=applicant).message == "already asked"


def test_demo_seeding_gives_every_committee_a_chair_and_a_year_of_meetings_and_runs_again_without_copies(
    settings, tmp_path
):
    import random

    from members import demo_committees
    from members.models import Committee, Meeting, MeetingFile

    settings.MEDIA_ROOT = tmp_path / "media"

    def counts():
        return (CommitteeSeat.objects.count(), Meeting.objects.count(), MeetingFile.objects.count())

    demo_committees.seed(random.Random(1), StringIO())
    first = counts()
    demo_committees.seed(random.Random(1), StringIO())

    assert counts() == first
    for seeded in Committee.objects.filter(code__in=demo_committees.COMMITTEE_CODES):
        assert seeded.seats.filter(role=CommitteeSeat.Role.CHAIR).count() == 1, seeded.code
        meetings = seeded.meetings.all()
        assert len(meetings) == len(demo_committees.MEETINGS)
        assert all(m.agenda_ja and m.agenda_en for m in meetings)
        assert all(bool(m.minutes_ja) == bool(m.minutes_en) for m in meetings)
    assert Meeting.objects.filter(kind=Meeting.Kind.GENERAL).count() == len(demo_committees.GENERAL_MEETINGS)
    seated = users_on_committees()
    assert all(user.membership.status == Membership.Status.ACTIVE for user in seated)


def users_on_committees():
    from members.models import User

    return User.objects.filter(committee_seats__isnull=False).distinct().select_related("membership")


def test_another_seed_gives_another_roster_not_a_longer_one(settings, tmp_path):
    import random

    from members import demo_committees

    settings.MEDIA_ROOT = tmp_path / "media"
    demo_committees.seed(random.Random(1), StringIO())
    demo_committees.seed(random.Random(2), StringIO())
    per_committee = CommitteeSeat.objects.filter(committee__code="europe").count()
    assert per_committee == demo_committees.SEATS_PER_COMMITTEE


def test_the_demo_committee_account_sits_on_its_committee(settings):
    from consortium.demo.accounts import ensure_demo_accounts

    ensure_demo_accounts()
    seat = CommitteeSeat.objects.get(user__email="demo-committee@example.org")
    assert seat.committee.code == "southeast-south-asia"
