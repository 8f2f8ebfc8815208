"""The reference data the migrations load: regions, countries, languages and the controlled vocabularies."""

import csv
import importlib
import io
from pathlib import Path

import pycountry
import pytest
from django.apps import apps

from consortium.models import Country, Language, Region
from consortium.reference import regions, vocabularies
from consortium.reference.languages import language_rows
from experts.models import Specialty
from heritage.models import Threat
from members.models import Committee
from projects.models import Funder

WHC_FILE = Path(__file__).resolve().parents[3] / "shared" / "data" / "whc-sites-2019.csv"

countries_migration = importlib.import_module("consortium.migrations.0002_regions_countries_languages")
vocabularies_migration = importlib.import_module("consortium.migrations.0003_reference_vocabularies")
# Its funding schemes protect the funders: migrating back removes them first.
schemes_migration = importlib.import_module("projects.migrations.0013_real_funding_schemes")


@pytest.fixture(scope="module")
def whc_properties():
    """(ISO codes, UNESCO region names) of every property on the World Heritage List file."""
    # The file mixes Windows-1252 and UTF-8; the two columns read here are plain ASCII,
    # which Latin-1 decodes byte for byte whatever the rest of the row holds.
    text = WHC_FILE.read_bytes().decode("latin-1")
    return [
        (
            [code.strip().upper() for code in row["iso_code"].split(",") if code.strip()],
            {region.strip() for region in row["region_en"].split(",") if region.strip()},
        )
        for row in csv.DictReader(io.StringIO(text))
    ]


def unesco_region_names(codes):
    return set(Country.objects.filter(code__in=codes).values_list("unesco_region__name_en", flat=True).distinct())


@pytest.mark.django_db
def test_every_iso_3166_country_is_loaded():
    assert Country.objects.count() == len(pycountry.countries) == 249
    assert set(Country.objects.values_list("code", flat=True)) == {c.alpha_2 for c in pycountry.countries}


@pytest.mark.django_db
def test_every_country_has_both_names_and_its_alpha3_code():
    assert not Country.objects.filter(name_ja="").exists()
    assert not Country.objects.filter(name_en="").exists()
    assert Country.objects.get(code="KH").alpha3 == "KHM"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code, name_ja, name_en",
    [
        ("JP", "日本", "Japan"),
        ("CI", "コートジボワール", "Côte d'Ivoire"),
        ("BO", "ボリビア", "Bolivia"),
        ("KR", "韓国", "South Korea"),
        ("CD", "コンゴ民主共和国", "Democratic Republic of the Congo"),
        ("CG", "コンゴ共和国", "Republic of the Congo"),
        ("MM", "ミャンマー", "Myanmar"),
        ("PS", "パレスチナ", "Palestine"),
        ("KN", "セントクリストファー・ネーヴィス", "Saint Kitts and Nevis"),
        # Countries that share transboundary World Heritage properties.
        ("MN", "モンゴル", "Mongolia"),
        ("RU", "ロシア", "Russia"),
        ("KZ", "カザフスタン", "Kazakhstan"),
        ("KG", "キルギス", "Kyrgyzstan"),
    ],
)
def test_country_names_in_both_languages(code, name_ja, name_en):
    country = Country.objects.get(code=code)
    assert (country.name_ja, country.name_en) == (name_ja, name_en)


@pytest.mark.django_db
def test_regions_of_both_schemes_are_loaded_in_both_languages():
    assert list(Region.objects.filter(scheme=Region.Scheme.UNESCO).values_list("code", "name_ja", "name_en")) == [
        ("africa", "アフリカ", "Africa"),
        ("arab-states", "アラブ諸国", "Arab States"),
        ("asia-pacific", "アジア太平洋", "Asia and the Pacific"),
        ("europe-north-america", "ヨーロッパ・北米", "Europe and North America"),
        ("latin-america-caribbean", "ラテンアメリカ・カリブ", "Latin America and the Caribbean"),
    ]
    assert list(Region.objects.filter(scheme=Region.Scheme.SUBCOMMITTEE).values_list("code", flat=True)) == [
        "southeast-south-asia",
        "west-asia",
        "east-central-asia",
        "europe",
        "africa",
        "latin-america",
        "oceania",
        "north-america",
    ]


@pytest.mark.django_db
def test_unesco_region_agrees_with_the_world_heritage_list_for_every_single_country_property(whc_properties):
    single = [(codes[0], regions) for codes, regions in whc_properties if len(codes) == 1]
    assert len(single) > 1000
    ours = dict(Country.objects.values_list("code", "unesco_region__name_en"))
    disagreements = [(code, regions, ours.get(code)) for code, regions in single if {ours.get(code)} != regions]
    assert disagreements == []


@pytest.mark.django_db
def test_unesco_regions_of_a_transboundary_property_are_those_of_its_countries(whc_properties):
    transboundary = [(codes, regions) for codes, regions in whc_properties if len(codes) > 1]
    assert len(transboundary) > 30
    disagreements = [(codes, regions) for codes, regions in transboundary if unesco_region_names(codes) != regions]
    assert disagreements == []


