from django.core.management.base import BaseCommand, CommandError

from events import digests


class Command(BaseCommand):
    help = (
        "E-mail each subscriber the news and events announced since their previous digest that match their "
        "subscriptions. Meant to run from a timer (daily, say): each item is sent once, however often it runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size",
            type=int,
            default=digests.BATCH_SIZE,
            help="Subscribers claimed per transaction, and messages per SMTP connection (default: %(default)s).",
        )

    def handle(self, *args, batch_size, **options):
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        counts = digests.send_digests(batch_size)
        self.stdout.write(
            f"Newly announced: {counts['announced']}. Digests sent: {counts['sent']}, failed: {counts['failed']}"
            f"; unsent claims of stopped runs marked failed: {counts['stale']}."
        )
