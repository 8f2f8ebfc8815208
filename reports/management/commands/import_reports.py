import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.dateparse import parse_date

from consortium.models import Country
from reports.models import Access, Report, ReportFile
from search.analyze import analyze

REQUIRED_COLUMNS = {"title_ja", "title_en", "kind", "fiscal_year", "files"}
OPTIONAL_COLUMNS = {"abstract_ja", "abstract_en", "authors", "countries", "access", "published_on"}
MAX_ROWS = 10_000


@dataclass
class Row:
    number: int
    fields: dict
    countries: list
    files: list = field(default_factory=list)  # (path, language)

    def __str__(self):
        return f"row {self.number}: {self.fields['title_ja'] or self.fields['title_en']}"


class Command(BaseCommand):
    help = (
        "Import reports (the back catalogue) from a CSV file of their metadata and a folder of their PDF files. "
        "Columns: title_ja, title_en, kind, fiscal_year, files (required); abstract_ja, abstract_en, authors, "
        "countries, access, published_on. 'files' lists file names in the folder, separated by ';', each "
        "optionally followed by ':ja', ':en' or ':other' (the file's language, Japanese by default); "
        "'countries' lists ISO 3166-1 alpha-2 codes separated by ';'; 'access' is public, members (the "
        "default) or staff. A row that cannot be used is rejected, with its row number (the header is row 1, "
        "as in a spreadsheet) and the reason, and the other rows are imported; if the file itself cannot be "
        "read, or lacks a required column, nothing is written. All writes happen in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_path", metavar="CSV", help="The CSV file of the reports' metadata (UTF-8).")
        parser.add_argument("folder", metavar="FOLDER", help="The folder holding the PDF files the CSV names.")
        parser.add_argument("--dry-run", action="store_true", help="Check every row and write nothing.")

    def handle(self, *args, csv_path, folder, dry_run, **options):
        folder = Path(folder)
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder; nothing was written.")
        records = self._read(Path(csv_path))
        countries = set(Country.objects.values_list("code", flat=True))
        rows, rejected = [], []
        for number, record in records:
            try:
                rows.append(self._check(number, record, folder.resolve(), countries))
            except ValidationError as error:
                rejected.append(f"row {number}: {'; '.join(error.messages)}")
        if not dry_run:
            with transaction.atomic():
                for row in rows:
                    self._create(row)
                analyze(Report)
        out = self.stdout.write
        for line in rejected:
            out(self.style.ERROR(f"rejected {line}"))
        would = "would be " if dry_run else ""
        out(f"\nRead {len(records)} rows.")
        out(f"{len(rows)} {would}created")
        out(f"{len(rejected)} rejected")
        if dry_run:
            out(self.style.WARNING("Dry run: nothing was written."))

    def _read(self, path):
        """[(row number, record)] of the whole file, or a CommandError before anything is written."""
        try:
            with path.open(encoding="utf-8-sig", newline="") as stream:
                reader = csv.DictReader(stream)
                missing = REQUIRED_COLUMNS - set(reader.fieldnames or ())
                if missing:
                    raise CommandError(
                        f"{path} lacks the column(s) {', '.join(sorted(missing))}; nothing was written."
                    )
                records = []
                for record in reader:
                    if len(records) >= MAX_ROWS:
                        raise CommandError(f"{path} has more than {MAX_ROWS} rows; nothing was written.")
                    records.append((reader.line_num, record))
                return records
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise CommandError(f"{path} cannot be read as a UTF-8 CSV file ({error}); nothing was written.") from None

    def _check(self, number, record, folder, known_countries):
        """A Row ready to create, or a ValidationError with every reason the row cannot be used."""
        errors = []
        value = {name: (record.get(name) or "").strip() for name in REQUIRED_COLUMNS | OPTIONAL_COLUMNS}
        if not value["title_ja"] and not value["title_en"]:
            errors.append("no title in either language")
        if value["kind"] not in Report.Kind.values:
            errors.append(f"unknown kind “{value['kind']}” (one of {', '.join(Report.Kind.values)})")
        try:
            fiscal_year = int(value["fiscal_year"])
            if not 1950 <= fiscal_year <= 2100:
                raise ValueError
        except ValueError:
            errors.append(f"fiscal year “{value['fiscal_year']}” is not a year between 1950 and 2100")
            fiscal_year = None
        access = value["access"] or Access.MEMBERS
        if access not in Access.values:
            errors.append(f"unknown access “{access}” (one of {', '.join(Access.values)})")
        published_on = None
        if value["published_on"]:
            try:
                published_on = parse_date(value["published_on"])
            except ValueError:
                published_on = None
            if published_on is None:
                errors.append(f"published_on “{value['published_on']}” is not a date (YYYY-MM-DD)")
        countries = [code.strip().upper() for code in value["countries"].split(";") if code.strip()]
        unknown = [code for code in countries if code not in known_countries]
        if unknown:
            errors.append(f"unknown country code(s) {', '.join(unknown)}")
        files = []
        for entry in (part.strip() for part in value["files"].split(";")):
            if not entry:
                continue
            name, _sep, language = (
                entry.rpartition(":") if entry.endswith((":ja", ":en", ":other")) else (entry, "", "")
            )
            path = (folder / name).resolve()
            if not path.is_relative_to(folder) or not path.is_file():
                errors.append(f"no file “{name}” in the folder")
                continue
            try:
                with path.open("rb") as stream:
                    ReportFile._meta.get_field("file").run_validators(File(stream, name=path.name))
            except ValidationError as error:
                errors.append(f"{name}: {' '.join(error.messages)}")
                continue
            files.append((path, language or ReportFile.Language.JA))
        if not files and not errors:
            errors.append("no file named in the 'files' column")
        if errors:
            raise ValidationError(errors)
        fields = {
            "title_ja": value["title_ja"][:300],
            "title_en": value["title_en"][:300],
            "abstract_ja": value["abstract_ja"],
            "abstract_en": value["abstract_en"],
            "kind": value["kind"],
            "fiscal_year": fiscal_year,
            "authors_text": value["authors"][:500],
            "access": access,
            "published_on": published_on,
        }
        return Row(number, fields, countries, files)

    def _create(self, row):
        report = Report.objects.create(**row.fields)
        report.countries.set(row.countries)
        for path, language in row.files:
            with path.open("rb") as stream:
                report_file = ReportFile(report=report, language=language, original_name=path.name)
                report_file.file = File(stream, name=path.name)
                report_file.save()
                if report_file.extraction_status == ReportFile.Extraction.FAILED:
                    self.stdout.write(
                        self.style.WARNING(
                            f"warning row {row.number}: the text of {path.name} could not be read "
                            f"({report_file.extraction_error}); the file is kept."
                        )
                    )
