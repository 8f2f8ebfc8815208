"""The importer on files that are not the export, or only partly: refused or rejected row by row, with reasons."""

import io
import re

import psycopg
import pytest
from django.core.management import CommandError, ManagementUtility, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from heritage.models import DangerPeriod, HeritageSite
from heritage.whc_sync import IMPORT_LOCK
from tests.heritage.whc_export import HEADER, require_whc_file, whc_row, write_export


def run_import(path, *args):
    out = io.StringIO()
    call_command("import_whc", str(path), *args, stdout=out)
    return out.getvalue()


def good_rows(count):
    return [whc_row(id_no=str(1000 + number), name_en=f"Site {number}") for number in range(count)]


@pytest.fixture
def existing_site(db):
    """A site already in the database, which a refused file must leave as it is."""
    return HeritageSite.objects.create(whc_id=191, name_en="Djémila", category=HeritageSite.Category.CULTURAL)


def assert_nothing_written(existing_site):
    assert list(HeritageSite.objects.values_list("pk", "name_en")) == [(existing_site.pk, "Djémila")]
    assert not DangerPeriod.objects.exists()
    assert HeritageSite.history.count() == 1  # the fixture's own creation


BINARY = bytes(range(256)) * 64


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\n  \r\n", "is empty"),
        (BINARY, "is not a text file; it holds binary data"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "is not UNESCO's World Heritage"),
        (b'{"sites": [{"id_no": 208, "name_en": "Bamiyan"}]}', "is not UNESCO's World Heritage list export"),
        (b"email,first_name,last_name\nhanako@example.org,Hanako,Suzuki\n", "17 of its columns are missing"),
        (",".join(HEADER).encode() + b"\n", "has the export's columns but no rows"),
        (b'id_no,name_en\n"208,"Bamiyan\n', "cannot be read as CSV (line 2"),
    ],
    ids=["empty", "blank", "binary", "pdf", "json", "other-csv", "header-only", "broken-csv"],
)
def test_a_file_that_is_not_the_export_is_refused_and_nothing_written(tmp_path, existing_site, content, message):
    path = tmp_path / "whc-sites.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=re.escape(message)):
        run_import(path)
    assert_nothing_written(existing_site)


def test_a_file_with_wrong_columns_names_the_missing_ones(tmp_path, existing_site):
    header = [column for column in HEADER if column not in ("id_no", "iso_code")]
    path = write_export(tmp_path / "whc.csv", good_rows(3), header=header)
    with pytest.raises(CommandError, match=r"2 of its columns are missing \(id_no, iso_code\)"):
        run_import(path)
    assert_nothing_written(existing_site)


def test_a_missing_path_is_refused(tmp_path, existing_site):
    with pytest.raises(CommandError, match="does not exist"):
        run_import(tmp_path / "nowhere.csv")
    with pytest.raises(CommandError, match="is a directory"):
        run_import(tmp_path)
    assert_nothing_written(existing_site)


def test_the_command_exits_non_zero_on_a_refused_file(tmp_path, existing_site, capsys):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "import_whc", str(path)]).execute()
    assert exit_info.value.code != 0
    assert "CommandError: empty.csv is empty." in capsys.readouterr().err


def test_bad_rows_are_rejected_with_their_row_number_and_the_others_imported(tmp_path, db):
    rows = good_rows(30)  # 3 bad rows in 30: 10%, the most a usable file may have
    rows[1] = whc_row(id_no="abc")
    rows[3] = whc_row(id_no="1208", latitude="200")
    rows[5] = whc_row(id_no="1000")  # the id of row 2 again
    path = write_export(tmp_path / "whc.csv", rows)

    output = run_import(path)

    assert "rejected row 3 (id_no abc): id_no 'abc' is not a positive whole number" in output
    assert "rejected row 5 (id_no 1208): latitude 200 is out of range (-90 to 90)" in output
    assert "rejected row 7 (id_no 1000): id_no 1000 is already on row 2" in output
    assert "27 created" in output
    assert "3 rejected" in output
    assert HeritageSite.objects.count() == 27
    assert not HeritageSite.objects.filter(whc_id=1208).exists()


