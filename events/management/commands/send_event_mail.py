from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events import outbox, questionnaires, reminders
from events.models import ChangeNotice


class Command(BaseCommand):
    help = (
        "Send the e-mail owed to events' registrants: reminders of published events starting within the next "
        "--hours hours, then the notices of cancelled or changed events, then the messages staff have queued in "
        "the admin, then the questionnaires staff have opened to the attendees of events that are over, in "
        "batches. Meant to run every few minutes from a timer: each person gets each e-mail once, "
        "however often it runs, and two runs at once send nothing twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=settings.PORTAL_URL,
            help="The portal's public address for links in the e-mails (default: DJANGO_PORTAL_URL, now %(default)s).",
        )
        parser.add_argument("--hours", type=int, default=48, help="How far ahead to remind (default: 48).")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=outbox.BATCH_SIZE,
            help="E-mails of notices, messages and questionnaires sent per SMTP connection and transaction "
            "(default: %(default)s).",
        )

    def handle(self, *args, base_url, hours, batch_size, **options):
        if not base_url.startswith(("https://", "http://")):
            raise CommandError("--base-url must start with https:// or http://")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        base_url = base_url.rstrip("/")
        self.stdout.write(f"Sent {reminders.send_reminders(base_url, hours)} reminder(s).")
        for sent in outbox.send_queued(base_url, batch_size):
            kind = "Change notice" if isinstance(sent, ChangeNotice) else "Message"
            self.stdout.write(
                f"{kind} {sent.pk} of event {sent.event_id}: {sent.sent_count} sent, {sent.failed_count} failed "
                f"({sent.status})."
            )
        for questionnaire, sent in questionnaires.send_due(base_url, batch_size):
            self.stdout.write(f"Questionnaire {questionnaire.pk} of event {questionnaire.event_id}: {sent} sent.")
