import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from heritage.models import HeritageSite
from heritage.whc import MAX_REJECTED_FRACTION, ExportError, read_export
from heritage.whc_sync import apply_plan, plan_import, take_import_lock
from search.analyze import analyze


class Command(BaseCommand):
    help = (
        "Import UNESCO's World Heritage list from its CSV export (whc-sites, as downloaded from "
        "whc.unesco.org/en/syndication) into the heritage sites, updating each site in place by its "
        "UNESCO id. Rows that cannot be read are rejected, each with its row number (the header is "
        "row 1, as in a spreadsheet) and the reason, and the other rows are imported; if more than "
        f"{MAX_REJECTED_FRACTION:.0%} of the rows are rejected, or the file is not this export at all, "
        "nothing is written. All writes happen in one transaction, and one import runs at a time. "
        "A value staff corrected after an earlier import is kept, with a warning, unless "
        "--overwrite-corrections is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The whc-sites CSV file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be created and changed, and write nothing."
        )
        parser.add_argument(
            "--overwrite-corrections",
            action="store_true",
            help="Replace values that staff corrected after an earlier import (kept, with a warning, by default).",
        )

    def handle(self, *args, path, dry_run, overwrite_corrections, **options):
        try:
            export = read_export(path, progress=self._progress_bar())
        except ExportError as error:
            raise CommandError(str(error)) from None
        with transaction.atomic():
            if not take_import_lock():
                raise CommandError(
                    "Another World Heritage import is running; nothing was written. Run again once it has finished."
                )
            plan = plan_import(export.rows, keep_corrections=not overwrite_corrections)
            if not dry_run:
                apply_plan(plan)
                analyze(HeritageSite)
        self._report(export, plan, dry_run, verbose=options["verbosity"] > 1)

    def _progress_bar(self):
        if not self.stdout.isatty():
            return None
        return lambda records: tqdm(records, desc="Reading", unit=" rows", file=sys.stderr, leave=False)

    def _report(self, export, plan, dry_run, *, verbose):
        out = self.stdout.write
        if dry_run or verbose:
            for change in plan.created:
                out(f"+ {change}")
        for change in plan.updated:
            out(f"~ {change}: {', '.join(change.fields)}")
        for rejected in export.rejected:
            out(self.style.ERROR(f"rejected {rejected}"))
        warnings = export.warnings + plan.warnings
        for warning in warnings:
            out(self.style.WARNING(f"warning {warning}"))

        would = "would be " if dry_run else ""
        out(f"\nRead {len(export.rows) + len(export.rejected)} rows.")
        out(f"{len(plan.created)} {would}created")
        out(f"{len(plan.updated)} {would}updated")
        out(f"{len(plan.unchanged)} unchanged")
        if plan.kept:
            out(f"{plan.kept} values corrected by staff kept (see the warnings)")
        out(f"{len(export.rejected)} rejected")
        out(f"{len(warnings)} warnings")
        if plan.not_in_file:
            out(f"{plan.not_in_file} sites with a UNESCO id are not in this file; they are left as they are.")
        if dry_run:
            out(self.style.WARNING("Dry run: nothing was written."))
