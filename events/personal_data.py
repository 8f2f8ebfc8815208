"""Event registrations as personal data: their section of a person's data (``members.personal_data``), and
the removal of the registrant's name, address and affiliation, which keeps the registration (and so the
event's counts) without them.

Removal happens when the registrant closes their account (upcoming places are cancelled first, so that
they go to the waiting list) and, for public registrants, some time after the event (``members.retention``).
"""

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from events import registrations as registration_flow
from events.models import PendingRegistration, Registration
from members.models import Consent
from members.personal_data import any_address, section, verified_addresses

REMOVED_DOMAIN = "removed.invalid"  # RFC 2606: a name that can never receive mail.


def removed_address(registration):
    """Unique per registration, since an event takes one active registration per address."""
    return f"registration-{registration.pk}@{REMOVED_DOMAIN}"


def remove_personal_data(registrations, now):
    """Remove the name, address and affiliation of ``registrations`` (and from their history and consent),
    revoking their manage links; returns how many there were."""
    found = list(registrations.filter(personal_data_removed_at__isnull=True).only("pk", "consent_id"))
    for registration in found:
        registration.name = ""
        registration.email = removed_address(registration)
        registration.affiliation = ""
        registration.renew_manage_key()
        registration.personal_data_removed_at = now
    Registration.objects.bulk_update(
        found, ["name", "email", "affiliation", "manage_key", "personal_data_removed_at"], batch_size=500
    )
    for registration in found:
        Registration.history.filter(id=registration.pk).update(name="", email=registration.email, affiliation="")
        if registration.consent_id:
            Consent.objects.filter(pk=registration.consent_id).update(email=registration.email)
    return len(found)


def _own_registrations(user, addresses):
    return Registration.objects.filter(Q(user=user) | any_address(addresses))


def _close(closing):
    """Cancel the places still ahead (the waiting list moves up), then remove the personal data of every
    registration of the account or of its verified addresses, and drop unconfirmed requests."""
    own = _own_registrations(closing.user, closing.addresses)
    for registration in own.active().filter(event__ends_at__gt=closing.now).select_related("event"):
        registration_flow.cancel(registration, base_url=settings.PORTAL_URL)
    remove_personal_data(own, closing.now)
    PendingRegistration.objects.filter(any_address(closing.addresses)).delete()


@section(
    "event_registrations",
    _("Event registrations"),
    order=60,
    close=_close,
    fields=[
        ("event", _("Event")),
        ("starts_at", _("Starts")),
        ("status", _("Status")),
        ("name", _("Name")),
        ("email", _("E-mail address")),
        ("affiliation", _("Affiliation")),
        ("language", _("Language of our e-mails")),
        ("registered_at", _("Registered")),
        ("promoted_at", _("Moved up from the waiting list")),
        ("cancelled_at", _("Cancelled")),
    ],
)
def event_registrations(user):
    found = (
        _own_registrations(user, verified_addresses(user))
        .select_related("event")
        .order_by("event__starts_at", "created_at", "pk")
    )
    return [
        {
            "event": str(registration.event),
            "starts_at": registration.event.starts_at,
            "status": registration.get_status_display(),
            "name": registration.name,
            "email": registration.email,
            "affiliation": registration.affiliation,
            "language": registration.get_language_display(),
            "registered_at": registration.created_at,
            "promoted_at": registration.promoted_at,
            "cancelled_at": registration.cancelled_at,
        }
        for registration in found
    ]
