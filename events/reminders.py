"""Reminders of an event to its confirmed registrants, once each, a day or two before it starts."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from events import emails
from events.models import Event, Registration


def send_reminders(base_url, hours, now=None):
    """Remind everyone with a confirmed place at a published event starting within ``hours``; return how many."""
    now = now or timezone.now()
    due = (
        Registration.objects.confirmed()
        .filter(
            reminder_sent_at__isnull=True,
            event__status=Event.Status.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + timedelta(hours=hours),
        )
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )
    sent = 0
    for registration in due:
        with transaction.atomic():
            # Claim the reminder before sending, so two runs at once never remind anyone twice;
            # if sending fails, the claim is rolled back and the next run tries again.
            claimed = Registration.objects.filter(
                pk=registration.pk, status=Registration.Status.CONFIRMED, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if claimed:
                emails.send_reminder(registration, base_url)
                sent += claimed
    return sent
