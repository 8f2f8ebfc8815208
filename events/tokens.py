"""Links in registration e-mails: no account needed, nothing guessable, nothing personal in them.

A confirmation link carries only a random secret; the details wait on the
server (``PendingRegistration``), which keeps only the secret's digest. The link
works once, and for a few days. The link to manage (and cancel) a registration
carries the registration's own random key: a new key (on cancelling, or when
staff renew it) revokes the old link, and links stop working some time after the
event.
"""

from datetime import timedelta

from django.urls import reverse

CONFIRM_MAX_AGE = timedelta(days=3)
# How long after the event its registrants' links still open their page.
MANAGE_GRACE = timedelta(days=30)


def confirmation_url(token):
    return reverse("events:confirm", args=[token])


def manage_url(registration):
    return reverse("events:registration", args=[registration.manage_key])
