from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from experts import confirmation


class Command(BaseCommand):
    help = (
        "E-mail each expert who keeps their own record and has not confirmed it for a year a request to confirm "
        "or update it, in their language; not again within DJANGO_EXPERT_CONFIRMATION_ASK_AGAIN_DAYS days. "
        "Meant to run daily from a timer: each record is asked once, however often it runs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--base-url",
            default=settings.PORTAL_URL,
            help="The portal's public address for links in the e-mails (default: DJANGO_PORTAL_URL, now %(default)s).",
        )

    def handle(self, *args, base_url, **options):
        if not base_url.startswith(("https://", "http://")):
            raise CommandError("--base-url must start with https:// or http://")
        asked = confirmation.ask_due_experts(base_url=base_url)
        self.stdout.write(f"Asked {asked} expert(s) to confirm their record.")
