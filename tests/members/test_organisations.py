"""A representative invites colleagues into their organisation's membership: the way in, the link, the form."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from members import approval, invitations
from members.models import Invitation, Membership, User
from tests.conftest import make_user
from tests.members.organisation_helpers import (
    _digest,
    confirmation_link,
    invitation_link,
    invite,
    make_invitation,
    sign_up,
)

# Each invitation's secret is kept as it is e-mailed (only its digest is stored).
pytestmark = pytest.mark.usefixtures("capture_tokens")

# The whole way in ---------------------------------------------------------------


def test_an_invited_colleague_signs_up_verifies_and_is_a_member_without_approval(
    client, django_capture_on_commit_callbacks, representative, organisation
):
    client.force_login(representative)
    with django_capture_on_commit_callbacks(execute=True):
        response = invite(client)
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = invitation_link(mail.outbox[0])
    client.logout()

    page = client.get(link)
    assert page.status_code == 200
    assert page.context["form"]["email"].value() == "new@example.ac.jp"
    # The address is the invitation's: one typed instead is ignored.
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, link, email="someone.else@example.org")
    assert response.status_code == 302
    user = User.objects.get(email="new@example.ac.jp")
    assert not Membership.objects.filter(user=user).exists()
    assert client.get("/en/experts/").status_code == 302  # not signed in before verifying

    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirmation_link(mail.outbox[-1]))

    assert EmailAddress.objects.get(user=user).verified
    membership = Membership.objects.get(user=user)
    assert membership.status == Membership.Status.ACTIVE
    assert membership.kind == Membership.Kind.ORGANISATIONAL
    assert membership.organization == organisation
    assert membership.decided_by == representative
    latest = membership.history.latest()
    assert latest.history_user == representative
    assert latest.history_change_reason == approval.INVITATION_ADMISSION
    invitation = Invitation.objects.get()
    assert invitation.accepted_by == user and invitation.accepted_at is not None
    assert client.get("/en/experts/").status_code == 200
    # Neither the applicant's "received" e-mail nor the secretariat's notice: there was no application.
    assert not any("received" in message.subject.lower() for message in mail.outbox)


def test_an_existing_account_without_membership_accepts_signed_in(client, representative, organisation):
    applicant = make_user("applicant@example.org", status=Membership.Status.APPLIED)
    _invitation, link = make_invitation(organisation, representative, email="applicant@example.org")

    # Signed out, the address's owner is asked to sign in rather than to sign up again.
    assert "members/invitation_sign_in.html" in [template.name for template in client.get(link).templates]
    client.force_login(applicant)
    assert client.get(link).status_code == 200
    response = client.post(link)

    assert response.status_code == 302
    membership = Membership.objects.get(user=applicant)
    assert (membership.status, membership.organization) == (Membership.Status.ACTIVE, organisation)
    assert membership.kind == Membership.Kind.ORGANISATIONAL
    assert client.get("/en/experts/").status_code == 200
    assert client.get(link).status_code == 404  # used


def test_a_member_elsewhere_cannot_accept_an_invitation(client, representative, organisation, member):
    Invitation.objects.create(
        organization=organisation,
        email="member@example.org",
        invited_by=representative,
        token_hash=_digest("m" * 43),
        expires_at=timezone.now() + timedelta(days=1),
    )
    client.force_login(member)
    response = client.post(reverse("members:invitation", args=["m" * 43]))
    assert response.status_code == 409
    assert Membership.objects.get(user=member).organization is None


@pytest.mark.parametrize(
    "fields",
    [
        {"expires_at": timezone.now() - timedelta(minutes=1)},
        {"revoked_at": timezone.now()},
        {"accepted_at": timezone.now()},
    ],
    ids=["expired", "revoked", "accepted"],
)
def test_expired_revoked_and_used_links_are_refused(client, organisation, representative, fields):
    _invitation, link = make_invitation(organisation, representative, **fields)
    response = client.get(link)
    assert response.status_code == 404
    assert "この招待はご利用いただけません" in response.content.decode()
    assert sign_up(client, link).status_code == 404
    assert not User.objects.filter(email="new@example.ac.jp").exists()


def test_a_link_works_once(client, organisation, representative):
    _invitation, link = make_invitation(organisation, representative)
    assert sign_up(client, link).status_code == 302
    assert client.get(link).status_code == 404


def test_an_unknown_or_malformed_token_is_refused(client, db):
    assert client.get(reverse("members:invitation", args=["x" * 43])).status_code == 404
    assert client.get(reverse("members:invitation", args=["short"])).status_code == 404


def test_a_revocation_before_verification_admits_no_one(client, organisation, representative):
    invitation, link = make_invitation(organisation, representative)
    sign_up(client, link)
    invitations.revoke(invitation, by=representative)
    user = User.objects.get(email="new@example.ac.jp")
    assert invitations.complete(user) is None
    assert not Membership.objects.filter(user=user).exists()


def test_the_link_and_its_pages_are_never_cached(client, organisation, representative):
    _invitation, link = make_invitation(organisation, representative)
    response = client.get(link)
    assert "no-cache" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


# The invitation form -------------------------------------------------------------


def test_the_invitation_email_is_in_the_chosen_language(rep_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(rep_client, language="ja")
    message = mail.outbox[0]
    assert "東都大学" in message.subject
    assert "招待" in message.subject
    assert "/ja/members/invitation/" in message.body
    assert "/en/" not in message.body


def test_the_invitation_email_in_both_languages_has_japanese_first(rep_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invite(rep_client, language="both")
    message = mail.outbox[0]
    japanese, english = message.body.index("/ja/members/invitation/"), message.body.index("/en/members/invitation/")
    assert japanese < english
    assert "Toto University" in message.subject and "東都大学" in message.subject


@pytest.mark.parametrize("address", ["not an address", ""])
def test_a_bad_address_is_refused(rep_client, address):
    response = invite(rep_client, email=address)
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not Invitation.objects.exists()


def test_an_address_invited_already_is_refused(rep_client, organisation, representative):
    invitations.invite(organisation, "new@example.ac.jp", by=representative, language="en")
    response = invite(rep_client, email="NEW@example.ac.jp")
    assert "open invitation already" in " ".join(response.context["form"].errors["email"])
    assert Invitation.objects.count() == 1


def test_a_member_elsewhere_and_a_colleague_are_refused(rep_client, member, colleague):
    response = invite(rep_client, email="member@example.org")
    assert "already a member" in " ".join(response.context["form"].errors["email"])
    response = invite(rep_client, email="colleague@example.ac.jp")
    assert "already has an account of your organisation" in " ".join(response.context["form"].errors["email"])
    assert not Invitation.objects.exists()


def test_the_limit_counts_members_and_open_invitations(rep_client, organisation, representative, colleague, settings):
    settings.ORGANISATION_ACCOUNT_LIMIT = 3
    assert invite(rep_client, email="third@example.ac.jp").status_code == 302
    response = invite(rep_client, email="fourth@example.ac.jp")
    assert response.status_code == 200
    assert "limit of 3 accounts" in " ".join(response.context["form"].non_field_errors())
    assert Invitation.objects.count() == 1
    # A revoked invitation frees its place.
    invitations.revoke(Invitation.objects.get(), by=representative)
    assert invite(rep_client, email="fourth@example.ac.jp").status_code == 302


def test_invitations_are_throttled(rep_client, monkeypatch):
    monkeypatch.setattr(invitations, "INVITATIONS_PER_REPRESENTATIVE", 2)
    assert invite(rep_client, email="a@example.ac.jp").status_code == 302
    assert invite(rep_client, email="b@example.ac.jp").status_code == 302
    response = invite(rep_client, email="c@example.ac.jp")
    assert response.status_code == 429
    assert Invitation.objects.count() == 2
