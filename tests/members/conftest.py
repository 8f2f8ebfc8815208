import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from consortium.models import Country, Region
from experts.models import Expert
from members import invitations
from members.models import Committee, CommitteeSeat, Meeting, Membership, Organization
from tests.conftest import make_user
from tests.members.committee_helpers import meeting_for, staff_user
from tests.members.organisation_helpers import _captured_tokens, organisational_member


def current_totp_code(secret):
    """The code an authenticator app shows now for ``secret``."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


@pytest.fixture
def member_expert(member):
    return Expert.objects.create(
        family_name="鈴木",
        given_name="花子",
        family_name_en="Suzuki",
        given_name_en="Hanako",
        email="hanako.suzuki@example.ac.jp",
        phone="+81 3 1234 5678",
        user=member,
    )


# Committees: a working group with a chair, a seated member, and a meeting for each audience.


@pytest.fixture
def committee_media_root(settings, tmp_path):
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


@pytest.fixture
def staff_without_permission(db):
    """Staff past the second factor who may not view meetings or seats: they see what a member sees."""
    return staff_user("no-meetings@example.org")


@pytest.fixture
def staff_with_permission_without_second_factor(db):
    return staff_user("half@example.org", "members.view_meeting", "members.view_committeeseat", second_factor=False)


@pytest.fixture
def meetings(committee, committee_media_root):
    """{audience: meeting} of the committee, one for each audience."""
    return {audience: meeting_for(committee, audience) for audience in Meeting.Audience.values}


# Member organisations' representatives (tests/members/test_organisation*.py) -----------------------


@pytest.fixture
def organisation(db):
    return Organization.objects.create(
        name_ja="東都大学", name_en="Toto University", kind=Organization.Kind.UNIVERSITY
    )


@pytest.fixture
def representative(organisation):
    user = organisational_member("rep@example.ac.jp", organisation, first_name="Yoko", last_name="Mori")
    organisation.representative = user
    organisation.save(update_fields=["representative"])
    return user


@pytest.fixture
def colleague(organisation):
    return organisational_member("colleague@example.ac.jp", organisation, first_name="Ken", last_name="Abe")


@pytest.fixture
def rep_client(client, representative):
    client.force_login(representative)
    return client


@pytest.fixture
def capture_tokens(monkeypatch):
    """Keep the secret each invitation e-mails (only its digest is stored)."""
    _captured_tokens.clear()
    real = invitations.send_invitation

    def send(invitation, token, language):
        _captured_tokens.append(token)
        real(invitation, token, language)

    monkeypatch.setattr(invitations, "send_invitation", send)