@pytest.mark.django_db
def test_every_country_on_the_world_heritage_list_exists(whc_properties):
    listed = {code for codes, _regions in whc_properties for code in codes}
    assert len(listed) > 160
    assert listed - set(Country.objects.values_list("code", flat=True)) == set()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code, region",
    [
        ("IL", "europe-north-america"),
        ("TR", "europe-north-america"),
        ("GE", "europe-north-america"),
        ("KZ", "asia-pacific"),
        ("MR", "arab-states"),
        ("SD", "arab-states"),
        ("DJ", "africa"),
        ("MX", "latin-america-caribbean"),
        ("CA", "europe-north-america"),
        ("FJ", "asia-pacific"),
        # Territories that belong to no UNESCO group.
        ("TW", None),
        ("HK", None),
        ("GL", None),
        ("AQ", None),
    ],
)
def test_unesco_region_of(code, region):
    country = Country.objects.select_related("unesco_region").get(code=code)
    assert (country.unesco_region.code if country.unesco_region else None) == region


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code, region",
    [
        ("KH", "southeast-south-asia"),
        ("IN", "southeast-south-asia"),
        ("AF", "west-asia"),
        ("IR", "west-asia"),
        ("EG", "west-asia"),
        ("SY", "west-asia"),
        ("PE", "latin-america"),
        ("CU", "latin-america"),
        ("IT", "europe"),
        ("CY", "europe"),
        ("RU", "europe"),
        ("UZ", "east-central-asia"),
        ("MN", "east-central-asia"),
        ("SD", "africa"),
        ("MG", "africa"),
        ("FM", "oceania"),
        ("US", "north-america"),
    ],
)
def test_subcommittee_region_of(code, region):
    country = Country.objects.select_related("subcommittee_region").get(code=code)
    assert country.subcommittee_region.code == region


@pytest.mark.django_db
def test_only_antarctica_has_no_subcommittee_region():
    assert list(Country.objects.filter(subcommittee_region=None).values_list("code", flat=True)) == ["AQ"]


@pytest.mark.django_db
def test_iso_639_1_languages_are_loaded_in_both_languages():
    assert Language.objects.count() == len([lang for lang in pycountry.languages if hasattr(lang, "alpha_2")])
    assert not Language.objects.filter(name_ja="").exists()
    assert not Language.objects.filter(name_en="").exists()
    assert Language.objects.get(code="ja").name_ja == "日本語"
    assert Language.objects.get(code="km").name_en == "Khmer"
    assert Language.objects.get(code="ar").name_ja == "アラビア語"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model, table",
    [
        (Specialty, vocabularies.SPECIALTIES),
        (Threat, vocabularies.THREATS),
        (Committee, vocabularies.SUBCOMMITTEES),
        (Funder, vocabularies.FUNDERS),
    ],
)
def test_vocabulary_is_loaded_in_both_languages(model, table):
    assert model.objects.count() == len(table)
    assert not model.objects.filter(name_ja="").exists()
    assert not model.objects.filter(name_en="").exists()


@pytest.mark.django_db
def test_vocabulary_spot_checks():
    assert Specialty.objects.get(code="archaeology").name_ja == "考古学"
    assert Specialty.objects.get(code="underwater-heritage").name_en == "Underwater heritage"
    assert Threat.objects.get(code="armed-conflict").name_ja == "武力紛争"
    assert Threat.objects.get(code="looting-trafficking").name_en == "Looting and illicit trafficking"


@pytest.mark.django_db
def test_regional_subcommittees_belong_to_their_region():
    regional = Committee.objects.exclude(region=None).select_related("region")
    assert {(sub.code, sub.region.code, sub.region.scheme) for sub in regional} == {
        (code, code, Region.Scheme.SUBCOMMITTEE)
        for code in ("southeast-south-asia", "west-asia", "east-central-asia", "europe", "africa", "latin-america")
    }
    assert Committee.objects.get(region=None).name_ja == "企画分科会"


@pytest.mark.django_db
def test_funders_have_a_kind_and_an_official_website():
    kinds = set(Funder.Kind.values)
    for funder in Funder.objects.all():
        assert funder.kind in kinds, funder.code
        assert funder.website.startswith("https://"), funder.code
    assert Funder.objects.get(code="bunka").name_ja == "文化庁"
    assert Funder.objects.get(code="jica").kind == Funder.Kind.AGENCY
    assert Funder.objects.get(code="unesco-jfit-heritage").kind == Funder.Kind.INTERNATIONAL
    assert not Funder.objects.filter(name_ja__contains="文化財研究所").exists()


@pytest.mark.django_db
def test_loading_again_restores_names_and_creates_no_duplicates():
    counts = [model.objects.count() for model in (Region, Country, Language, Specialty, Threat, Committee, Funder)]
    Country.objects.filter(code="JP").update(name_en="Nippon", unesco_region=None)
    Funder.objects.filter(code="jica").update(website="https://example.org/")

    countries_migration.load(apps, None)
    vocabularies_migration.load(apps, None)

    assert [
        model.objects.count() for model in (Region, Country, Language, Specialty, Threat, Committee, Funder)
    ] == counts
    japan = Country.objects.select_related("unesco_region").get(code="JP")
    assert (japan.name_en, japan.unesco_region.code) == ("Japan", "asia-pacific")
    assert Funder.objects.get(code="jica").website == "https://www.jica.go.jp/"


@pytest.mark.django_db
def test_unloading_removes_what_loading_added():
    schemes_migration.unload(apps, None)
    vocabularies_migration.unload(apps, None)
    countries_migration.unload(apps, None)

    region_codes = [row[0] for row in regions.UNESCO_REGIONS + regions.SUBCOMMITTEE_REGIONS]
    assert not Region.objects.filter(code__in=region_codes).exists()
    assert not Country.objects.filter(code__in=[country.alpha_2 for country in pycountry.countries]).exists()
    assert not Language.objects.filter(code__in=[row["code"] for row in language_rows()]).exists()
    for model, table in (
        (Specialty, vocabularies.SPECIALTIES),
        (Threat, vocabularies.THREATS),
        (Committee, vocabularies.SUBCOMMITTEES),
        (Funder, vocabularies.FUNDERS),
    ):
        assert not model.objects.filter(code__in=[row[0] for row in table]).exists(), model.__name__
