import csv
import io

import pytest
from django.core.management import CommandError, call_command

from reports.models import Access, Report, ReportFile
from reports.samplepdf import make_pdf

pytestmark = pytest.mark.django_db

HEADER = ["title_ja", "title_en", "kind", "fiscal_year", "files", "abstract_en", "authors", "countries", "access"]


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "pdfs"
    folder.mkdir()
    (folder / "laos.pdf").write_bytes(make_pdf([["Wat Phou survey of the southern shrine"], ["寺院の保存状態"]]))
    (folder / "laos-ja.pdf").write_bytes(make_pdf([["ラオス調査報告"]]))
    (folder / "page.pdf").write_bytes(b"<html><script>alert(1)</script></html>")
    (tmp_path / "secret.pdf").write_bytes(make_pdf([["outside the folder"]]))
    return folder


def write_csv(path, rows, header=HEADER):
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


GOOD = [
    "ラオス調査",
    "Laos survey",
    "country_survey",
    "2015",
    "laos.pdf:en;laos-ja.pdf",
    "Vat Phou",
    "Sato K.",
    "LA",
    "public",
]
ROWS = [
    GOOD,
    ["", "", "annual", "2015", "laos.pdf", "", "", "", ""],  # row 3: no title
    ["年報", "Annual report", "yearly", "20x5", "laos.pdf", "", "", "ZZ", "everyone"],  # row 4: four faults
    ["不明", "Missing", "other", "2015", "nowhere.pdf", "", "", "", ""],  # row 5: no such file
    ["外", "Outside", "other", "2015", "../secret.pdf", "", "", "", ""],  # row 6: outside the folder
    ["偽", "Fake", "other", "2015", "page.pdf", "", "", "", ""],  # row 7: markup named .pdf
]


def run(*args):
    out = io.StringIO()
    call_command("import_reports", *map(str, args), stdout=out)
    return out.getvalue()


def test_good_rows_are_imported_and_each_bad_row_is_rejected_with_its_number_and_reason(tmp_path, folder):
    out = run(write_csv(tmp_path / "reports.csv", ROWS), folder)
    report = Report.objects.get()
    assert (report.title_en, report.fiscal_year, report.access) == ("Laos survey", 2015, Access.PUBLIC)
    assert list(report.countries.values_list("code", flat=True)) == ["LA"]
    languages = dict(report.files.values_list("original_name", "language"))
    assert languages == {"laos.pdf": "en", "laos-ja.pdf": "ja"}
    assert all(f.extraction_status == ReportFile.Extraction.DONE for f in report.files.all())
    assert "southern shrine" in report.file_text
    assert "rejected row 3: no title in either language" in out
    assert "row 4:" in out and "yearly" in out and "20x5" in out and "ZZ" in out and "everyone" in out
    assert "rejected row 5: no file “nowhere.pdf”" in out
    assert "rejected row 6: no file “../secret.pdf”" in out
    assert "rejected row 7: page.pdf:" in out
    assert "1 created" in out and "5 rejected" in out


def test_a_dry_run_checks_every_row_and_writes_nothing(tmp_path, folder, media_root):
    out = run(write_csv(tmp_path / "reports.csv", ROWS), folder, "--dry-run")
    assert "1 would be created" in out and "5 rejected" in out
    assert not Report.objects.exists()
    assert not media_root.exists() or not any(media_root.rglob("*.pdf"))


@pytest.mark.parametrize(
    ("write", "message"),
    [
        (lambda path: write_csv(path, [GOOD], header=["title", "files"]), "lacks the column"),
        (lambda path: path.write_bytes(b"\xff\xfe\x00garbage"), "cannot be read"),
        (lambda path: None, "cannot be read"),
    ],
)
def test_an_unusable_file_is_refused_and_nothing_written(tmp_path, folder, write, message):
    path = tmp_path / "reports.csv"
    write(path)
    with pytest.raises(CommandError, match=message):
        run(path, folder)
    assert not Report.objects.exists()


def test_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(CommandError, match="not a folder"):
        run(write_csv(tmp_path / "reports.csv", [GOOD]), tmp_path / "nowhere")
