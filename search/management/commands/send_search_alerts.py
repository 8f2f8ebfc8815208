from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search.alerts import BATCH_SIZE, send_due


class Command(BaseCommand):
    help = (
        "E-mail members the records newly matching their saved searches whose weekly or monthly alert is due. "
        "Meant to run from a timer: each alert is sent once, however often it runs, and nothing is sent when "
        "nothing is new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=settings.PORTAL_URL,
            help="The portal's public address for links in the e-mails (default: DJANGO_PORTAL_URL, now %(default)s).",
        )
        parser.add_argument(
            "--batch-size", type=int, default=BATCH_SIZE, help=f"Searches claimed at a time (default: {BATCH_SIZE})."
        )

    def handle(self, *args, base_url, batch_size, **options):
        if not base_url.startswith(("https://", "http://")):
            raise CommandError("--base-url must start with https:// or http://")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1")
        outcomes = send_due(base_url.rstrip("/"), batch_size)
        sent = sum(outcome.sent for outcome in outcomes)
        skipped = sum(outcome.skipped for outcome in outcomes)
        failed = sum(outcome.failed for outcome in outcomes)
        self.stdout.write(
            f"Checked {len(outcomes)} saved search(es): {sent} alert(s) sent, "
            f"{skipped} skipped (no access to the database), {failed} failed."
        )