def test_a_file_with_too_many_bad_rows_is_refused_and_nothing_written(tmp_path, existing_site):
    rows = good_rows(8) + [whc_row(id_no=str(2000 + n), latitude="north") for n in range(2)]
    path = write_export(tmp_path / "whc.csv", rows)
    with pytest.raises(CommandError, match=r"2 of its 10 rows cannot be read, more than 10%.*row 10 \(id_no 2000\)"):
        run_import(path)
    assert_nothing_written(existing_site)


def test_an_unknown_country_code_links_the_known_ones_and_warns(tmp_path, db):
    row = whc_row(id_no="1504", iso_code="ba,hr,zz", transboundary="1")
    output = run_import(write_export(tmp_path / "whc.csv", [row]))
    site = HeritageSite.objects.get(whc_id=1504)
    assert sorted(site.countries.values_list("code", flat=True)) == ["BA", "HR"]
    assert "row 2 (id_no 1504): country code ZZ unknown here; linked to BA, HR only" in output


def test_a_file_mixing_windows_1252_and_utf8_is_read_right(tmp_path, db):
    path = write_export(tmp_path / "whc.csv", [whc_row(name_fr="Réserves naturelles de l’Aïr")])
    path.write_bytes(path.read_bytes().replace("l’Aïr".encode("cp1252"), "l’Aïr".encode()))
    run_import(path)
    assert HeritageSite.objects.get(whc_id=191).name_fr == "Réserves naturelles de l’Aïr"


def test_a_new_file_replaces_the_danger_periods_of_a_site(tmp_path, db):
    run_import(write_export(tmp_path / "2003.csv", [whc_row(danger="1", danger_list="Y 2003")]))
    output = run_import(
        write_export(tmp_path / "2019.csv", [whc_row(danger="0", danger_list="P 2003-2010 P 2015-2018")])
    )
    site = HeritageSite.objects.get(whc_id=191)
    assert not site.in_danger
    assert list(site.danger_periods.values_list("start_year", "end_year")) == [(2003, 2010), (2015, 2018)]
    assert "~ id_no 191 Djémila: in_danger, danger_periods" in output


def test_a_dry_run_of_the_real_file_writes_nothing(db):
    output = run_import(require_whc_file(), "--dry-run")
    assert "1121 would be created" in output
    assert "+ id_no 208 Cultural Landscape and Archaeological Remains of the Bamiyan Valley" in output
    assert "Dry run: nothing was written." in output
    assert not HeritageSite.objects.exists()
    assert not HeritageSite.history.exists()


def test_a_region_that_disagrees_with_the_countries_is_reported(tmp_path, db):
    output = run_import(write_export(tmp_path / "whc.csv", [whc_row(region_en="Africa")]))
    assert (
        "row 2 (id_no 191): region_en is Africa but its countries are in Arab States; the countries' regions apply"
        in output
    )


def test_the_number_of_queries_does_not_grow_with_the_rows(tmp_path, db):
    def queries_to_create(first_id, count):
        rows = [
            whc_row(id_no=str(first_id + n), iso_code="ba,hr", danger="1", danger_list="Y 2001 P 1990-1995")
            for n in range(count)
        ]
        with CaptureQueriesContext(connection) as queries:
            output = run_import(write_export(tmp_path / f"{first_id}.csv", rows))
        assert f"{count} created" in output
        return len(queries)

    run_import(write_export(tmp_path / "first.csv", [whc_row()]))  # the database is not empty
    assert queries_to_create(3000, 40) == queries_to_create(4000, 4)


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.mark.parametrize(("stdout", "shows_bar"), [(Terminal(), True), (io.StringIO(), False)])
def test_a_progress_bar_is_shown_only_on_a_terminal(tmp_path, db, capsys, stdout, shows_bar):
    call_command("import_whc", str(write_export(tmp_path / "whc.csv", good_rows(3))), stdout=stdout)
    assert ("Reading" in capsys.readouterr().err) is shows_bar
    assert "3 created" in stdout.getvalue()


