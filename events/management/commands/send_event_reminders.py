from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from events import emails
from events.models import Event, Registration


class Command(BaseCommand):
    help = (
        "E-mail a reminder to everyone with a confirmed place at a published event starting within the next "
        "--hours hours. Meant to run from a timer: each person is reminded once, however often it runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=settings.PORTAL_URL,
            help="The portal's public address for links in the e-mails (default: DJANGO_PORTAL_URL, now %(default)s).",
        )
        parser.add_argument("--hours", type=int, default=48, help="How far ahead to look (default: 48).")

    def handle(self, *args, base_url, hours, **options):
        if not base_url.startswith(("https://", "http://")):
            raise CommandError("--base-url must start with https:// or http://")
        base_url = base_url.rstrip("/")
        now = timezone.now()
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
        self.stdout.write(f"Sent {sent} reminder(s).")
