"""A name typed in kanji also finds, by its reading, the people recorded without kanji (``search.readings``)."""

import pytest
from django.db import connection
from django.urls import reverse

from experts.models import Expert
from projects.models import CooperationProject
from search.matching import matching
from search.query import Query
from search.readings import kanji_readings


def found(client, q):
    response = client.get(reverse("experts:list"), {"q": q})
    assert response.status_code == 200
    return {expert.pk for expert in response.context["results"]}


@pytest.fixture
def people(db):
    """People recorded in roman letters or kana only, and others written in kanji."""
    return {
        # Roman letters only: their records do not say which kanji their names have.
        "yamazaki": Expert.objects.create(family_name_en="Yamazaki", given_name_en="Hanako"),
        "yamasaki": Expert.objects.create(family_name_en="Yamasaki", given_name_en="Ken"),
        "nakashima": Expert.objects.create(family_name_en="Nakashima", given_name_en="Emi"),
        "saito": Expert.objects.create(family_name_en="Saitoh", given_name_en="Jun"),
        "horyuji": Expert.objects.create(family_name_en="Hasegawa", given_name_en="Rin"),
        "satoshi": Expert.objects.create(family_name_en="Satoshi", given_name_en="Mika"),
        # Kana and roman letters.
        "sato_kana": Expert.objects.create(
            family_name_kana="サトウ", given_name_kana="ハナコ", family_name_en="Satoh", given_name_en="Hanako"
        ),
        # Written in kanji: found by their own kanji, never by another name's reading.
        "sato_kanji": Expert.objects.create(family_name="佐藤", family_name_kana="サトウ", family_name_en="Sato"),
        "sato_other": Expert.objects.create(family_name="里", family_name_kana="サト", family_name_en="Sato"),
        "yamazaki_kanji": Expert.objects.create(family_name="山崎", given_name="学", family_name_en="Yamazaki"),
        "tanaka": Expert.objects.create(family_name_en="Tanaka", given_name_en="Yui"),
    }


CASES = [
    ("山崎", ["yamazaki", "yamasaki", "yamazaki_kanji"]),
    ("山﨑", ["yamazaki", "yamasaki", "yamazaki_kanji"]),
    ("中島", ["nakashima"]),
    ("斎藤", ["saito"]),
    ("齋藤", ["saito"]),
    ("長谷川", ["horyuji"]),
    ("佐藤", ["sato_kana", "sato_kanji"]),
    ("花子", ["yamazaki", "sato_kana"]),
    ("山崎花子", ["yamazaki"]),
    ("山崎 花子", ["yamazaki"]),
]


@pytest.mark.parametrize(("q", "who"), CASES, ids=[q for q, _who in CASES])
def test_a_name_in_kanji_finds_the_people_recorded_without_kanji_by_its_reading(member_client, people, q, who):
    assert found(member_client, q) == {people[name].pk for name in who}


@pytest.mark.parametrize(
    ("q", "not_found"),
    [
        ("佐藤", "sato_other"),  # 里 reads Sato too, and says so in kanji
        ("佐藤", "satoshi"),  # a whole word of the reading, not its beginning
        ("佐藤", "tanaka"),
        ("山崎", "tanaka"),
    ],
)
def test_a_reading_does_not_find_another_name(member_client, people, q, not_found):
    assert people[not_found].pk not in found(member_client, q)


def test_the_voicing_of_a_names_second_kanji_is_read_either_way():
    assert kanji_readings("山崎") == ("yamazaki", "yamasaki")
    assert kanji_readings("中島") == ("nakazima", "nakasima")
    assert kanji_readings("川崎") == ("kawasaki", "kawazaki")
    # 佐 and 藤 alone read sa and fuji: 佐藤's reading is its own, read one way.
    assert kanji_readings("佐藤") == ("sato",)


@pytest.mark.parametrize(
    "term",
    ["", "さとう", "sato", "〓", "々", "山" * 21, "佐藤1", "佐藤abc", "<script>", "'; DROP TABLE x;--"],
)
def test_only_japanese_terms_with_kanji_are_read(term):
    assert kanji_readings(term) == ()


@pytest.mark.parametrize("q", ["〓佐藤", "佐藤〓", "山崎" * 40, "髙橋 〓 ヶ", "佐藤 -山崎", '"山崎 花子"'])
def test_hostile_kanji_searches_answer(member_client, people, q):
    assert member_client.get(reverse("experts:list"), {"q": q}).status_code == 200


def test_a_kind_without_readings_is_searched_in_kanji_as_before(people):
    project = CooperationProject.objects.create(
        title_ja="山崎の調査", title_en="Survey", kind="research", status="ongoing", start_year=2020
    )
    assert list(CooperationProject.objects.filter(matching(Query.parse("山崎"))).values_list("pk", flat=True)) == [
        project.pk
    ]


def test_an_excluded_kanji_term_excludes_by_its_reading_too(people):
    matched = set(Expert.objects.filter(matching(Query.parse("Hanako -山崎"))).values_list("pk", flat=True))
    assert people["yamazaki"].pk not in matched
    assert people["sato_kana"].pk in matched


def test_the_reading_is_looked_up_in_the_index_of_names_without_kanji(people):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = Expert.objects.filter(matching(Query.parse("山崎"))).order_by().only("pk").explain()
    assert "expert_kanjiless_reading_idx" in plan, plan
    assert "expert_search_bigram_idx" in plan, plan


@pytest.mark.parametrize("readings", [(), ("sato|.*",), ("Sato",), ("sato ",), ("' OR 1=1 --",)])
def test_only_readings_as_search_readings_makes_them_are_looked_for(readings):
    from search.matching import ReadAs

    with pytest.raises(ValueError):
        ReadAs(readings)


def test_a_reading_is_found_through_a_subquery_too(people):
    # Reports find their authors' names through a subquery of experts (reports.filters), which relabels it.
    ids = Expert.objects.filter(matching(Query.parse("中島"))).values("pk")
    assert set(Expert.objects.filter(pk__in=ids).values_list("pk", flat=True)) == {people["nakashima"].pk}
