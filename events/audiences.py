"""Who a staff message to an event's registrants goes to.

The waiting list has no place at the event yet, so it attends neither in person nor
online: those two audiences are confirmed registrants only.
"""

from django.db.models import Q

from events.models import EventMessage, Registration


def attends(event, mode):
    """A filter of ``event``'s registrations down to those attending in ``mode`` (``EventMessage.Audience``
    IN_PERSON or ONLINE).

    Registrations do not say yet how their registrant attends, so the event's format decides: everyone
    attends a hybrid event both ways. When registrations record an answer (registration questions),
    refine this: registrations with an answer by their answer, the others by the event's format.
    """
    held_that_way = event.has_venue if mode == EventMessage.Audience.IN_PERSON else event.is_online
    return Q() if held_that_way else Q(pk__in=[])


def recipients(message):
    """The registrations ``message`` goes to, as they stand now: each person once (one active registration
    per address and event)."""
    registrations = Registration.objects.filter(event_id=message.event_id)
    audience = message.audience
    if audience == EventMessage.Audience.ALL:
        return registrations.active()
    if audience == EventMessage.Audience.WAITLISTED:
        return registrations.filter(status=Registration.Status.WAITLISTED)
    registrations = registrations.confirmed()
    if audience == EventMessage.Audience.CONFIRMED:
        return registrations
    return registrations.filter(attends(message.event, audience))
