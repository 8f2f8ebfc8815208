"""Importing UNESCO's real World Heritage list: read once for the module, then checked site by site."""

import io
import re
import time
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from heritage.models import DangerPeriod, HeritageSite
from tests.heritage.whc_export import require_whc_file

# Every test here reads the database, so that pytest-django sets up the test database even for one test.
pytestmark = pytest.mark.django_db

SITES_IN_FILE = 1121


@dataclass
class Import:
    output: str
    seconds: float


def run_import(*args):
    out = io.StringIO()
    call_command("import_whc", str(require_whc_file()), *args, stdout=out)
    return out.getvalue()


def table_sizes():
    history = HeritageSite.history.model
    return {
        "sites": HeritageSite.objects.count(),
        "countries": HeritageSite.countries.through.objects.count(),
        "danger periods": DangerPeriod.objects.count(),
        "history": history.objects.count(),
        "country history": history.countries.model.objects.count(),
    }


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """The real file imported once; each test runs in a transaction rolled back after it."""
    require_whc_file()
    with django_db_blocker.unblock():
        # The teardown empties the sites table: make sure it is the test database's.
        assert connection.settings_dict["NAME"] == connection.settings_dict["TEST"]["NAME"]
        started = time.perf_counter()
        output = run_import()
        yield Import(output, time.perf_counter() - started)
        with override_settings(SIMPLE_HISTORY_ENABLED=False):  # no "deleted" record for each site
            HeritageSite.objects.all().delete()
        history = HeritageSite.history.model
        for model in (history.countries.model, history.threats.model, history):
            model.objects.all().delete()


@pytest.fixture
def site(imported, db):
    def by_whc_id(whc_id):
        return HeritageSite.objects.prefetch_related("countries", "danger_periods").get(whc_id=whc_id)

    return by_whc_id


def summary_line(output, label):
    match = re.search(rf"^(\d+) (?:would be )?{label}$", output, re.MULTILINE)
    assert match, f"no '{label}' line in:\n{output}"
    return int(match.group(1))


def test_every_property_of_the_list_is_imported(imported, db):
    assert HeritageSite.objects.count() == SITES_IN_FILE
    assert summary_line(imported.output, "created") == SITES_IN_FILE
    assert summary_line(imported.output, "rejected") == 0


def test_the_whole_list_imports_in_a_few_seconds(imported, db):
    assert imported.seconds < 15  # typically 3 to 6 s on a shared, busy machine


def test_a_transboundary_property_is_linked_to_each_of_its_countries(site):
    stecci = site(1504)  # Stećci Medieval Tombstone Graveyards
    assert stecci.transboundary
    assert {country.code for country in stecci.countries.all()} == {"BA", "HR", "RS", "ME"}
    beech_forests = site(1133)
    assert beech_forests.countries.count() == 12
    assert beech_forests in HeritageSite.objects.filter(countries__code="UA")


def test_a_property_in_danger_has_its_current_and_past_periods(site):
    timbuktu = site(119)  # "Y 2012 P 1990-2005"
    assert timbuktu.in_danger
    assert [(p.start_year, p.end_year) for p in timbuktu.danger_periods.all()] == [(1990, 2005), (2012, None)]
    bamiyan = site(208)  # "Y 2003"
    assert bamiyan.in_danger
    assert [(p.start_year, p.end_year) for p in bamiyan.danger_periods.all()] == [(2003, None)]


def test_a_property_no_longer_in_danger_keeps_its_past_periods(site):
    djoudj = site(25)  # "P 1984-1988 P 2000-2006"
    assert not djoudj.in_danger
    assert [(p.start_year, p.end_year) for p in djoudj.danger_periods.all()] == [(1984, 1988), (2000, 2006)]
    assert HeritageSite.objects.filter(in_danger=True).count() == 53


def test_accents_and_quotes_are_decoded(site):
    assert site(191).name_en == "Djémila"
    assert site(573).name_fr == "Réserves naturelles de l'Aïr et du Ténéré"
    assert "caractérisé l’ancienne Bactriane" in site(208).description_fr
    assert site(786).name_en == "Palace and Gardens of Schönbrunn"
    # Windows-1252 "íž" and a no-break space happen to be valid UTF-8 (a Hangul letter): read as Windows-1252.
    assert site(860).description_en.startswith("Krom??íž stands on the site")


def test_no_text_holds_mojibake(imported, db):
    mojibake = re.compile("[\u0080-\u009f\ufffd\uac00-\ud7ff]|Ã[\u0080-\u00bf]|â€")
    for values in HeritageSite.objects.values_list("name_en", "name_fr", "description_en", "description_fr"):
        for text in values:
            assert not mojibake.search(text), text


