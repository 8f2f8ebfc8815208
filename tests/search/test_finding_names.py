"""A person is found by their name in any script and spelling, through the list page a member uses."""

import pytest
from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from experts.models import Expert
from search.textnorm import normalize


def found(client, q):
    response = client.get(reverse("experts:list"), {"q": q})
    assert response.status_code == 200
    return {expert.pk for expert in response.context["results"]}


@pytest.fixture
def people(db):
    """People recorded in one script or spelling each, with others that must not be found for them."""
    return {
        # Kana and kanji only, no roman name.
        "yamazaki": Expert.objects.create(
            family_name="山崎", given_name="花", family_name_kana="ヤマザキ", given_name_kana="ハナ"
        ),
        # Roman letters only, with a macron.
        "ono": Expert.objects.create(family_name_en="Ōno", given_name_en="Hiroshi"),
        # Variant kanji, with kana.
        "takahashi": Expert.objects.create(
            family_name="髙橋", given_name="一郎", family_name_kana="たかはし", given_name_kana="いちろう"
        ),
        "saito": Expert.objects.create(family_name="齋藤", given_name="誠", family_name_en="Saito"),
        "watanabe": Expert.objects.create(family_name="渡辺", given_name="恵", family_name_en="Watanabe"),
        "shimbashi": Expert.objects.create(family_name_en="Shimbashi", given_name_en="Jun'ichi"),
        "homma": Expert.objects.create(family_name="本間", family_name_kana="ホンマ", given_name_en="Kaori"),
        # Kanji alone: the dictionary reads it.
        "sasaki": Expert.objects.create(family_name="佐々木", given_name="守"),
        # Others, that none of the names above should find.
        "yamasaki": Expert.objects.create(family_name_en="Yamasaki", given_name_en="Ken"),
        "tanaka": Expert.objects.create(family_name="田中", family_name_kana="タナカ", family_name_en="Tanaka"),
    }


CASES = [
    ("yamazaki", ["Yamazaki", "yamazaki", "YAMAZAKI", "やまざき", "ヤマザキ", "山崎", "山﨑", "山嵜", "ﾔﾏｻﾞｷ"]),
    ("ono", ["Ōno", "Ohno", "Ono", "Oono", "Ouno", "Ôno", "おおの", "オオノ", "オーノ", "ono hiroshi", "Hirosi Ono"]),
    ("takahashi", ["高橋", "髙橋", "Takahashi", "takahasi", "タカハシ", "Ichiro Takahashi", "itirou"]),
    ("saito", ["斎藤", "齋藤", "齊藤", "斉藤", "Saitoh", "Saitou", "Saitō"]),
    ("watanabe", ["渡辺", "渡邊", "渡邉", "Watanabe"]),
    ("shimbashi", ["Shinbashi", "Shimbashi", "sinbasi", "しんばし", "Junichi", "Jun-ichi", "zyuniti"]),
    ("homma", ["Homma", "Honma", "ほんま"]),
    ("sasaki", ["佐々木", "Sasaki", "ささき"]),
]


@pytest.mark.parametrize(
    ("who", "q"),
    [pytest.param(who, q, id=f"{who}-{q}") for who, spellings in CASES for q in spellings],
)
def test_a_person_is_found_by_any_script_and_spelling(member_client, people, who, q):
    assert people[who].pk in found(member_client, q)


@pytest.mark.parametrize(
    ("q", "not_found"),
    [
        ("Yamazaki", "yamasaki"),
        ("やまざき", "yamasaki"),
        ("Yamasaki", "yamazaki"),
        ("高橋", "tanaka"),
        ("Ohno", "tanaka"),
    ],
)
def test_a_different_name_is_not_found(member_client, people, q, not_found):
    assert people[not_found].pk not in found(member_client, q)


def test_the_reading_is_stored_when_saved_and_follows_the_name(db):
    expert = Expert.objects.create(family_name="大野", family_name_kana="オオノ")
    assert Expert.objects.get(pk=expert.pk).name_reading == "ono"
    expert.family_name_kana = "オオタ"
    expert.save(update_fields=["family_name_kana"])
    assert Expert.objects.get(pk=expert.pk).name_reading == "ota"
    assert normalize("ota") in Expert.objects.values_list("search_text", flat=True).get(pk=expert.pk)


def test_the_migration_fills_the_readings_of_existing_experts(people):
    Expert.objects.update(name_reading="")
    migration = __import__(
        "experts.migrations.0011_name_readings_and_bigrams_of_every_text", fromlist=["fill_readings"]
    )
    migration.fill_readings(apps, None)
    assert Expert.objects.get(pk=people["yamazaki"].pk).name_reading == "yamazaki hana"
    assert Expert.objects.get(pk=people["ono"].pk).name_reading == "ono hirosi"


def test_the_demo_seeder_writes_readings(db):
    from django.core.management import call_command

    call_command("seed_demo", experts=30, projects=5, seed=7, verbosity=0)
    japanese = Expert.objects.exclude(family_name_kana="")
    assert japanese.exists()
    assert not japanese.filter(name_reading="").exists()


def test_the_query_count_of_a_reading_search_stays_flat(member_client, people, django_assert_num_queries):
    # Kana and a variant spelling, each looked up with its reading beside it.
    url = reverse("experts:list") + "?q=おおの"
    with CaptureQueriesContext(connection) as few:
        assert member_client.get(url).status_code == 200
    for number in range(25):
        Expert.objects.create(family_name_en="Ohno", given_name_en=f"Test{number}")
    with django_assert_num_queries(len(few.captured_queries)):
        response = member_client.get(url)
    assert len(response.context["results"]) > 1


def test_a_folded_spelling_is_answered_from_the_trigram_index(people):
    from search.matching import matching
    from search.query import Query

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Expert.objects.filter(matching(Query.parse("おおの"))).order_by().only("pk").explain()
    assert "expert_search_trgm_idx" in plan, plan
