from django.core.management.base import BaseCommand

from members import newsletter


class Command(BaseCommand):
    help = "Send the queued issues of the members' e-mail news. Run it every few minutes from a timer."

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch-size", type=int, default=newsletter.BATCH_SIZE, help="Messages per SMTP connection."
        )

    def handle(self, *args, batch_size, **options):
        for issue in newsletter.send_queued(batch_size):
            self.stdout.write(
                f"{issue}: {issue.sent_count} sent, {issue.failed_count} failed ({issue.get_status_display()})"
            )
