import time

from allauth.account.internal.flows.login import record_authentication
from allauth.account.signals import email_confirmed
from allauth.mfa.models import Authenticator
from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth.signals import user_logged_in
from django.db.models import F
from django.db.models.signals import post_delete
from django.dispatch import receiver

from members import invitations
from members.access import SECOND_FACTORS
from members.application_notices import announce_application
from members.models import Membership

SIGNED_IN_AT = "members.signed_in_at"
LAST_SEEN_AT = "members.last_seen_at"


@receiver(user_logged_in)
def remember_sign_in_time(sender, request, user, **kwargs):
    """Start the session's clocks (see members.middleware.SessionLifetimeMiddleware)."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_SEEN_AT] = now


@receiver(authenticator_added)
@receiver(authenticator_removed)
@receiver(authenticator_reset)
def end_other_sessions_on_factor_change(sender, request, user, authenticator, **kwargs):
    """A change of second factors signs the user's other sessions out; this one stays.

    Adding an authenticator app or a security key proves it as a sign-in with it
    would, so this session then counts as having passed the second factor.
    """
    get_user_model().objects.filter(pk=user.pk).update(factors_version=F("factors_version") + 1)
    user.refresh_from_db(fields=["factors_version"])
    if request is None or not hasattr(request, "session"):
        return
    update_session_auth_hash(request, user)
    if kwargs.get("signal") is authenticator_added and authenticator.type in SECOND_FACTORS:
        record_authentication(request, user, "mfa", id=authenticator.pk, type=authenticator.type)


@receiver(post_delete, sender=Authenticator)
def end_sessions_when_a_factor_is_deleted(sender, instance, **kwargs):
    """A factor deleted without allauth (an administrator removing a lost key in the admin) sends none of
    its signals; every session of the user then ends, since none of them can say which factor it passed."""
    get_user_model().objects.filter(pk=instance.user_id).update(factors_version=F("factors_version") + 1)


@receiver(email_confirmed)
def announce_application_once_verified(sender, request, email_address, **kwargs):
    """An application arrives when its applicant has verified their address (see members.application_notices)."""
    membership = Membership.objects.filter(user_id=email_address.user_id).first()
    if membership is not None:
        announce_application(membership)


@receiver(email_confirmed)
def admit_invited_colleague(sender, request, email_address, **kwargs):
    """A colleague who signed up on an invitation becomes a member once their address is verified."""
    invitations.complete(email_address.user)
