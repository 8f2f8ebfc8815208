"""Recording consents to the privacy policy and the terms of use (``members.models.Consent``).

The forms ask with ``events.policies.ConsentField``; a form that is sent without the tick is refused and
saves nothing, so a consent is recorded only beside what it was given for: the account at sign-up, the
registration when a public registrant confirms their address.
"""

from django.utils import timezone

from events.policies import current_versions
from members.models import Consent


def record_signup(user):
    """The consent ticked on a sign-up form (the application, or an invitation's), for the new account."""
    versions = current_versions()
    return Consent.objects.create(
        user=user,
        email=user.email,
        context=Consent.Context.SIGNUP,
        privacy_version=versions.privacy,
        terms_version=versions.terms,
        language=user.language,
        given_at=timezone.now(),
    )


def record_event_registration(registration, pending):
    """The consent a public registrant ticked on the form, given when they sent it (``pending``'s time),
    to the versions then in force."""
    return Consent.objects.create(
        email=registration.email,
        context=Consent.Context.EVENT_REGISTRATION,
        subject=str(registration.event)[:300],
        privacy_version=pending.privacy_version,
        terms_version=pending.terms_version,
        language=registration.language,
        given_at=pending.created_at,
    )