def test_a_second_import_while_one_runs_is_refused_and_writes_nothing(tmp_path, existing_site):
    path = tmp_path / "whc-sites.csv"
    write_export(path, good_rows(3))
    # Another process, in the middle of its import, holds the lock until its transaction ends.
    settings = connection.settings_dict
    with psycopg.connect(
        dbname=settings["NAME"], host=settings["HOST"], port=settings["PORT"], user=settings["USER"]
    ) as other:
        other.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])
        with pytest.raises(CommandError, match="Another World Heritage import is running"):
            run_import(path)
    assert_nothing_written(existing_site)
    run_import(path)
    assert HeritageSite.objects.count() == 4


def test_a_value_staff_corrected_after_an_import_is_kept_with_a_warning(tmp_path, db):
    run_import(write_export(tmp_path / "2019.csv", [whc_row()]))
    site = HeritageSite.objects.get(whc_id=191)
    site.name_en = "Djémila (Cuicul)"
    site.save()  # as an edit in the admin: history without the import's reason

    changed_upstream = whc_row(name_en="Djemila", date_inscribed="1983")
    output = run_import(write_export(tmp_path / "2020.csv", [changed_upstream]))
    site.refresh_from_db()
    assert site.name_en == "Djémila (Cuicul)"
    assert site.inscription_year == 1983
    assert "name_en kept as staff corrected it (the file says 'Djemila'" in output
    assert "1 values corrected by staff kept" in output

    output = run_import(write_export(tmp_path / "2020.csv", [changed_upstream]), "--overwrite-corrections")
    site.refresh_from_db()
    assert site.name_en == "Djemila"
    assert "kept as staff corrected it" not in output


def test_a_value_staff_set_back_to_the_imported_one_is_no_correction(tmp_path, db):
    run_import(write_export(tmp_path / "2019.csv", [whc_row()]))
    site = HeritageSite.objects.get(whc_id=191)
    site.name_en = "Typo"
    site.save()
    site.name_en = "Djémila"
    site.save()
    run_import(write_export(tmp_path / "2020.csv", [whc_row(name_en="Djemila")]))
    site.refresh_from_db()
    assert site.name_en == "Djemila"


def test_rows_with_numbers_out_of_bounds_are_rejected_with_row_column_and_value(tmp_path, db):
    rows = good_rows(30)
    rows[1] = whc_row(id_no="1201", area_hectares="1e100")
    rows[2] = whc_row(id_no="1202", area_hectares="1" * 40)
    rows[3] = whc_row(id_no="1203", area_hectares="inf")
    path = write_export(tmp_path / "whc.csv", rows)

    output = run_import(path)

    assert "rejected row 3 (id_no 1201): area_hectares 1e100 is too large" in output
    assert f"rejected row 4 (id_no 1202): area_hectares {'1' * 40} is too large" in output
    assert "rejected row 5 (id_no 1203): area_hectares 'inf' is not a number" in output
    assert "27 created" in output
    assert not HeritageSite.objects.filter(whc_id__in=[1201, 1202, 1203]).exists()


def test_a_file_of_numbers_out_of_bounds_is_refused_and_nothing_written(tmp_path, existing_site):
    values = ["1e100", "nan", "-5", "1" * 40]
    rows = good_rows(6) + [whc_row(id_no=str(2000 + n), area_hectares=value) for n, value in enumerate(values)]
    rows.append(whc_row(id_no="2010", latitude="200"))
    path = write_export(tmp_path / "whc.csv", rows)
    with pytest.raises(
        CommandError, match=r"5 of its 11 rows cannot be read.*row 8 \(id_no 2000\): area_hectares 1e100"
    ):
        run_import(path)
    assert_nothing_written(existing_site)
