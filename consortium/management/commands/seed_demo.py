from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from consortium.demo.accounts import DEMO_ACCOUNTS, ensure_demo_accounts
from consortium.demo.progress import Progress
from consortium.demo.reference import MissingReferenceData
from consortium.demo.seeder import seed_demo
from experts.models import Expert


def non_negative(value):
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Fill the database with invented, bilingual, consistent demo data: organisations, experts and "
        "cooperation projects at real heritage sites. The same seed gives the same data. "
        "Writes no history rows: demo records' history starts with their first edit."
    )

    def add_arguments(self, parser):
        parser.add_argument("--experts", type=non_negative, default=300, help="Number of experts (default 300).")
        parser.add_argument("--projects", type=non_negative, default=120, help="Number of projects (default 120).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when the database already holds experts."
        )
        parser.add_argument(
            "--demo-users",
            action="store_true",
            help="Also create sign-in accounts for staff, a member and an applicant (only with DEBUG on).",
        )
        parser.add_argument(
            "--world-heritage",
            metavar="PATH",
            type=Path,
            help="First import UNESCO's World Heritage list from PATH (import_whc), so that projects link "
            "real sites; skipped, with a note, when the file is not there.",
        )

    def handle(self, *args, experts, projects, seed, if_empty, demo_users, world_heritage, verbosity, **options):
        if demo_users and not settings.DEBUG:
            raise CommandError(
                "--demo-users makes accounts whose password is printed on the console: only with DEBUG on."
            )
        self._require_migrations()
        if if_empty and Expert.objects.exists():
            if verbosity:
                self.stdout.write("The database already holds experts: no demo data added.")
                if demo_users:
                    self.stdout.write("To reset the demo accounts: seed_demo --demo-users --experts 0 --projects 0")
            return

        if world_heritage is not None:
            if world_heritage.is_file():
                call_command("import_whc", str(world_heritage), verbosity=verbosity, stdout=self.stdout)
            elif verbosity:
                self.stdout.write(f"No World Heritage list at {world_heritage}: the demo records its own sites.")
        if experts or projects:
            self._seed(experts, projects, seed, verbosity)
        if demo_users:
            password = ensure_demo_accounts()
            self.stdout.write("Demo accounts, all with the password " + self.style.WARNING(password) + ":")
            for email, role, _, _ in DEMO_ACCOUNTS:
                self.stdout.write(f"  {email}  ({role})")

    def _require_migrations(self):
        """The tables and the reference data come with the migrations: all of them must have run."""
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            raise CommandError(
                f"The database lacks {len(plan)} migration(s), and the reference data comes with them: "
                "run `python manage.py migrate` first."
            )

    def _seed(self, experts, projects, seed, verbosity):
        mode = "quiet" if verbosity == 0 else "bars" if self.stdout.isatty() else "lines"
        progress = Progress(self.stdout, mode)
        try:
            counts = seed_demo(experts=experts, projects=projects, seed=seed, progress=progress, stdout=self.stdout)
        except MissingReferenceData as error:
            raise CommandError(str(error)) from None
        if verbosity:
            summary = ", ".join(f"{number} {label}" for label, number in counts.items())
            self.stdout.write(self.style.SUCCESS(f"Demo data added (seed {seed}): {summary}."))
            self.stdout.write("No history rows were written for it: a record's history starts with its first edit.")
