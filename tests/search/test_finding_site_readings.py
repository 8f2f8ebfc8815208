"""A heritage site is found by the roman reading of its names, in any script and spelling (``search.readings``)."""

import pytest
from django.apps import apps
from django.urls import reverse

from heritage.models import HeritageSite
from search.readings import place_reading


def found(client, q):
    response = client.get(reverse("heritage:list"), {"q": q})
    assert response.status_code == 200
    return {site.pk for site in response.context["results"]}


@pytest.fixture
def sites(db):
    return {
        # In Japanese and English.
        "horyuji": HeritageSite.objects.create(
            name_ja="法隆寺地域の仏教建造物", name_en="Buddhist Monuments in the Horyu-ji Area", category="cultural"
        ),
        # In Japanese only, its name read by the dictionary.
        "yakushima": HeritageSite.objects.create(name_ja="屋久島", category="natural"),
        # In roman letters only: a name in kanji finds it by its reading.
        "himeji": HeritageSite.objects.create(name_en="Himeji-jo", category="cultural"),
        "nikko": HeritageSite.objects.create(name_en="Shrines and Temples of Nikkō", category="cultural"),
        # Written in kanji: 日光 does not find it, whatever it reads.
        "other": HeritageSite.objects.create(name_ja="日向の社寺", name_en="Hyuga shrines", category="cultural"),
        "angkor": HeritageSite.objects.create(name_ja="アンコール遺跡群", name_en="Angkor", category="cultural"),
    }


CASES = [
    ("horyuji", ["法隆寺", "Horyuji", "Hōryū-ji", "horyu-ji", "HORYUJI", "ほうりゅうじ", "ホウリュウジ", "Houryuuji"]),
    ("yakushima", ["屋久島", "Yakushima", "yakusima", "やくしま", "ヤクシマ"]),
    ("himeji", ["姫路城", "Himeji-jo", "Himejijo", "himeji", "ひめじじょう"]),
    ("nikko", ["日光", "Nikko", "Nikkō", "nikkou", "にっこう"]),
]


@pytest.mark.parametrize(
    ("which", "q"), [pytest.param(which, q, id=f"{which}-{q}") for which, spellings in CASES for q in spellings]
)
def test_a_site_is_found_by_any_script_and_spelling_of_its_name(member_client, sites, which, q):
    assert sites[which].pk in found(member_client, q)


@pytest.mark.parametrize(("q", "not_found"), [("日光", "other"), ("法隆寺", "yakushima"), ("Yakushima", "horyuji")])
def test_a_reading_does_not_find_another_site(member_client, sites, q, not_found):
    assert sites[not_found].pk not in found(member_client, q)


def test_the_reading_is_read_word_by_word_and_run_together():
    assert place_reading(name_ja="屋久島") == "yaku sima yakusima"
    assert place_reading(name_ja="法隆寺地域の仏教建造物", name_en="Buddhist Monuments in the Horyu-ji Area") == (
        "horyuzi tiiki no bukkyo kenzobutu horyuzitiiki bukkyokenzobutu | buddhist monuments in the horyuzi area"
    )
    # Marks and symbols part the words; what the dictionary cannot read gives no reading.
    assert place_reading(name_ja="プレア・ビヒア寺院") == "purea bihia ziin"
    assert place_reading(name_ja="〓") == ""
    assert place_reading() == ""


def test_the_reading_is_stored_when_saved_and_follows_the_name(db):
    site = HeritageSite.objects.create(name_ja="姫路城", category="cultural")
    assert HeritageSite.objects.get(pk=site.pk).name_reading == "himezizyo"
    site.name_ja = "屋久島"
    site.save(update_fields=["name_ja"])
    assert HeritageSite.objects.get(pk=site.pk).name_reading == "yaku sima yakusima"


def test_bulk_writes_make_the_readings_too(db):
    # The World Heritage importer and the demo seeder write sites in bulk.
    (site,) = HeritageSite.objects.bulk_create([HeritageSite(name_en="Himeji-jo", category="cultural")])
    assert HeritageSite.objects.get(pk=site.pk).name_reading == "himezizyo"
    site.name_en = "Nikko"
    HeritageSite.objects.bulk_update([site], ["name_en"])
    assert HeritageSite.objects.get(pk=site.pk).name_reading == "nikko"
    site.category = "mixed"
    HeritageSite.objects.bulk_update([site], ["category"])
    assert HeritageSite.objects.get(pk=site.pk).name_reading == "nikko"


def test_the_migration_fills_the_readings_of_existing_sites(sites):
    HeritageSite.objects.update(name_reading="")
    migration = __import__("heritage.migrations.0009_name_readings", fromlist=["fill_readings"])
    migration.fill_readings(apps, None)
    assert HeritageSite.objects.get(pk=sites["yakushima"].pk).name_reading == "yaku sima yakusima"
    assert HeritageSite.objects.get(pk=sites["himeji"].pk).name_reading == "himezizyo"
    assert found_in_text(sites["yakushima"], " yakusima ")


def found_in_text(site, text):
    return text in HeritageSite.objects.values_list("search_text", flat=True).get(pk=site.pk)
