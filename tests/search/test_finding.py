"""Each finding rule, through the list pages a member uses."""

import pytest
from django.db import connection
from django.urls import reverse

from experts.models import Expert
from search.matching import matching
from search.query import Query


def found(client, url_name, q):
    response = client.get(reverse(url_name), {"q": q})
    assert response.status_code == 200
    return {obj.pk for obj in response.context["results"]}


@pytest.mark.parametrize(
    "q",
    [
        pytest.param("小山田", id="kanji"),
        pytest.param("おやまだ", id="hiragana-for-katakana-stored"),
        pytest.param("オヤマダ タロウ", id="katakana"),
        pytest.param("ｵﾔﾏﾀﾞ", id="half-width-katakana"),
        pytest.param("Taro Oyamada", id="roman-given-family"),
        pytest.param("Oyamada Taro", id="roman-family-given"),
        pytest.param('"oyamada taro"', id="roman-phrase-family-given"),
        pytest.param('"taro oyamada"', id="roman-phrase-given-family"),
        pytest.param("ＯＹＡＭＡＤＡ", id="full-width-roman"),
        pytest.param("小山田太郎", id="kanji-without-space"),
    ],
)
def test_a_person_is_found_in_any_script(member_client, records, q):
    assert records.oyamada.pk in found(member_client, "experts:list", q)


def test_katakana_finds_a_name_stored_in_hiragana(member_client, records):
    assert found(member_client, "experts:list", "ヤマダ") >= {records.yamada.pk, records.oyamada.pk}


def test_two_japanese_characters_find_a_name_mid_word(member_client, records):
    # 山田 is inside 小山田: a two-character word, found through the bigram index.
    assert found(member_client, "experts:list", "山田") == {records.yamada.pk, records.oyamada.pk}


def test_one_japanese_character_finds_every_name_that_holds_it(member_client, records):
    # A one-kanji family name (林, 森) is a whole name; here 田 stands inside 山田 and 小山田.
    assert found(member_client, "experts:list", "田") == {records.yamada.pk, records.oyamada.pk}
    assert found(member_client, "experts:list", "子") == {records.yamada.pk}  # 花子


def test_three_or_more_characters_find_a_substring(member_client, records):
    assert found(member_client, "heritage:list", "文化的景観") == {records.bamiyan.pk}
    assert found(member_client, "experts:list", "yamad") == {records.yamada.pk, records.oyamada.pk}


def test_english_without_accents_finds_accented_words(member_client, records):
    assert found(member_client, "heritage:list", "Djemila") == {records.djemila.pk}
    assert records.dupont.pk in found(member_client, "experts:list", "djemila")


def test_english_finds_other_inflections(member_client, records):
    # "restorations" → "restoration" (the biography) and "restorations" → "restorations" (the title).
    assert found(member_client, "experts:list", "restorations") == {records.dupont.pk}
    assert found(member_client, "projects:list", "restoration") == {records.djemila_project.pk}


def test_a_project_is_found_through_its_site(member_client, records):
    assert records.bamiyan_project.pk in found(member_client, "projects:list", "Bamiyan Valley")


def test_excluded_words_leave_records_out(member_client, records):
    assert found(member_client, "experts:list", "山田 -花子") == {records.oyamada.pk}


def test_the_indexes_serve_every_kind_of_term(records):
    """With sequential scans priced out, each kind of term is answered from its GIN index."""
    expectations = {
        "restorations": "expert_search_document_idx",
        "oyamada": "expert_search_trgm_idx",
        "山田": "expert_search_bigram_idx",
        "田": "expert_search_characters_idx",
    }
    for q, index in expectations.items():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        plan = Expert.objects.filter(matching(Query.parse(q))).order_by().only("pk").explain()
        assert index in plan, plan


def test_a_long_project_row_moves_its_summaries_out_before_its_search_columns(db):
    """Ranking reads every match's document. PostgreSQL moves EXTENDED columns out of a row that is
    too long before MAIN ones, so the storage settings decide (projects migration 0008)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attname, attstorage FROM pg_attribute "
            "WHERE attrelid = 'projects_cooperationproject'::regclass AND attname = ANY(%s)",
            [["search_document", "search_text", "summary_en"]],
        )
        storage = dict(cursor.fetchall())
    assert storage == {"search_document": "m", "search_text": "m", "summary_en": "x"}


def test_a_name_that_begins_with_the_search_comes_first(member_client, records):
    for q in ("山田", "yamada", "ヤマダ"):
        response = member_client.get(reverse("experts:list"), {"q": q})
        assert [expert.pk for expert in response.context["results"]] == [records.yamada.pk, records.oyamada.pk], q
