"""Taking, cancelling and moving up registrations.

Every change locks the event's row first, so two people cannot take the last
place at once and a cancellation hands its place to exactly one person on the
waiting list. E-mails leave only once the transaction has committed.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import emails
from events.models import Event, PendingRegistration, Registration
from members import consents
from members.access import can_use_database


class RegistrationRefused(Exception):
    """Why a registration cannot be taken, in words for the visitor."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


REFUSALS = {
    "not_open": _("Registration for this event is not open."),
    "cancelled": _("This event has been cancelled."),
    "members_only": _("This event is for members of the consortium only."),
    "duplicate": _("This e-mail address is already registered for this event."),
}


def refuse(code):
    raise RegistrationRefused(code, REFUSALS[code])


def check_open_to(event, user, now=None):
    """Raise RegistrationRefused unless ``user`` (None for the public) may register now."""
    if event.is_cancelled:
        refuse("cancelled")
    if not event.registration_is_open(now):
        refuse("not_open")
    if event.is_members_only and not can_use_database(user):
        refuse("members_only")


def register(event, *, base_url, email, name, affiliation="", language="ja", user=None):
    """A confirmed place while there is room, else a place on the waiting list; the registrant is told by e-mail."""
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        check_open_to(event, user)
        if event.registrations.active().filter(email__iexact=email).exists():
            refuse("duplicate")
        status = Registration.Status.CONFIRMED if has_room(event) else Registration.Status.WAITLISTED
        registration = Registration.objects.create(
            event=event,
            user=user,
            name=name,
            email=email,
            affiliation=affiliation,
            language=language,
            status=status,
        )
        transaction.on_commit(lambda: emails.send_registration_notice(registration, base_url))
    return registration


def confirm(pending, *, base_url):
    """Register the person whose confirmation link was used; None when the link was used meanwhile.

    The link is spent with the registration, in one transaction: a second click, or two at once,
    cannot use it again. A refusal leaves it as it was. The consent given on the form is recorded with it.
    """
    with transaction.atomic():
        pending = PendingRegistration.objects.select_for_update().filter(pk=pending.pk).first()
        if pending is None:
            return None
        registration = register(pending.event, base_url=base_url, **pending.details())
        if pending.consented:
            registration.consent = consents.record_event_registration(registration, pending)
            registration.save(update_fields=["consent"])
        pending.delete()
    return registration


def cancel(registration, *, base_url):
    """Cancel a registration and revoke its manage link; a place it frees goes to the first on the waiting list.

    Returns who moved up.
    """
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return []
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.renew_manage_key()
        registration.save(update_fields=["status", "cancelled_at", "manage_key"])
        return fill_places(event, base_url=base_url)


def fill_places(event, *, base_url):
    """Move people up from the waiting list while there is room. The caller holds the event's lock."""
    if event.has_ended():
        return []
    promoted = []
    waiting = list(event.registrations.waitlisted().select_for_update())
    for registration in waiting:
        if not has_room(event):
            break
        registration.status = Registration.Status.CONFIRMED
        registration.promoted_at = timezone.now()
        registration.save(update_fields=["status", "promoted_at"])
        promoted.append(registration)
    for registration in promoted:
        transaction.on_commit(lambda registration=registration: emails.send_promotion(registration, base_url))
    return promoted


def has_room(event):
    return event.capacity is None or event.registrations.confirmed().count() < event.capacity
