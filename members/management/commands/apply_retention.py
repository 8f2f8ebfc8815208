from django.conf import settings
from django.core.management.base import BaseCommand

from members import retention


class Command(BaseCommand):
    help = (
        "Remove the personal data the privacy policy no longer lets the portal keep: public registrants' details "
        "DJANGO_RETENTION_REGISTRANT_DAYS after their event, former members' accounts "
        "DJANGO_RETENTION_FORMER_MEMBER_DAYS after they left, records of exports and of views of experts' contact "
        "details after DJANGO_RETENTION_ACCESS_LOG_DAYS. Run it daily from a timer; safe to run as often as you like."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Say what is due, and change nothing.")

    def handle(self, *args, dry_run, **options):
        result = retention.apply(dry_run=dry_run)
        verb = "Would remove" if dry_run else "Removed"
        lines = [
            f"{verb} the name, address and affiliation of {result.registrations} public registration(s) of events "
            f"that ended {settings.RETENTION_REGISTRANT_DAYS} days ago or more.",
            f"{verb} {result.pending_requests} registration request(s) never confirmed, whose link has expired.",
            f"{'Would close' if dry_run else 'Closed'} {result.former_members} account(s) of former members who left "
            f"{settings.RETENTION_FORMER_MEMBER_DAYS} days ago or more and have not signed in since.",
            f"{verb} {result.contact_views} record(s) of views of experts' contact details and "
            f"{result.data_exports} record(s) of exports, made {settings.RETENTION_ACCESS_LOG_DAYS} days ago or more.",
        ]
        if dry_run:
            lines.append("Dry run: nothing was changed.")
        self.stdout.write("\n".join(lines))
