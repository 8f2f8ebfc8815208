from django.conf import settings
from django.core.management.base import BaseCommand

from members import application_notices


class Command(BaseCommand):
    help = (
        "E-mail the secretariat the membership applications waiting longer than "
        "DJANGO_APPLICATION_REMINDER_DAYS, at most once a day. Run it daily from a timer."
    )

    def handle(self, *args, **options):
        listed = application_notices.send_digest()
        if listed:
            self.stdout.write(f"{listed} waiting application(s) sent to the secretariat.")
        else:
            self.stdout.write(
                f"Nothing sent: no application waits longer than {settings.APPLICATION_REMINDER_DAYS} days, "
                "or today's digest went already."
            )
