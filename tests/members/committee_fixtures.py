"""A working group with a chair, a seated member, and a meeting for each audience with a file."""

from datetime import date

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile

from consortium.models import Country, Region
from members.models import Committee, CommitteeSeat, Meeting, MeetingFile, Membership
from tests.conftest import make_user


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def committee(db):
    committee = Committee.objects.create(
        code="test-rock-art",
        kind=Committee.Kind.WORKING_GROUP,
        name_ja="岩絵作業部会",
        name_en="Rock art working group",
        region=Region.objects.get(scheme=Region.Scheme.SUBCOMMITTEE, code="oceania"),
        description_ja="岩絵の保存について議論します。",
    )
    committee.countries.add(Country.objects.get(code="MN"))
    return committee


@pytest.fixture
def chair(committee):
    user = make_user("chair@example.org", status=Membership.Status.ACTIVE, first_name="Akiko", last_name="Hashimoto")
    CommitteeSeat.objects.create(committee=committee, user=user, role=CommitteeSeat.Role.CHAIR)
    return user


@pytest.fixture
def committee_member(committee, chair):
    user = make_user("seated@example.org", status=Membership.Status.ACTIVE, first_name="Osamu", last_name="Abe")
    CommitteeSeat.objects.create(committee=committee, user=user)
    return user


def staff_user(email, *permissions, second_factor=True):
    user = make_user(email, is_staff=True)
    user.user_permissions.set(
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in (p.split(".") for p in permissions)
    )
    if second_factor:
        TOTP.activate(user, generate_totp_secret())
    return user


@pytest.fixture
def staff_without_permission(db):
    """Staff past the second factor who may not view meetings or seats: they see what a member sees."""
    return staff_user("no-meetings@example.org")


@pytest.fixture
def staff_with_permission_without_second_factor(db):
    return staff_user("half@example.org", "members.view_meeting", "members.view_committeeseat", second_factor=False)


def meeting_for(committee, audience, held_on="2026-05-12"):
    meeting = Meeting.objects.create(
        committee=committee,
        held_on=date.fromisoformat(held_on),
        audience=audience,
        title_en=f"Meeting for {audience}",
        agenda_en=f"AGENDA-{audience.upper()}",
        minutes_ja=f"議事録-{audience}",
    )
    MeetingFile.objects.create(
        meeting=meeting, title_en=f"Paper for {audience}", file=ContentFile(b"%PDF-1.4 paper", name="paper.pdf")
    )
    return meeting


@pytest.fixture
def meetings(committee, media_root):
    """{audience: meeting} of the committee, one for each audience."""
    return {audience: meeting_for(committee, audience) for audience in Meeting.Audience.values}
