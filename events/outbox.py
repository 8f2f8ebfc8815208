"""Sending change notices and staff messages to an event's registrants: in batches, each person once.

``send_event_mail`` (run by a timer) calls ``send_queued``. For each notice or message
still to send, one run first makes a pending ``EventMailDelivery`` per recipient, under
the notice's (or message's) row lock, and marks it as being sent; then runs send the
pending rows in batches. A batch locks its rows, skipping rows another run holds, and
marks them sent (or failed) in the same transaction, so two runs at once never send a
message twice and an interrupted run leaves the rest to the next. Someone who cancelled
after the rows were made is skipped, not written to.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.mail import mailers
from django.db import models, transaction
from django.db.models import Count, Q
from django.utils import timezone

from events import audiences, changes, registrant_mail
from events.models import ChangeNotice, EventMailDelivery, EventMessage, Registration

logger = logging.getLogger(__name__)

BATCH_SIZE = 100


@dataclass(frozen=True)
class Mailing:
    """What differs between sending a change notice and sending a staff message."""

    model: type[models.Model]
    field: str  # the delivery's foreign key to it
    recipients: Callable  # (obj) -> the registrations to write to, when sending starts
    still_recipients: Callable  # (obj, registrations) -> the pks of those still to be written to
    render: Callable  # (obj, registration, base_url) -> EmailMessage


def _notice_recipients(notice):
    """Active registrations taken before the (last) change: later ones were made knowing of it."""
    registrations = notice.event.registrations.active().filter(created_at__lte=notice.changed_at)
    return [registration for registration in registrations.order_by("pk") if _told(notice, registration)]


def _told(notice, registration):
    if registration.status == Registration.Status.CANCELLED:
        return False
    confirmed = registration.status == Registration.Status.CONFIRMED
    return changes.tells(notice, registration.language, confirmed=confirmed)


def _notice_still_recipients(notice, registrations):
    return {registration.pk for registration in registrations if _told(notice, registration)}


def _message_still_recipients(message, registrations):
    pks = [registration.pk for registration in registrations]
    return set(audiences.recipients(message).filter(pk__in=pks).values_list("pk", flat=True))


NOTICES = Mailing(
    model=ChangeNotice,
    field="notice",
    recipients=_notice_recipients,
    still_recipients=_notice_still_recipients,
    render=registrant_mail.notice_email,
)
MESSAGES = Mailing(
    model=EventMessage,
    field="message",
    recipients=lambda message: audiences.recipients(message).order_by("pk"),
    still_recipients=_message_still_recipients,
    render=registrant_mail.message_email,
)


def start(mailing, obj):
    """Make the pending deliveries of a queued notice or message, once, and mark it as being sent."""
    with transaction.atomic():
        queued = (
            mailing.model.objects.select_for_update(skip_locked=True)
            .filter(pk=obj.pk, status=mailing.model.Status.QUEUED)
            .first()
        )
        if queued is None:
            return  # being sent already, or another run is starting it
        EventMailDelivery.objects.bulk_create(
            [
                EventMailDelivery(
                    registration=registration,
                    name=registration.name,
                    email=registration.email,
                    language=registration.language,
                    **{mailing.field: queued},
                )
                for registration in mailing.recipients(queued)
            ],
            ignore_conflicts=True,
            batch_size=1000,
        )
        queued.status = mailing.model.Status.SENDING
        queued.save(update_fields=["status"])
        obj.status = queued.status


def send_batch(mailing, obj, base_url, size=BATCH_SIZE):
    """Send up to ``size`` pending deliveries of ``obj`` over one connection; return how many were handled."""
    with transaction.atomic():
        batch = list(
            EventMailDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(**{mailing.field: obj}, status=EventMailDelivery.Status.PENDING)
            .select_related("registration")
            .order_by("pk")[:size]
        )
        if not batch:
            return 0
        wanted = mailing.still_recipients(obj, [delivery.registration for delivery in batch])
        with mailers.default as connection:
            for delivery in batch:
                if delivery.registration_id not in wanted:
                    delivery.status = EventMailDelivery.Status.SKIPPED
                    continue
                try:
                    connection.send_messages([mailing.render(obj, delivery.registration, base_url)])
                except Exception as error:  # One bad address must not stop the others.
                    # The log names the delivery, never the address: an SMTP error's text quotes the address too.
                    logger.warning(
                        "Event e-mail %s %s: delivery %s failed: %s",
                        mailing.field,
                        obj.pk,
                        delivery.pk,
                        type(error).__name__,
                    )
                    delivery.status = EventMailDelivery.Status.FAILED
                    delivery.error = str(error)[:1000]
                else:
                    delivery.status = EventMailDelivery.Status.SENT
                    delivery.sent_at = timezone.now()
        EventMailDelivery.objects.bulk_update(batch, ["status", "error", "sent_at"])
    return len(batch)


def finish(mailing, obj):
    """Record the counts; once nothing is pending (another run may still hold some rows), it is sent.

    Counted under the row's lock, so that the run finishing last, which counts last, writes the counts.
    """
    with transaction.atomic():
        locked = mailing.model.objects.select_for_update().get(pk=obj.pk)
        counts = EventMailDelivery.objects.filter(**{mailing.field: locked}).aggregate(
            sent=Count("pk", filter=Q(status=EventMailDelivery.Status.SENT)),
            failed=Count("pk", filter=Q(status=EventMailDelivery.Status.FAILED)),
            pending=Count("pk", filter=Q(status=EventMailDelivery.Status.PENDING)),
        )
        locked.sent_count, locked.failed_count = counts["sent"], counts["failed"]
        fields = ["sent_count", "failed_count"]
        if not counts["pending"] and locked.status == mailing.model.Status.SENDING:
            locked.status, locked.finished_at = mailing.model.Status.SENT, timezone.now()
            fields += ["status", "finished_at"]
        locked.save(update_fields=fields)
    for name in ("status", "finished_at", "sent_count", "failed_count"):
        setattr(obj, name, getattr(locked, name))


def send(mailing, obj, base_url, batch_size=BATCH_SIZE):
    start(mailing, obj)
    if obj.status != mailing.model.Status.SENDING:
        return obj
    while send_batch(mailing, obj, base_url, batch_size):
        pass
    finish(mailing, obj)
    return obj


def send_queued(base_url, batch_size=BATCH_SIZE):
    """Send every change notice, then every staff message, still to send, oldest first; return them."""
    sent = []
    for mailing in (NOTICES, MESSAGES):
        for obj in mailing.model.objects.to_send().select_related("event"):
            sent.append(send(mailing, obj, base_url, batch_size))
    return sent
