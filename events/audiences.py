"""Who a staff message to an event's registrants goes to.

The waiting list has no place at the event yet, so it attends neither in person nor
online: those two audiences are confirmed registrants only, each by their answer to the
question of how they attend where the event asks it, else by the event's format.
"""

from django.db.models import Q

from events.models import EventMessage, Registration, RegistrationAnswer
from events.questions import QuestionKind

# The option values by which a registration question records how its registrant attends (the demo's
# "How will you attend?"); staff give a one-choice question these values to let messages reach each group.
ATTENDANCE_VALUES = {EventMessage.Audience.IN_PERSON: "in_person", EventMessage.Audience.ONLINE: "online"}


def attends(event, mode):
    """A filter of ``event``'s registrations down to those attending in ``mode`` (``EventMessage.Audience``
    IN_PERSON or ONLINE).

    A registration whose registrant answered a one-choice question with ``in_person`` or ``online`` attends
    as answered; the others as the event is held (everyone attends a hybrid event both ways).
    """
    answers = RegistrationAnswer.objects.filter(
        question__event=event,
        question__kind=QuestionKind.ONE_CHOICE,
        value__in=list(ATTENDANCE_VALUES.values()),
    )
    answered = Q(pk__in=answers.values("registration_id"))
    by_answer = Q(pk__in=answers.filter(value=ATTENDANCE_VALUES[mode]).values("registration_id"))
    held_that_way = event.has_venue if mode == EventMessage.Audience.IN_PERSON else event.is_online
    return by_answer | (~answered if held_that_way else Q(pk__in=[]))


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
