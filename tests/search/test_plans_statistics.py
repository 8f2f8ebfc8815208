"""Whatever writes in bulk leaves fresh planner statistics (``search.analyze``): seeding and every import."""

import io
from contextlib import contextmanager

import pytest
import tablib
from django.core.management import call_command
from django.db import connection

from experts.resources import ExpertResource
from reports.samplepdf import make_pdf
from search.analyze import analyze, tables_of
from tests.heritage.whc_export import whc_row, write_export
from tests.reports.test_import_reports import write_csv

pytestmark = pytest.mark.django_db


def times_analysed(table):
    """How many times ``table`` has been analysed: the statistics' own counter, read afresh."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT analyze_count FROM pg_stat_user_tables WHERE relname = %s", [table])
        return cursor.fetchone()[0]


@pytest.fixture
def analysed(django_capture_on_commit_callbacks):
    """``with analysed(*tables) as counts:`` runs its block with its commit callbacks; ``counts`` then holds
    how many times each table was analysed."""

    @contextmanager
    def counting(*tables):
        before = {table: times_analysed(table) for table in tables}
        counts = {}
        with django_capture_on_commit_callbacks(execute=True):
            yield counts
        counts.update({table: times_analysed(table) - before[table] for table in tables})

    return counting


def test_the_tables_of_a_model_are_its_own_its_link_tables_and_its_facet_codes():
    from experts.models import Expert

    assert tables_of(Expert) == [
        "experts_expert",
        "experts_expert_specialties",
        "experts_expert_countries",
        "experts_expert_languages",
        "experts_expertfacetcodes",
    ]


def test_analyze_waits_for_the_commit(django_capture_on_commit_callbacks):
    from experts.models import Expert

    with django_capture_on_commit_callbacks() as callbacks:
        analyze(Expert)
    assert len(callbacks) == 1


def test_seeding_the_demo_analyses_every_table(analysed):
    with analysed("experts_expert", "projects_cooperationproject", "members_organization") as counts:
        call_command("seed_demo", experts=5, projects=2, verbosity=0)
    assert counts == {"experts_expert": 1, "projects_cooperationproject": 1, "members_organization": 1}


def test_the_world_heritage_import_analyses_the_sites(analysed, tmp_path):
    path = write_export(tmp_path / "whc.csv", [whc_row(id_no="1001", name_en="Site")])
    with analysed("heritage_heritagesite", "heritage_heritagesite_countries", "experts_expert") as counts:
        call_command("import_whc", str(path), stdout=io.StringIO())
    assert counts == {"heritage_heritagesite": 1, "heritage_heritagesite_countries": 1, "experts_expert": 0}


def test_a_dry_run_of_the_world_heritage_import_analyses_nothing(analysed, tmp_path):
    path = write_export(tmp_path / "whc.csv", [whc_row(id_no="1001", name_en="Site")])
    with analysed("heritage_heritagesite") as counts:
        call_command("import_whc", str(path), "--dry-run", stdout=io.StringIO())
    assert counts == {"heritage_heritagesite": 0}


def test_the_reports_import_analyses_the_reports(analysed, tmp_path):
    (tmp_path / "laos.pdf").write_bytes(make_pdf([["Wat Phou survey"]]))
    csv_path = write_csv(
        tmp_path / "reports.csv", [["ラオス調査", "Laos survey", "country_survey", "2015", "laos.pdf"]]
    )
    with analysed("reports_report") as counts:
        call_command("import_reports", str(csv_path), str(tmp_path), stdout=io.StringIO())
    assert counts == {"reports_report": 1}


def test_an_admin_import_analyses_its_model_and_its_preview_does_not(analysed):
    rows = tablib.Dataset(headers=["id", "family_name_en", "given_name_en", "visibility"])
    rows.append(["", "Rossi", "Anna", "members"])
    with analysed("experts_expert", "experts_expertfacetcodes") as preview:
        result = ExpertResource().import_data(rows, dry_run=True)
    assert not result.has_errors()
    assert preview == {"experts_expert": 0, "experts_expertfacetcodes": 0}
    with analysed("experts_expert", "experts_expertfacetcodes") as confirmed:
        ExpertResource().import_data(rows, dry_run=False)
    assert confirmed == {"experts_expert": 1, "experts_expertfacetcodes": 1}
