"""Signed links in registration e-mails: no account needed, nothing guessable.

The confirmation link carries the registrant's details themselves, so nothing
is stored until the address is proved to be theirs; it expires. The link to
manage (and cancel) a registration carries only its id and does not expire.
"""

from datetime import timedelta

from django.core import signing
from django.urls import reverse

CONFIRM_SALT = "events.registration.confirm"
MANAGE_SALT = "events.registration.manage"
CONFIRM_MAX_AGE = timedelta(days=3)


def confirmation_token(event, *, name, email, affiliation, language):
    payload = {"event": event.pk, "name": name, "email": email, "affiliation": affiliation, "language": language}
    return signing.dumps(payload, salt=CONFIRM_SALT, compress=True)


def read_confirmation_token(token):
    """The registrant's details; raises ``signing.BadSignature`` (or its ``SignatureExpired``)."""
    return signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)


def manage_token(registration):
    return signing.dumps(registration.pk, salt=MANAGE_SALT)


def read_manage_token(token):
    """The registration's id; raises ``signing.BadSignature``."""
    return signing.loads(token, salt=MANAGE_SALT)


def confirmation_url(event, **details):
    return reverse("events:confirm", args=[confirmation_token(event, **details)])


def manage_url(registration):
    return reverse("events:registration", args=[manage_token(registration)])