def test_no_tag_or_entity_is_left_in_any_text(imported, db):
    markup = re.compile(r"</?[a-zA-Z][^>]*>|&(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);")
    for values in HeritageSite.objects.values_list("name_en", "name_fr", "description_en", "description_fr"):
        for text in values:
            assert not markup.search(text), text


def test_descriptions_keep_their_paragraphs(site):
    description = site(620).description_en  # two <p> in the file
    paragraphs = description.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[1].startswith("The extended site features")
    assert all(paragraph == paragraph.strip() and "  " not in paragraph for paragraph in paragraphs)


def test_names_are_trimmed(site):
    assert site(335).name_en == "Nanda Devi and Valley of Flowers National Parks"
    assert site(1213).name_fr.startswith("Sanctuaires du grand panda")
    assert site(447).name_en == "Uluru-Kata Tjuta National Park"
    assert not HeritageSite.objects.filter(name_en__regex=r"^\s|\s$|\s\s").exists()
    assert not HeritageSite.objects.filter(name_fr__regex=r"^\s|\s$|\s\s").exists()


def test_the_property_without_a_country_is_imported_with_a_warning(imported, site):
    jerusalem = site(148)
    assert jerusalem.name_en == "Old City of Jerusalem and its Walls"
    assert jerusalem.countries.count() == 0
    assert "row 578 (id_no 148): no country code (Jerusalem (Site proposed by Jordan), Arab States)" in imported.output


def test_every_other_country_code_and_region_of_the_file_is_known(imported):
    assert "unknown here" not in imported.output
    assert "region_en is" not in imported.output
    assert HeritageSite.objects.filter(countries__isnull=True).count() == 1


def test_figures_come_in_as_numbers(site):
    bamiyan = site(208)
    assert bamiyan.category == HeritageSite.Category.CULTURAL
    assert bamiyan.inscription_year == 2003
    assert bamiyan.criteria == ["i", "ii", "iii", "iv", "vi"]
    assert (bamiyan.latitude, bamiyan.longitude) == (Decimal("34.846940"), Decimal("67.825250"))
    assert bamiyan.area_hectares == Decimal("158.93")
    assert site(179).category == HeritageSite.Category.MIXED  # Tassili n'Ajjer
    assert site(136).category == HeritageSite.Category.NATURAL  # Garamba
    assert (site(1490).latitude, site(1490).longitude) == (None, None)  # given as 0, 0


def test_each_imported_site_has_a_history_record_with_its_countries(site):
    record = site(1504).history.get()
    assert record.history_type == "+"
    assert record.history_change_reason == "import_whc"
    assert {row.country_id for row in record.countries.all()} == {"BA", "HR", "RS", "ME"}
    assert HeritageSite.history.filter(history_change_reason="import_whc").count() == SITES_IN_FILE


def test_a_second_import_changes_nothing(imported, db):
    before = table_sizes()
    output = run_import()
    assert summary_line(output, "created") == 0
    assert summary_line(output, "updated") == 0
    assert summary_line(output, "unchanged") == SITES_IN_FILE
    assert table_sizes() == before


def test_a_second_import_updates_a_changed_site_in_place(site):
    bamiyan = site(208)
    # An older name from UNESCO's list (written without history, so not a staff correction) and a
    # Japanese description, which the file does not hold.
    HeritageSite.objects.filter(pk=bamiyan.pk).update(
        name_en="Bamiyan", description_ja="バーミヤン渓谷の文化的景観と古代遺跡群"
    )
    bamiyan.countries.clear()
    bamiyan.danger_periods.all().delete()

    output = run_import()

    assert summary_line(output, "updated") == 1
    assert "~ id_no 208 Cultural Landscape and Archaeological Remains of the Bamiyan Valley: " in output
    assert "name_en, countries, danger_periods" in output
    restored = site(208)
    assert restored.pk == bamiyan.pk
    assert restored.name_en == "Cultural Landscape and Archaeological Remains of the Bamiyan Valley"
    assert restored.description_ja == "バーミヤン渓谷の文化的景観と古代遺跡群"  # not in the file: kept
    assert [country.code for country in restored.countries.all()] == ["AF"]
    assert [(p.start_year, p.end_year) for p in restored.danger_periods.all()] == [(2003, None)]
    assert restored.history.first().history_change_reason == "import_whc"


def test_a_dry_run_shows_the_changes_and_writes_nothing(site):
    butrint = site(570)
    HeritageSite.objects.filter(pk=butrint.pk).update(area_hectares=Decimal(1))
    before = table_sizes()

    output = run_import("--dry-run")

    assert "~ id_no 570 Butrint: area_hectares" in output
    assert summary_line(output, "updated") == 1
    assert summary_line(output, "unchanged") == SITES_IN_FILE - 1
    assert "Dry run: nothing was written." in output
    assert site(570).area_hectares == Decimal(1)
    assert table_sizes() == before
