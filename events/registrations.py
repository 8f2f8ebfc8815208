"""Taking, cancelling and moving up registrations.

Every change locks the event's row first, so two people cannot take the last
place at once and a cancellation hands its place to exactly one person on the
waiting list. E-mails leave only once the transaction has committed.
"""

from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events import emails
from events.models import Event, PendingRegistration, Registration, RegistrationAnswer
from events.questions import kept_answers
from members import consents
from members.access import event_open_to


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
    if not event_open_to(user, event):
        refuse("members_only")


def register(event, *, base_url, email, name, affiliation="", language="ja", user=None, answers=None):
    """A confirmed place while there is room, else a place on the waiting list; the registrant is told by e-mail.

    ``answers`` (``{question pk: value}``, checked by the form) are kept with the registration."""
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
        _keep_answers(event, registration, answers or {})
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
        event = pending.event
        answers = kept_answers(event.registration_questions.all(), pending.answers)
        registration = register(event, base_url=base_url, answers=answers, **pending.details())
        if pending.consented:
            registration.consent = consents.record_event_registration(registration, pending)
            registration.save(update_fields=["consent"])
        pending.delete()
    return registration


def _keep_answers(event, registration, answers):
    # Only questions the event still has: one removed since the form was filled in takes its answer with it.
    asked = set(event.registration_questions.filter(pk__in=answers).values_list("pk", flat=True))
    RegistrationAnswer.objects.bulk_create(
        RegistrationAnswer(registration=registration, question_id=pk, value=value)
        for pk, value in answers.items()
        if pk in asked
    )


def cancel(registration, *, base_url):
    """Cancel a registration and revoke its manage link; a place it frees goes to the first on the waiting list.

    Returns who moved up.
    """
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Registration.Status.CANCELLED:
            return []
        mark_cancelled(registration)
        registration.save(update_fields=["status", "cancelled_at", "manage_key"])
        return fill_places(event, base_url=base_url)


def mark_cancelled(registration):
    """Set a registration cancelled, now, and revoke its manage link; the caller saves it under the event's lock."""
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.renew_manage_key()


@contextmanager
def freeing_places(event_ids, *, base_url):
    """For staff's changes that may free places: cancelling or deleting registrations in the admin.

    Locks the events (in one order, so that two such changes cannot wait on each other), lets the
    caller make its change, then moves each event's waiting list up, as ``cancel`` does. Yields a
    list that holds who moved up once the block is done."""
    promoted = []
    with transaction.atomic():
        events = list(Event.objects.select_for_update().filter(pk__in=set(event_ids)).order_by("pk"))
        yield promoted
        for event in events:
            promoted.extend(fill_places(event, base_url=base_url))


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
