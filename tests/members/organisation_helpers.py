"""What the tests of member organisations' representatives share: inviting, following the e-mailed links, and
invitations made with a known secret (the fixtures, in conftest.py, keep each secret e-mailed)."""

import re

from django.urls import reverse
from django.utils import timezone

from members import invitations
from members.models import Invitation, Membership
from tests.conftest import make_user

PAGE = "/en/members/organisation/"
PASSWORD = "a long enough passphrase 42"


def organisational_member(email, organisation, **fields):
    user = make_user(email, language="en", **fields)
    Membership.objects.create(
        user=user, kind=Membership.Kind.ORGANISATIONAL, organization=organisation, status=Membership.Status.ACTIVE
    )
    return user


def invite(client, email="new@example.ac.jp", language="en"):
    return client.post(PAGE, {"email": email, "language": language})


def invitation_link(message):
    return re.search(r"https?://[^/\s]+(/\S+/members/invitation/\S+/)", message.body).group(1)


def confirmation_link(message):
    return re.search(r"https?://[^/\s]+(/\S+/accounts/confirm-email/\S+/)", message.body).group(1)


def sign_up(client, link, **overrides):
    data = {
        "last_name": "Ono",
        "first_name": "Mari",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "language": "en",
        "consent": "on",
        **overrides,
    }
    return client.post(link, data)


def _digest(token):
    from consortium.link_secrets import digest

    return digest(token)


_captured_tokens = []


def _token_of_last_invitation():
    return _captured_tokens[-1]


def make_invitation(organisation, representative, **fields):
    token = f"{len(_captured_tokens):0>43}"
    _captured_tokens.append(token)
    defaults = {"email": "new@example.ac.jp", "expires_at": timezone.now() + invitations.INVITATION_MAX_AGE}
    invitation = Invitation.objects.create(
        organization=organisation,
        invited_by=representative,
        token_hash=_digest(token),
        **{**defaults, **fields},
    )
    return invitation, reverse("members:invitation", args=[token])
