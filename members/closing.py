"""Closing an account, as the privacy policy says: by its owner (after confirming and signing in again) or
by the retention command, some time after a member left (``members.retention``).

What goes: the login (password, e-mail addresses, second factors), every session, the name, and from each
section of the person's data (``members.personal_data``) what that section's ``close`` removes: the texts of
the membership, seats on committees, the names, addresses and answers in the person's words on event
registrations, saved searches, subscriptions and their digests, the link to an expert record and the
record's contact details, claims of records and requests for one. What stays: the account's row, without
personal data, so that the membership's history (statuses and dates), the counts of registrations and the
records of exports and views of contact details still lead somewhere; and those records themselves, for as
long as the policy keeps them.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from events import policies
from members.models import User
from members.personal_data import Closing, sections, verified_addresses

PLACEHOLDER_DOMAIN = "closed.invalid"  # RFC 2606: a name that can never receive mail.


def placeholder_address(user):
    return f"closed-account-{user.pk}@{PLACEHOLDER_DOMAIN}"


def may_close(user):
    """Staff accounts are closed by an administrator (who takes away their roles first), not by themselves."""
    return user.is_authenticated and not user.is_staff and not user.is_superuser and user.closed_at is None


def _end_sessions(user):
    """Delete every session of ``user``, from the database and the shared cache (``cached_db``)."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            store(session_key=session.session_key).delete()


def close_account(user, *, notify=True, now=None):
    """Close ``user``'s account; returns the Closing, or None when it was closed already.

    With ``notify``, the person is told by e-mail, in their language, at the address they signed in with,
    once the closing is committed. The caller signs the current request out (``logout``).
    """
    now = now or timezone.now()
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.closed_at is not None:
            return None
        address, language, name = user.email, user.language, user.get_full_name()
        closing = Closing(
            user=user,
            addresses=verified_addresses(user) | {user.email.lower()},
            now=now,
            placeholder=placeholder_address(user),
        )
        for known in sections():
            if known.close is not None:
                known.close(closing)
        _end_sessions(user)
        user.emailaddress_set.all().delete()
        user.authenticator_set.all().delete()
        user.email = closing.placeholder
        user.first_name = user.last_name = ""
        user.set_unusable_password()
        user.is_active = False
        user.closed_at = now
        user.save()
        # The history of who may do what keeps no trace of the address either.
        User.history.filter(id=user.pk).update(email=closing.placeholder)
        if notify:
            transaction.on_commit(lambda: _send_confirmation(address, language, name, now))
    return closing


def _send_confirmation(address, language, name, closed_at):
    with translation.override(language):
        context = {
            "name": name or address,
            "closed_at": timezone.localtime(closed_at),
            "privacy_url": settings.PORTAL_URL + reverse("pages:detail", args=[policies.PRIVACY]),
        }
        subject = render_to_string("members/email/account_closed_subject.txt", context).strip()
        body = render_to_string("members/email/account_closed_message.txt", context)
    EmailMessage(subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body=body, to=[address]).send()
